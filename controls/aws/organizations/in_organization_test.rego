package rampart.aws.organizations.in_organization_test

import data.rampart.aws.organizations.in_organization as c

test_pass_member if {
	count(c.deny) == 0 with input as {"scope": {"account_id": "111122223333"}, "attributes": {"in_organization": true}}
	count(c.unknown) == 0 with input as {"scope": {"account_id": "111122223333"}, "attributes": {"in_organization": true}}
}

test_fail_standalone if {
	c.deny == {{"msg": "AWS account 444455556666 is not in an AWS Organization", "path": "attributes.in_organization"}} with input as {"scope": {"account_id": "444455556666"}, "attributes": {"in_organization": false}}
}

test_unknown_missing if {
	inp := {"attributes": {}, "unknown": {"in_organization": "access denied: needs organizations:DescribeOrganization"}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}

test_unknown_wrong_type if {
	count(c.deny) == 0 with input as {"attributes": {"in_organization": "false"}}
	count(c.unknown) == 1 with input as {"attributes": {"in_organization": "false"}}
}
