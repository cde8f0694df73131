package rampart.github.repo.immutable_releases_test

import data.rampart.github.repo.immutable_releases as c

repo(v) := {"attributes": {"archived": false, "immutable_releases": v}}

test_pass if {
	count(c.deny) == 0 with input as repo(true)
	count(c.unknown) == 0 with input as repo(true)
}

test_fail if {
	c.deny == {{"msg": "published releases can be changed", "path": "attributes.immutable_releases"}} with input as repo(false)
}

test_archived_passes if {
	count(c.deny) == 0 with input as {"attributes": {"archived": true, "immutable_releases": false}}
	count(c.unknown) == 0 with input as {"attributes": {"archived": true}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"archived": false}}
	count(c.deny) == 0 with input as {"attributes": {"archived": false}}
	count(c.unknown) == 1 with input as repo("on")
}
