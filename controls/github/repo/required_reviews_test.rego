package rampart.github.repo.required_reviews_test

import data.rampart.github.repo.required_reviews as c

repo(reviews, classification) := {
	"settings": {"required_approving_reviews": 1},
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
	count(c.deny) == 1 with input as {"settings": {"required_approving_reviews": 1}, "attributes": {"archived": false, "default_branch_protection": {"protected": false}}}
}

# required_approving_reviews = 2 in the workspace: one approval fails
# everywhere, and 3 is needed for confidential systems only if set to 3.
test_setting_raises_the_minimum if {
	count(c.deny) == 1 with input as json.patch(repo(1, "internal"), [{"op": "replace", "path": "/settings/required_approving_reviews", "value": 2}])
	count(c.deny) == 0 with input as json.patch(repo(2, "internal"), [{"op": "replace", "path": "/settings/required_approving_reviews", "value": 2}])
	c.deny == {{"msg": "2 approving review(s) required; this confidential system needs 3", "path": "attributes.default_branch_protection.required_approving_review_count"}} with input as json.patch(repo(2, "confidential"), [{"op": "replace", "path": "/settings/required_approving_reviews", "value": 3}])
}

test_unknown_without_setting if {
	count(c.deny) == 0 with input as json.patch(repo(0, "internal"), [{"op": "remove", "path": "/settings"}])
	{"msg": "the run gave no required_approving_reviews setting", "path": "settings.required_approving_reviews"} in c.unknown with input as json.patch(repo(0, "internal"), [{"op": "remove", "path": "/settings"}])
}

test_unknown_count_missing if {
	count(c.deny) == 0 with input as {"settings": {"required_approving_reviews": 1}, "attributes": {"archived": false, "default_branch_protection": {"protected": true}}}
	count(c.unknown) == 1 with input as {"settings": {"required_approving_reviews": 1}, "attributes": {"archived": false, "default_branch_protection": {"protected": true}}}
	count(c.unknown) == 1 with input as {"settings": {"required_approving_reviews": 1}, "attributes": {"archived": false}}
}

# A null, "false" or 0 archived flag must neither exempt the repository nor
# be ignored: the control cannot tell whether it applies.
test_unknown_archived_not_boolean if {
	every v in [null, "false", 0, {}] {
		{"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} in c.unknown with input as {"attributes": {"archived": v}}
	}
	count(c.unknown) == 0 with input as json.patch({"attributes": {}}, [{"op": "add", "path": "/attributes/archived", "value": true}])
}
