package rampart.aws.guardduty.eks_audit_logs_test

import data.rampart.aws.guardduty.eks_audit_logs as c

detector(features) := {"attributes": {"status": "ENABLED", "features": features}}

test_pass if {
	count(c.deny) == 0 with input as detector({"eks_audit_logs": {"status": "ENABLED", "additional": {}}})
	count(c.unknown) == 0 with input as detector({"eks_audit_logs": {"status": "ENABLED", "additional": {}}})
}

test_fail if {
	c.deny == {{"msg": "GuardDuty EKS audit log monitoring is DISABLED on this detector", "path": "attributes.features.eks_audit_logs.status"}} with input as detector({"eks_audit_logs": {"status": "DISABLED", "additional": {}}})
}

test_unknown_when_missing if {
	c.unknown == {{"msg": "GuardDuty EKS audit log monitoring is unknown: the detector's features do not name it", "path": "attributes.features.eks_audit_logs.status"}} with input as detector({})
	count(c.unknown) == 1 with input as {"attributes": {}, "unknown": {"features": "not set"}}
	count(c.deny) == 0 with input as {"attributes": {}}
}
