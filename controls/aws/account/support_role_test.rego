package rampart.aws.account.support_role_test

import data.rampart.aws.account.support_role as c

test_pass_role if {
	inp := {"attributes": {"account_id": "111122223333", "support_roles": ["incident-support"]}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_none_absence if {
	c.deny == {{"msg": "account 111122223333 has no role with the AWSSupportAccess policy", "path": "attributes.support_roles"}} with input as {"attributes": {"account_id": "111122223333", "support_roles": []}}
}

test_unknown if {
	every inp in [
		{"attributes": {}},
		{"attributes": {"support_roles": null}},
		{"attributes": {"support_roles": "incident-support"}},
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
