package rampart.github.repo.codeowners_test

import data.rampart.github.repo.codeowners as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"archived": false, "has_codeowners": true}}
	count(c.unknown) == 0 with input as {"attributes": {"archived": false, "has_codeowners": true}}
}

test_fail if {
	c.deny == {{"msg": "the repository has no CODEOWNERS file", "path": "attributes.has_codeowners"}} with input as {"attributes": {"archived": false, "has_codeowners": false}}
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as {"attributes": {"archived": false}}
	count(c.unknown) == 1 with input as {"attributes": {"archived": false}}
	count(c.unknown) == 1 with input as {"attributes": {"archived": false, "has_codeowners": "yes"}}
}

test_archived_passes if {
	count(c.deny) == 0 with input as {"attributes": {"archived": true, "has_codeowners": false}}
	count(c.unknown) == 0 with input as {"attributes": {"archived": true}}
}

# A null, "false" or 0 archived flag must neither exempt the repository nor
# be ignored: the control cannot tell whether it applies.
test_unknown_archived_not_boolean if {
	every v in [null, "false", 0, {}] {
		{"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} in c.unknown with input as {"attributes": {"archived": v}}
	}
	count(c.unknown) == 0 with input as json.patch({"attributes": {}}, [{"op": "add", "path": "/attributes/archived", "value": true}])
}
