package rampart.aws.cloudtrail.log_validation_test

import data.rampart.aws.cloudtrail.log_validation as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"name": "x", "log_file_validation_enabled": true}}
	count(c.unknown) == 0 with input as {"attributes": {"name": "x", "log_file_validation_enabled": true}}
}

test_fail if {
	count(c.deny) == 1 with input as {"attributes": {"name": "x", "log_file_validation_enabled": false}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"name": "x"}}
	count(c.deny) == 0 with input as {"attributes": {"name": "x"}}
}
