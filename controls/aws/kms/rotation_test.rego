package rampart.aws.kms.rotation_test

import data.rampart.aws.kms.rotation as c

key(extra) := {"attributes": object.union({"key_id": "k", "customer_managed": true, "key_spec": "SYMMETRIC_DEFAULT", "key_state": "Enabled"}, extra)}

test_pass_rotating if {
	count(c.deny) == 0 with input as key({"rotation_enabled": true})
	count(c.unknown) == 0 with input as key({"rotation_enabled": true})
}

test_pass_aws_managed if {
	count(c.deny) == 0 with input as key({"customer_managed": false})
	count(c.unknown) == 0 with input as key({"customer_managed": false})
}

test_fail_not_rotating if {
	count(c.deny) == 1 with input as key({"rotation_enabled": false})
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as key({})
	count(c.deny) == 0 with input as key({})
	count(c.unknown) == 1 with input as {"attributes": {"key_id": "k"}}
}
