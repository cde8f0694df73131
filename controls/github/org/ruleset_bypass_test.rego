package rampart.github.org.ruleset_bypass_test

import data.rampart.github.org.ruleset_bypass as c

org(rs) := {"attributes": {"rulesets": rs}}

test_pass if {
	count(c.deny) == 0 with input as org([{"name": "main", "bypass_actor_count": 0}])
	count(c.unknown) == 0 with input as org([{"name": "main", "bypass_actor_count": 0}])
	count(c.deny) == 0 with input as org([])
}

test_fail if {
	c.deny == {{"msg": "organization ruleset \"main\" has 2 bypass actor(s)", "path": "attributes.rulesets"}} with input as org([{"name": "main", "bypass_actor_count": 2}, {"name": "tags", "bypass_actor_count": 0}])
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as org([{"name": "main"}])
	count(c.unknown) == 1 with input as org([{"name": "main", "bypass_actor_count": "2"}])
	count(c.deny) == 0 with input as org([{"name": "main", "bypass_actor_count": "2"}])
}
