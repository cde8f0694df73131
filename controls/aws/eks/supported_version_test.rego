package rampart.aws.eks.supported_version_test

import data.rampart.aws.eks.supported_version as c

cl(v) := {"attributes": {"name": "k", "version": v}}

# 2026-11-27, the clock of the example audits.
now := 1795737600000000000

test_pass if {
	every inp in [cl("1.34")] {
		count(c.deny) == 0 with input as inp with time.now_ns as now
		count(c.unknown) == 0 with input as inp with time.now_ns as now
	}
}

test_fail if {
	c.deny == {{"msg": "EKS cluster k runs Kubernetes 1.29, out of standard support since 2025-03-23 (extended support ended 2026-03-23)", "path": "attributes.version"}} with input as cl("1.29") with time.now_ns as now
	c.deny == {{"msg": "EKS cluster k runs Kubernetes 1.32, out of standard support since 2026-03-23 (extended support until 2027-03-23)", "path": "attributes.version"}} with input as cl("1.32") with time.now_ns as now
	c.deny == {{"msg": "EKS cluster k runs Kubernetes 1.21, which AWS no longer supports", "path": "attributes.version"}} with input as cl("1.21") with time.now_ns as now
}

test_unknown if {
	every inp in [cl(null), cl("1.40"), cl("latest")] {
		count(c.deny) == 0 with input as inp with time.now_ns as now
		count(c.unknown) == 1 with input as inp with time.now_ns as now
	}
}
