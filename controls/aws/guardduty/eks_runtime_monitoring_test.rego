package rampart.aws.guardduty.eks_runtime_monitoring_test

import data.rampart.aws.guardduty.eks_runtime_monitoring as c

detector(features) := {"attributes": {"status": "ENABLED", "features": features}}

test_pass if {
	count(c.deny) == 0 with input as detector({"runtime_monitoring": {"status": "ENABLED", "additional": {"eks_addon_management": "ENABLED"}}})
	count(c.unknown) == 0 with input as detector({"runtime_monitoring": {"status": "ENABLED", "additional": {"eks_addon_management": "ENABLED"}}})
	count(c.deny) == 0 with input as detector({"eks_runtime_monitoring": {"status": "ENABLED", "additional": {}}})
	count(c.unknown) == 0 with input as detector({"eks_runtime_monitoring": {"status": "ENABLED", "additional": {}}})
}

test_fail if {
	c.deny == {{"msg": "GuardDuty Runtime Monitoring does not cover EKS (runtime monitoring ENABLED, EKS add-on management DISABLED)", "path": "attributes.features.runtime_monitoring"}} with input as detector({"runtime_monitoring": {"status": "ENABLED", "additional": {"eks_addon_management": "DISABLED"}}})
	c.deny == {{"msg": "GuardDuty Runtime Monitoring does not cover EKS (runtime monitoring DISABLED, EKS add-on management not listed)", "path": "attributes.features.runtime_monitoring"}} with input as detector({"runtime_monitoring": {"status": "DISABLED", "additional": {}}, "eks_runtime_monitoring": {"status": "DISABLED", "additional": {}}})
}

test_unknown_when_missing if {
	c.unknown == {{"msg": "GuardDuty EKS runtime monitoring is unknown: the detector's features do not name it", "path": "attributes.features.runtime_monitoring"}} with input as detector({})
	count(c.deny) == 0 with input as detector({})
	count(c.unknown) == 1 with input as detector({"runtime_monitoring": {"status": "ENABLED", "additional": {}}})
	count(c.deny) == 0 with input as detector({"runtime_monitoring": {"status": "ENABLED", "additional": {}}})
	count(c.unknown) == 1 with input as detector({"runtime_monitoring": {"status": "DISABLED", "additional": {}}, "eks_runtime_monitoring": {"additional": {}}})
	count(c.deny) == 0 with input as detector({"runtime_monitoring": {"status": "DISABLED", "additional": {}}, "eks_runtime_monitoring": {"additional": {}}})
}
