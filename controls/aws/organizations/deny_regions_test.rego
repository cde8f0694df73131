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

with_allowed(inp, regions) := object.union(inp, {"settings": {"allowed_regions": regions}})

test_pass_open_regions_all_allowed if {
	inp := with_allowed(org([scp("regions", region_doc(allowed), root)]), ["eu-west-1", "us-east-1", "eu-central-1"])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_open_region_not_allowed if {
	inp := with_allowed(org([scp("regions", region_doc(allowed), root)]), ["eu-west-1"])
	c.deny == {{"msg": "the SCPs on the root of the organisation of account 111122223333 leave us-east-1 open, which settings allowed_regions (eu-west-1) does not list", "path": "related.scps"}} with input as inp
}

test_fail_pattern_not_allowed if {
	cond := {"StringNotLike": {"aws:RequestedRegion": ["eu-west-?"]}}
	inp := with_allowed(org([scp("regions", region_doc(cond), root)]), ["eu-west-1"])
	c.deny == {{"msg": "the SCPs on the root of the organisation of account 111122223333 leave eu-west-? open, which settings allowed_regions (eu-west-1) does not list", "path": "related.scps"}} with input as inp
}

# Two region denies on the root: only what both leave open is open.
test_pass_two_denies_intersect if {
	narrow := {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}
	inp := with_allowed(org([scp("wide", region_doc(allowed), root), scp("narrow", region_doc(narrow), root)]), ["eu-west-1"])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_unknown_undecided_scp_may_close if {
	undecided := {"id": "p-x", "attributes": {"name": "x", "targets": root}, "unknown": {"document": "known after apply"}}
	inp := with_allowed(org([scp("regions", region_doc(allowed), root), undecided]), ["eu-west-1"])
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "the SCPs on the root leave us-east-1 open, outside settings allowed_regions, unless an SCP whose content or attachment is unknown closes them", "path": "related.scps"}} with input as inp
}

test_unknown_setting_not_a_list if {
	inp := with_allowed(org([scp("regions", region_doc(allowed), root)]), "eu-west-1")
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "settings allowed_regions is not a list of region names", "path": "settings.allowed_regions"}} with input as inp
}
