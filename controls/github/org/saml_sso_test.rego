package rampart.github.org.saml_sso_test

import data.rampart.github.org.saml_sso as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"saml_sso_enabled": true}}
	count(c.unknown) == 0 with input as {"attributes": {"saml_sso_enabled": true}}
}

test_fail if {
	c.deny == {{"msg": "the organization does not use SAML single sign-on", "path": "attributes.saml_sso_enabled"}} with input as {"attributes": {"saml_sso_enabled": false}}
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {"saml_sso_enabled": "yes"}}
	count(c.unknown) == 1 with input as {"attributes": {"saml_sso_enabled": null}}
}
