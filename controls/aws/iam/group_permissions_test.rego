package rampart.aws.iam.group_permissions_test

import data.rampart.aws.iam.group_permissions as c

test_pass_groups_only if {
	inp := {"attributes": {"attached_policies": [], "inline_policies": [], "groups": ["developers"]}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_direct if {
	count(c.deny) == 2 with input as {"attributes": {"attached_policies": [{"policy_name": "admin-all"}], "inline_policies": ["extra"]}}
}

test_unknown_missing if {
	count(c.unknown) == 2 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
}
