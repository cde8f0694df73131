package rampart.aws.s3.aws_s3_090_test

import data.rampart.aws.s3.aws_s3_090 as c

on := {"id": "example", "attributes": {"encryption": {"enabled": true}}}

off := {"id": "example", "attributes": {"encryption": {"enabled": false}}}

missing := {"id": "example", "attributes": {}}

test_pass_when_on if {
	count(c.deny) == 0 with input as on
	count(c.unknown) == 0 with input as on
}

test_fail_when_off if {
	c.deny == {{"msg": "example: encryption.enabled is off", "path": "attributes.encryption.enabled"}} with input as off
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as missing
	count(c.unknown) == 1 with input as missing
}
