package rampart.aws.guardduty.high_findings_test

import data.rampart.aws.guardduty.high_findings as c

settings := {"alert_severity": {"critical": "critical", "high": "high", "medium": "medium", "low": "low"}}

detector(findings) := {"attributes": {"findings": findings}, "settings": settings}

test_pass if {
	count(c.deny) == 0 with input as detector([{"type": "Recon:EC2/PortProbeUnprotectedPort", "severity": "low"}, {"type": "Policy:S3/BucketAnonymousAccessGranted", "severity": "medium"}])
	count(c.unknown) == 0 with input as detector([])
}

test_fail if {
	c.deny == {{"msg": "high GuardDuty finding Backdoor:EC2/C&CActivity.B on i-0aaa: Instance queried a C&C server", "path": "attributes.findings[1]"}} with input as detector([{"severity": "low"}, {"type": "Backdoor:EC2/C&CActivity.B", "severity": "high", "resource": "i-0aaa", "title": "Instance queried a C&C server"}])
	count(c.deny) == 1 with input as detector([{"type": "CryptoCurrency:EC2/BitcoinTool.B", "severity": "critical"}])
	count(c.deny) == 1 with input as detector([{"type": "X"}])
}

test_unknown_when_missing if {
	c.unknown == {{"msg": "the detector's open findings are unknown: guardduty:GetFindings failed: timeout", "path": "attributes.findings"}} with input as {"attributes": {}, "unknown": {"findings": "guardduty:GetFindings failed: timeout"}, "settings": settings}
	count(c.deny) == 0 with input as {"attributes": {}, "settings": settings}
	count(c.unknown) == 1 with input as detector(["f"])
	count(c.unknown) == 1 with input as {"attributes": {"findings": [{"severity": "high"}]}}
	count(c.deny) == 0 with input as {"attributes": {"findings": [{"severity": "high"}]}}
}
