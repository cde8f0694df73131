package rampart.github.repo.signed_commits_test

import data.rampart.github.repo.signed_commits as c

repo(class, p) := {"settings": {"signed_commits": "confidential"}, "system": {"classification": class}, "attributes": {"archived": false, "default_branch_protection": p}}

scope_all(class, p) := json.patch(repo(class, p), [{"op": "replace", "path": "/settings/signed_commits", "value": "all"}])

test_pass if {
	count(c.deny) == 0 with input as repo("confidential", {"protected": true, "required_signatures": true})
	count(c.unknown) == 0 with input as repo("confidential", {"protected": true, "required_signatures": true})
	count(c.deny) == 0 with input as repo("internal", {"protected": true, "required_signatures": false})
}

test_fail if {
	count(c.deny) == 1 with input as repo("confidential", {"protected": true, "required_signatures": false})
	count(c.deny) == 1 with input as repo("restricted", {"protected": false})
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as repo("confidential", {"protected": true})
	count(c.deny) == 0 with input as repo("confidential", {"protected": true})
	count(c.unknown) == 1 with input as {"settings": {"signed_commits": "confidential"}, "system": {"classification": "confidential"}, "attributes": {"archived": false}}
}

# A null, "false" or 0 archived flag must neither exempt the repository nor
# be ignored: the control cannot tell whether it applies.
test_unknown_archived_not_boolean if {
	every v in [null, "false", 0, {}] {
		{"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} in c.unknown with input as {"settings": {"signed_commits": "confidential"}, "system": {"classification": "confidential"}, "attributes": {"archived": v}}
	}
	count(c.unknown) == 0 with input as json.patch({"settings": {"signed_commits": "confidential"}, "system": {"classification": "confidential"}, "attributes": {}}, [{"op": "add", "path": "/attributes/archived", "value": true}])
}

# signed_commits = "all" in the workspace: every default branch, whatever
# its system's classification.
test_scope_all if {
	c.deny == {{"msg": "the default branch accepts unsigned commits", "path": "attributes.default_branch_protection.required_signatures"}} with input as scope_all("internal", {"protected": true, "required_signatures": false})
	count(c.deny) == 1 with input as scope_all("public", {"protected": false})
	count(c.deny) == 0 with input as scope_all("internal", {"protected": true, "required_signatures": true})
}

test_unknown_without_setting if {
	count(c.deny) == 0 with input as {"system": {"classification": "confidential"}, "attributes": {"archived": false, "default_branch_protection": {"protected": true, "required_signatures": false}}}
	c.unknown == {{"msg": "the run gave no signed_commits setting (all or confidential)", "path": "settings.signed_commits"}} with input as {"system": {"classification": "confidential"}, "attributes": {"archived": false, "default_branch_protection": {"protected": true, "required_signatures": false}}}
}
