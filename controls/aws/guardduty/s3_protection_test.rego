package rampart.aws.guardduty.s3_protection_test

import data.rampart.aws.guardduty.s3_protection as c

detector(features) := {"attributes": {"status": "ENABLED", "features": features}}

test_pass if {
	count(c.deny) == 0 with input as detector({"s3_data_events": {"status": "ENABLED", "additional": {}}})
	count(c.unknown) == 0 with input as detector({"s3_data_events": {"status": "ENABLED", "additional": {}}})
}

test_fail if {
	c.deny == {{"msg": "GuardDuty S3 protection is DISABLED on this detector", "path": "attributes.features.s3_data_events.status"}} with input as detector({"s3_data_events": {"status": "DISABLED", "additional": {}}})
}

test_unknown_when_missing if {
	c.unknown == {{"msg": "GuardDuty S3 protection is unknown: the detector's features do not name it", "path": "attributes.features.s3_data_events.status"}} with input as detector({})
	count(c.unknown) == 1 with input as {"attributes": {}, "unknown": {"features": "not set"}}
	count(c.deny) == 0 with input as {"attributes": {}}
}
