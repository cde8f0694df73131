package rampart.github.repo.branch_protected_test

import data.rampart.github.repo.branch_protected as c

protected := {"attributes": {"default_branch": "main", "archived": false, "default_branch_protection": {"protected": true}}}

unprotected := {"attributes": {"default_branch": "main", "archived": false, "default_branch_protection": {"protected": false}}}

test_pass_protected if {
	count(c.deny) == 0 with input as protected
	count(c.unknown) == 0 with input as protected
}

test_fail_unprotected if {
	c.deny == {{"msg": "default branch \"main\" is not protected by branch protection or a ruleset", "path": "attributes.default_branch_protection.protected"}} with input as unprotected
}

test_archived_passes if {
	count(c.deny) == 0 with input as json.patch(unprotected, [{"op": "replace", "path": "/attributes/archived", "value": true}])
}

test_unknown_when_not_collected if {
	count(c.unknown) == 1 with input as {"attributes": {"default_branch": "main"}, "unknown": {"default_branch_protection": "403: needs administration:read"}}
	count(c.deny) == 0 with input as {"attributes": {"default_branch": "main"}}
}

# An empty repository has no default branch name; the missing name in the
# message must not make the deny rule undefined (a silent pass).
test_fail_without_branch_name if {
	count(c.deny) == 1 with input as {"id": "github.com/acme/empty", "attributes": {"archived": false, "default_branch_protection": {"protected": false}}}
}
