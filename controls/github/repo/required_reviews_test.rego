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
	count(c.deny) == 1 with input as {"attributes": {"default_branch_protection": {"protected": false}}}
}

test_unknown_count_missing if {
	count(c.deny) == 0 with input as {"attributes": {"default_branch_protection": {"protected": true}}}
	count(c.unknown) == 1 with input as {"attributes": {"default_branch_protection": {"protected": true}}}
	count(c.unknown) == 1 with input as {"attributes": {}}
}
