package rampart.github.repo.codeowners_test

import data.rampart.github.repo.codeowners as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"has_codeowners": true}}
	count(c.unknown) == 0 with input as {"attributes": {"has_codeowners": true}}
}

test_fail if {
	c.deny == {{"msg": "the repository has no CODEOWNERS file", "path": "attributes.has_codeowners"}} with input as {"attributes": {"has_codeowners": false}}
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"has_codeowners": "yes"}}
}

test_archived_passes if {
	count(c.deny) == 0 with input as {"attributes": {"archived": true, "has_codeowners": false}}
	count(c.unknown) == 0 with input as {"attributes": {"archived": true}}
}
