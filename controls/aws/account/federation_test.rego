package rampart.aws.account.federation_test

import data.rampart.aws.account.federation as c

acct(saml, oidc) := {"attributes": {"account_id": "111122223333", "saml_providers": saml, "oidc_providers": oidc}}

test_pass_saml_or_oidc if {
	every inp in [acct(1, 0), acct(0, 2), acct(1, 1)] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_pass_one_known_provider_settles_it if {
	inp := {"attributes": {"saml_providers": 1}, "unknown": {"oidc_providers": "AccessDenied"}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_none if {
	c.deny == {{"msg": "account 111122223333 has no SAML or OpenID Connect identity provider (no federation or IAM Identity Center)", "path": "attributes.saml_providers"}} with input as acct(0, 0)
}

test_unknown if {
	every inp in [
		{"attributes": {"saml_providers": 0}},
		{"attributes": {"oidc_providers": 0}},
		acct("0", 0),
		acct(0, null),
		acct(-1, 0),
		{"attributes": {}},
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) >= 1 with input as inp
	}
}
