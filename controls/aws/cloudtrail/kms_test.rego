package rampart.aws.cloudtrail.kms_test

import data.rampart.aws.cloudtrail.kms as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"name": "x", "kms_encrypted": true}}
	count(c.unknown) == 0 with input as {"attributes": {"name": "x", "kms_encrypted": true}}
}

test_fail if {
	count(c.deny) == 1 with input as {"attributes": {"name": "x", "kms_encrypted": false}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"name": "x"}}
	count(c.deny) == 0 with input as {"attributes": {"name": "x"}}
}
