package rampart.aws.s3.versioning_test

import data.rampart.aws.s3.versioning as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"name": "b", "versioning": {"enabled": true}}}
	count(c.unknown) == 0 with input as {"attributes": {"name": "b", "versioning": {"enabled": true}}}
}

test_fail if {
	count(c.deny) == 1 with input as {"attributes": {"name": "b", "versioning": {"enabled": false}}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"name": "b"}}
	count(c.deny) == 0 with input as {"attributes": {"name": "b"}}
}
