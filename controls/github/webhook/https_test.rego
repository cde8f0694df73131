package rampart.github.webhook.https_test

import data.rampart.github.webhook.https as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"webhooks": [{"id": 1, "url_scheme": "https"}]}}
	count(c.unknown) == 0 with input as {"attributes": {"webhooks": []}}
}

test_fail if {
	c.deny == {{"msg": "webhook 7 delivers over plain HTTP", "path": "attributes.webhooks[0].url_scheme"}} with input as {"attributes": {"webhooks": [{"id": 7, "url_scheme": "http"}]}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"webhooks": [{"id": 1}]}}
}

test_unknown_scheme_wrong_type if {
	every hook in [{"id": 1, "url_scheme": 1}, {"id": 1, "url_scheme": false}, null] {
		count(c.unknown) == 1 with input as {"attributes": {"webhooks": [hook]}}
	}
}
