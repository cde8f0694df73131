package rampart.aws.organizations.deny_leave_test

import data.rampart.aws.organizations.deny_leave as c

leave := {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]}

full := {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}

root := [{"target_id": "r-a1", "type": "ROOT"}]

scp(name, doc, targets) := {"type": "aws.organizations.policy", "id": name, "attributes": {"name": name, "document": doc, "targets": targets}}

org(scps) := {"scope": {"account_id": "111122223333"}, "attributes": {"in_organization": true, "scp_enabled": true}, "related": {"scps": scps}}

test_pass_on_root if {
	inp := org([scp("FullAWSAccess", full, root), scp("no-leaving", leave, root)])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_with_break_glass_exemption if {
	doc := {"Statement": [{"Effect": "Deny", "Action": "organizations:*", "Resource": "*", "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/break-glass"}}}]}
	count(c.deny) == 0 with input as org([scp("guard", doc, root)])
}

test_fail_none if {
	c.deny == {{"msg": "no SCP attached to the root of the organisation of account 111122223333 denies organizations:LeaveOrganization (1 SCPs)", "path": "related.scps"}} with input as org([scp("FullAWSAccess", full, root)])
}

test_fail_detached_proves_nothing if {
	c.deny == {{"msg": "no SCP attached to the root of the organisation of account 111122223333 denies organizations:LeaveOrganization (1 SCPs)", "path": "related.scps"}} with input as org([scp("draft", leave, [])])
}

test_fail_only_on_an_ou if {
	c.deny == {{"msg": "SCP no-leaving denies organizations:LeaveOrganization but is attached only to ou-a1-x, not the root: other accounts may leave", "path": "related.scps"}} with input as org([scp("no-leaving", leave, [{"target_id": "ou-a1-x", "type": "ORGANIZATIONAL_UNIT"}])])
}

test_fail_condition_limits_to_one_principal if {
	doc := {"Statement": [{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*", "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/dev"}}}]}
	count(c.deny) == 1 with input as org([scp("narrow", doc, root)])
}

test_fail_exemption_of_everyone if {
	doc := {"Statement": [{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*", "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/*"}}}]}
	count(c.deny) == 1 with input as org([scp("wide", doc, root)])
}

test_fail_scps_disabled if {
	inp := {"scope": {"account_id": "1"}, "attributes": {"in_organization": true, "scp_enabled": false}, "related": {"scps": [scp("no-leaving", leave, root)]}}
	c.deny == {{"msg": "AWS account 1 has service control policies disabled on the organisation's root, so none is enforced", "path": "attributes.scp_enabled"}} with input as inp
}

test_fail_not_in_organization if {
	inp := {"scope": {"account_id": "1"}, "attributes": {"in_organization": false}, "related": {"scps": []}}
	count(c.deny) == 1 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_unknown_unreadable_document if {
	inp := org([scp("FullAWSAccess", full, root), {"id": "p-x", "attributes": {"name": "x", "targets": root}, "unknown": {"document": "DescribePolicy failed"}}])
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "what SCP x denies is unknown", "path": "related.scps"}} with input as inp
}

test_unknown_targets_after_apply if {
	inp := org([scp("no-leaving", leave, [{"target_id": "", "type": ""}])])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}

test_pass_wins_over_undecided if {
	inp := org([scp("no-leaving", leave, root), {"id": "p-x", "attributes": {}}])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
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
