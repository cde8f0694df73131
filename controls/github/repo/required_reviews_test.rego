package rampart.github.repo.required_reviews_test

import data.rampart.github.repo.required_reviews as c

repo(reviews, classification) := {
	"system": {"classification": classification},
	"attributes": {"archived": false, "default_branch_protection": {"protected": true, "required_approving_review_count": reviews}},
}

test_pass_one_review_internal if {
	count(c.deny) == 0 with input as repo(1, "internal")
	count(c.unknown) == 0 with input as repo(1, "internal")
}

test_pass_two_reviews_confidential if {
	count(c.deny) == 0 with input as repo(2, "confidential")
}

test_fail_one_review_confidential if {
	count(c.deny) == 1 with input as repo(1, "confidential")
	count(c.deny) == 1 with input as repo(1, "restricted")
}

test_fail_zero_reviews if {
	count(c.deny) == 1 with input as repo(0, "internal")
}

test_fail_unprotected if {
	count(c.deny) == 1 with input as {"attributes": {"archived": false, "default_branch_protection": {"protected": false}}}
}

test_unknown_count_missing if {
	count(c.deny) == 0 with input as {"attributes": {"archived": false, "default_branch_protection": {"protected": true}}}
	count(c.unknown) == 1 with input as {"attributes": {"archived": false, "default_branch_protection": {"protected": true}}}
	count(c.unknown) == 1 with input as {"attributes": {"archived": false}}
}

# A null, "false" or 0 archived flag must neither exempt the repository nor
# be ignored: the control cannot tell whether it applies.
test_unknown_archived_not_boolean if {
	every v in [null, "false", 0, {}] {
		{"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} in c.unknown with input as {"attributes": {"archived": v}}
	}
	count(c.unknown) == 0 with input as json.patch({"attributes": {}}, [{"op": "add", "path": "/attributes/archived", "value": true}])
}
