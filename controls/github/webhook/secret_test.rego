package rampart.github.webhook.secret_test

import data.rampart.github.webhook.secret as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"webhooks": [{"id": 1, "has_secret": true}]}}
	count(c.unknown) == 0 with input as {"attributes": {"webhooks": [{"id": 1, "has_secret": true}]}}
}

test_fail if {
	c.deny == {{"msg": "webhook 7 has no secret", "path": "attributes.webhooks[0].has_secret"}} with input as {"attributes": {"webhooks": [{"id": 7, "has_secret": false}]}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"webhooks": [{"id": 1}]}}
}
