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

test_fail_inline_with_document if {
	inp := {"attributes": {"attached_policies": [], "inline_policies": [{"name": "bob-extra", "document": {"Statement": []}}, {"document": {}}]}}
	msgs := {d.msg | some d in c.deny with input as inp}
	msgs == {"inline policy bob-extra is embedded in the user", "inline policy (no name) is embedded in the user"}
}

test_unknown_missing if {
	count(c.unknown) == 2 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
}
