package rampart.github.repo.deploy_keys_test

import data.rampart.github.repo.deploy_keys as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"deploy_keys": [{"title": "ci", "read_only": true}]}}
	count(c.unknown) == 0 with input as {"attributes": {"deploy_keys": []}}
}

test_fail if {
	c.deny == {{"msg": "deploy key \"ci\" has write access", "path": "attributes.deploy_keys[1].read_only"}} with input as {"attributes": {"deploy_keys": [{"title": "ro", "read_only": true}, {"title": "ci", "read_only": false}]}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"deploy_keys": [{"title": "x"}]}}
}
