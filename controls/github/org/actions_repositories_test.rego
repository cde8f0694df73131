package rampart.github.org.actions_repositories_test

import data.rampart.github.org.actions_repositories as c

org(v) := {"attributes": {"actions": {"enabled_repositories": v}}}

test_pass if {
	every v in ["selected", "none"] {
		count(c.deny) == 0 with input as org(v)
		count(c.unknown) == 0 with input as org(v)
	}
}

test_fail if {
	c.deny == {{"msg": "GitHub Actions is enabled for every repository", "path": "attributes.actions.enabled_repositories"}} with input as org("all")
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as org("some")
}
