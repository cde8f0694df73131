package rampart.aws.s3.acls_disabled_test

import data.rampart.aws.s3.acls_disabled as c

bucket(oc) := {"attributes": {"name": "b", "ownership_controls": oc}}

test_pass if {
	inp := bucket({"configured": true, "object_ownership": "BucketOwnerEnforced"})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail if {
	count(c.deny) == 1 with input as bucket({"configured": false})
	count(c.deny) == 1 with input as bucket({"configured": true, "object_ownership": "ObjectWriter"})
	count(c.deny) == 1 with input as bucket({"configured": true, "object_ownership": "BucketOwnerPreferred"})
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"name": "b"}}
	count(c.deny) == 0 with input as {"attributes": {"name": "b"}}
	count(c.unknown) == 1 with input as bucket({"configured": true})
	count(c.deny) == 0 with input as bucket({"configured": true})
}
