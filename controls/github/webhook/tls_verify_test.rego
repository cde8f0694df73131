package rampart.github.webhook.tls_verify_test

import data.rampart.github.webhook.tls_verify as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"webhooks": [{"id": 1, "insecure_ssl": false}]}}
	count(c.unknown) == 0 with input as {"attributes": {"webhooks": [{"id": 1, "insecure_ssl": false}]}}
}

test_fail if {
	c.deny == {{"msg": "webhook 7 does not verify the TLS certificate", "path": "attributes.webhooks[0].insecure_ssl"}} with input as {"attributes": {"webhooks": [{"id": 7, "insecure_ssl": true}]}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"webhooks": [{"id": 1, "insecure_ssl": "0"}]}}
}
