package rampart.aws.s3.mfa_delete_test

import data.rampart.aws.s3.mfa_delete as c

test_pass_enabled if {
	inp := {"attributes": {"name": "b", "versioning": {"enabled": true, "mfa_delete": true}}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_disabled if {
	count(c.deny) == 1 with input as {"attributes": {"name": "b", "versioning": {"enabled": true, "mfa_delete": false}}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"name": "b"}}
	count(c.unknown) == 1 with input as {"attributes": {"name": "b", "versioning": {"mfa_delete": "Enabled"}}}
	count(c.deny) == 0 with input as {"attributes": {"name": "b", "versioning": {"mfa_delete": "Enabled"}}}
}
