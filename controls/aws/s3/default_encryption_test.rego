package rampart.aws.s3.default_encryption_test

import data.rampart.aws.s3.default_encryption as c

bucket(alg, classification) := {
	"system": {"classification": classification},
	"attributes": {"name": "b", "encryption": {"enabled": true, "sse_algorithm": alg}},
}

test_pass_kms_confidential if {
	count(c.deny) == 0 with input as bucket("aws:kms", "confidential")
	count(c.unknown) == 0 with input as bucket("aws:kms", "confidential")
}

test_pass_sse_s3_internal if {
	count(c.deny) == 0 with input as bucket("AES256", "internal")
}

test_fail_sse_s3_confidential if {
	count(c.deny) == 1 with input as bucket("AES256", "restricted")
}

test_fail_no_encryption if {
	count(c.deny) == 1 with input as {"attributes": {"name": "b", "encryption": {"enabled": false}}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"name": "b"}}
	count(c.unknown) == 1 with input as {"attributes": {"name": "b", "encryption": {"enabled": true}}}
	count(c.deny) == 0 with input as {"attributes": {"name": "b", "encryption": {"enabled": true}}}
}
