package rampart.aws.organizations.deny_security_off_test

import data.rampart.aws.organizations.deny_security_off as c

all_actions := [
	"guardduty:DeleteDetector", "guardduty:DisassociateFromMasterAccount", "guardduty:UpdateDetector",
	"cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail",
	"config:DeleteConfigurationRecorder", "config:StopConfigurationRecorder", "config:DeleteDeliveryChannel",
	"securityhub:DisableSecurityHub",
]

deny_doc(actions) := {"Statement": [{"Effect": "Deny", "Action": actions, "Resource": "*"}]}

root := [{"target_id": "r-a1", "type": "ROOT"}]

scp(name, doc, targets) := {"type": "aws.organizations.policy", "id": name, "attributes": {"name": name, "document": doc, "targets": targets}}

org(scps) := {"scope": {"account_id": "111122223333"}, "attributes": {"in_organization": true, "scp_enabled": true}, "related": {"scps": scps}}

test_pass_one_scp if {
	inp := org([scp("protect", deny_doc(all_actions), root)])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_spread_and_wildcards if {
	inp := org([
		scp("trail", deny_doc(["cloudtrail:StopLogging", "cloudtrail:Delete*", "cloudtrail:UpdateTrail"]), root),
		scp("rest", deny_doc(["guardduty:*", "config:Delete*", "config:StopConfigurationRecorder", "securityhub:DisableSecurityHub"]), root),
	])
	count(c.deny) == 0 with input as inp
}

test_fail_some_missing if {
	inp := org([scp("trail", deny_doc(["cloudtrail:*"]), root)])
	c.deny == {{"msg": "no SCP attached to the root of the organisation of account 111122223333 denies config:DeleteConfigurationRecorder, config:DeleteDeliveryChannel, config:StopConfigurationRecorder, guardduty:DeleteDetector, guardduty:DisassociateFromMasterAccount, guardduty:UpdateDetector, securityhub:DisableSecurityHub", "path": "related.scps"}} with input as inp
}

test_fail_only_on_an_ou if {
	inp := org([scp("protect", deny_doc(all_actions), [{"target_id": "ou-a1-w", "type": "ORGANIZATIONAL_UNIT"}]), scp("draft", deny_doc(all_actions), [])])
	c.deny == {{"msg": "no SCP attached to the root of the organisation of account 111122223333 denies cloudtrail:DeleteTrail, cloudtrail:StopLogging, cloudtrail:UpdateTrail, config:DeleteConfigurationRecorder, config:DeleteDeliveryChannel, config:StopConfigurationRecorder, guardduty:DeleteDetector, guardduty:DisassociateFromMasterAccount, guardduty:UpdateDetector, securityhub:DisableSecurityHub (attached elsewhere only: protect on ou-a1-w)", "path": "related.scps"}} with input as inp
}

test_fail_mfa_condition_does_not_count if {
	doc := {"Statement": [{"Effect": "Deny", "Action": all_actions, "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}
	count(c.deny) == 1 with input as org([scp("mfa", doc, root)])
}

test_fail_not_in_organization if {
	inp := {"scope": {"account_id": "1"}, "attributes": {"in_organization": false}, "related": {"scps": []}}
	count(c.deny) == 1 with input as inp
}

test_unknown_document if {
	inp := org([{"id": "p-x", "attributes": {"name": "x", "targets": root}}])
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "what SCP x denies is unknown", "path": "related.scps"}} with input as inp
}

test_unknown_targets if {
	inp := org([{"id": "p-x", "attributes": {"name": "x", "document": deny_doc(all_actions)}}])
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "where SCP x is attached is unknown", "path": "related.scps"}} with input as inp
}

test_unknown_enforcement if {
	inp := {"attributes": {"in_organization": true}, "related": {"scps": []}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}

test_unknown_without_related if {
	inp := {"attributes": {"in_organization": true, "scp_enabled": true}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}

test_fail_notaction_deny_does_not_count if {
	doc := {"Statement": [{"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*"}]}
	count(c.deny) == 1 with input as org([scp("lockdown", doc, root)])
}
