package rampart.aws.organizations.deny_regions_test

import data.rampart.aws.organizations.deny_regions as c

global := ["iam:*", "organizations:*", "sts:*", "cloudfront:*", "route53:*", "support:*"]

region_doc(cond) := {"Statement": [{"Effect": "Deny", "NotAction": global, "Resource": "*", "Condition": cond}]}

allowed := {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "us-east-1"]}}

root := [{"target_id": "r-a1", "type": "ROOT"}]

scp(name, doc, targets) := {"type": "aws.organizations.policy", "id": name, "attributes": {"name": name, "document": doc, "targets": targets}}

org(scps) := {"scope": {"account_id": "111122223333"}, "attributes": {"in_organization": true, "scp_enabled": true}, "related": {"scps": scps}}

test_pass_region_deny_on_root if {
	inp := org([scp("regions", region_doc(allowed), root)])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_with_break_glass_exemption if {
	cond := {"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}, "ArnNotLike": {"aws:PrincipalArn": ["arn:aws:iam::*:role/break-glass"]}}
	count(c.deny) == 0 with input as org([scp("regions", region_doc(cond), root)])
}

test_fail_none if {
	c.deny == {{"msg": "no SCP attached to the root of the organisation of account 111122223333 denies requests outside a list of regions (0 SCPs)", "path": "related.scps"}} with input as org([])
}

test_fail_only_on_an_account if {
	inp := org([scp("regions", region_doc(allowed), [{"target_id": "555566667777", "type": "ACCOUNT"}])])
	c.deny == {{"msg": "SCP regions restricts regions but is attached only to 555566667777, not the root: other accounts may use every region", "path": "related.scps"}} with input as inp
}

test_fail_wildcard_region if {
	cond := {"StringNotLike": {"aws:RequestedRegion": "*"}}
	count(c.deny) == 1 with input as org([scp("regions", region_doc(cond), root)])
}

test_fail_exempts_ec2 if {
	doc := {"Statement": [{"Effect": "Deny", "NotAction": ["ec2:*", "iam:*"], "Resource": "*", "Condition": allowed}]}
	count(c.deny) == 1 with input as org([scp("regions", doc, root)])
}

test_fail_positive_operator if {
	cond := {"StringEquals": {"aws:RequestedRegion": ["ap-east-1"]}}
	count(c.deny) == 1 with input as org([scp("regions", region_doc(cond), root)])
}

test_unknown_document if {
	inp := org([{"id": "p-x", "attributes": {"name": "x", "targets": root}, "unknown": {"document": "known after apply"}}])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
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
