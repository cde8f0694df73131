package rampart.github.org.new_repo_advanced_security_test

import data.rampart.github.org.new_repo_advanced_security as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"new_repository_security": {"advanced_security": true}}}
	count(c.unknown) == 0 with input as {"attributes": {"new_repository_security": {"advanced_security": true}}}
}

test_fail if {
	c.deny == {{"msg": "Advanced Security is not enabled for new repositories", "path": "attributes.new_repository_security.advanced_security"}} with input as {"attributes": {"new_repository_security": {"advanced_security": false}}}
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {"new_repository_security": {"advanced_security": "yes"}}}
	count(c.unknown) == 1 with input as {"attributes": {"new_repository_security": {"advanced_security": null}}}
}
