package rampart.github.repo.private_forks_test

import data.rampart.github.repo.private_forks as c

repo(vis, fork) := {"attributes": {"archived": false, "visibility": vis, "allow_forking": fork}}

test_pass if {
	count(c.deny) == 0 with input as repo("private", false)
	count(c.unknown) == 0 with input as repo("private", false)
	count(c.deny) == 0 with input as repo("public", true)
	count(c.unknown) == 0 with input as {"attributes": {"archived": false, "visibility": "public"}}
}

test_fail if {
	c.deny == {{"msg": "this internal repository allows forking", "path": "attributes.allow_forking"}} with input as repo("internal", true)
	count(c.deny) == 1 with input as repo("private", true)
}

test_archived_passes if {
	count(c.deny) == 0 with input as {"attributes": {"archived": true, "visibility": "private", "allow_forking": true}}
	count(c.unknown) == 0 with input as {"attributes": {"archived": true}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"archived": false, "visibility": "private"}}
	count(c.unknown) == 1 with input as {"attributes": {"archived": false, "allow_forking": true}}
	count(c.deny) == 0 with input as {"attributes": {"archived": false, "allow_forking": true}}
	{"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} in c.unknown with input as {"attributes": {"visibility": "public"}}
}
