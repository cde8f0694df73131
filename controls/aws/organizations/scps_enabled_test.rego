package rampart.aws.organizations.scps_enabled_test

import data.rampart.aws.organizations.scps_enabled as c

test_pass_enabled if {
	inp := {"scope": {"account_id": "1"}, "attributes": {"in_organization": true, "scp_enabled": true}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_disabled if {
	c.deny == {{"msg": "AWS account 1 has service control policies disabled on the organisation's root, so none is enforced", "path": "attributes.scp_enabled"}} with input as {"scope": {"account_id": "1"}, "attributes": {"in_organization": true, "scp_enabled": false}}
}

test_fail_no_organization if {
	c.deny == {{"msg": "AWS account 1 is in no AWS Organization, so no service control policy applies to it", "path": "attributes.scp_enabled"}} with input as {"scope": {"account_id": "1"}, "attributes": {"in_organization": false}}
}

test_unknown_member_account if {
	inp := {"scope": {"account_id": "1"}, "attributes": {"in_organization": true}, "unknown": {"scp_enabled": "access denied: needs organizations:ListRoots"}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}
