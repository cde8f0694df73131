package rampart.github.repo.codeowner_review_test

import data.rampart.github.repo.codeowner_review as c

repo(owners, p) := {"attributes": {"archived": false, "has_codeowners": owners, "default_branch_protection": p}}

test_pass if {
	count(c.deny) == 0 with input as repo(true, {"protected": true, "require_code_owner_reviews": true})
	count(c.unknown) == 0 with input as repo(true, {"protected": true, "require_code_owner_reviews": true})
	count(c.deny) == 0 with input as repo(false, {"protected": false})
	count(c.unknown) == 0 with input as repo(false, {"protected": false})
}

test_fail if {
	count(c.deny) == 1 with input as repo(true, {"protected": true, "require_code_owner_reviews": false})
	count(c.deny) == 1 with input as repo(true, {"protected": false})
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"archived": false, "default_branch_protection": {"protected": true, "require_code_owner_reviews": false}}}
	count(c.deny) == 0 with input as {"attributes": {"archived": false, "default_branch_protection": {"protected": true, "require_code_owner_reviews": false}}}
	count(c.unknown) == 1 with input as repo(true, {"protected": true})
}

# A null, "false" or 0 archived flag must neither exempt the repository nor
# be ignored: the control cannot tell whether it applies.
test_unknown_archived_not_boolean if {
	every v in [null, "false", 0, {}] {
		{"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} in c.unknown with input as {"attributes": {"archived": v}}
	}
	count(c.unknown) == 0 with input as json.patch({"attributes": {}}, [{"op": "add", "path": "/attributes/archived", "value": true}])
}
