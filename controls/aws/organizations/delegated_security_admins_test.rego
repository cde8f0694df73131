package rampart.aws.organizations.delegated_security_admins_test

import data.rampart.aws.organizations.delegated_security_admins as c

org(admins) := {"scope": {"account_id": "111122223333"}, "attributes": {"in_organization": true, "organization_id": "o-a1", "delegated_administrators": admins}}

test_pass_all_three if {
	inp := org([
		{"account_id": "555566667777", "service_principals": ["guardduty.amazonaws.com", "securityhub.amazonaws.com"]},
		{"account_id": "555566667778", "service_principals": ["config-multiaccountsetup.amazonaws.com"]},
	])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_config_missing if {
	inp := org([{"account_id": "555566667777", "service_principals": ["guardduty.amazonaws.com", "securityhub.amazonaws.com"]}])
	c.deny == {{"msg": "organisation o-a1 has no delegated administrator for Config", "path": "attributes.delegated_administrators"}} with input as inp
}

test_fail_none if {
	c.deny == {{"msg": "organisation o-a1 has no delegated administrator for Config, GuardDuty, Security Hub", "path": "attributes.delegated_administrators"}} with input as org([])
}

test_fail_not_in_organization if {
	count(c.deny) == 1 with input as {"scope": {"account_id": "1"}, "attributes": {"in_organization": false}}
	count(c.unknown) == 0 with input as {"scope": {"account_id": "1"}, "attributes": {"in_organization": false}}
}

test_unknown_member_account if {
	inp := {"attributes": {"in_organization": true}, "unknown": {"delegated_administrators": "access denied: needs organizations:ListDelegatedAdministrators"}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}

test_unknown_malformed_entry if {
	inp := org([{"account_id": "555566667777"}])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}
