package rampart.aws.eks.control_plane_logging_test

import data.rampart.aws.eks.control_plane_logging as c

cl(v) := {"attributes": {"name": "k", "logging_enabled_types": v}}

test_pass if {
	count(c.deny) == 0 with input as cl(["api", "audit", "authenticator", "controllerManager", "scheduler"])
	count(c.unknown) == 0 with input as cl(["api", "audit", "authenticator", "controllerManager", "scheduler"])
}

test_fail if {
	c.deny == {{"msg": "EKS cluster k does not log authenticator, controllerManager, scheduler", "path": "attributes.logging_enabled_types"}} with input as cl(["api", "audit"])
	count(c.deny) == 1 with input as cl([])
}

test_unknown if {
	count(c.deny) == 0 with input as cl(null)
	count(c.unknown) == 1 with input as cl(null)
}
