package rampart.github.repo.branch_protected_test

import data.rampart.github.repo.branch_protected as c

protected := {"attributes": {"archived": false, "default_branch": "main", "archived": false, "default_branch_protection": {"protected": true}}}

unprotected := {"attributes": {"archived": false, "default_branch": "main", "archived": false, "default_branch_protection": {"protected": false}}}

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
	count(c.unknown) == 1 with input as {"attributes": {"archived": false, "default_branch": "main"}, "unknown": {"default_branch_protection": "403: needs administration:read"}}
	count(c.deny) == 0 with input as {"attributes": {"archived": false, "default_branch": "main"}}
}

# An empty repository has no default branch name; the missing name in the
# message must not make the deny rule undefined (a silent pass).
test_fail_without_branch_name if {
	count(c.deny) == 1 with input as {"id": "github.com/acme/empty", "attributes": {"archived": false, "default_branch_protection": {"protected": false}}}
}

# A null, "false" or 0 archived flag must neither exempt the repository nor
# be ignored: the control cannot tell whether it applies.
test_unknown_archived_not_boolean if {
	every v in [null, "false", 0, {}] {
		{"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} in c.unknown with input as {"attributes": {"archived": v}}
	}
	count(c.unknown) == 0 with input as json.patch({"attributes": {}}, [{"op": "add", "path": "/attributes/archived", "value": true}])
}
