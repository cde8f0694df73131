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

# Whether a key can rotate depends on its spec and state; without them the
# control cannot tell an exempt key from a non-rotating one.
test_unknown_spec_or_state if {
	every field in ["key_spec", "key_state"] {
		every v in [null, 0, true, [], {}] {
			inp := key({"rotation_enabled": false, field: v})
			count(c.deny) == 0 with input as inp
			count(c.unknown) == 1 with input as inp
		}
		count(c.unknown) == 1 with input as {"attributes": object.remove(key({"rotation_enabled": false}).attributes, [field])}
	}
	count(c.unknown) == 0 with input as key({"customer_managed": false, "key_spec": null})
}

test_pass_asymmetric_key if {
	count(c.deny) == 0 with input as key({"key_spec": "RSA_2048", "rotation_enabled": false})
	count(c.unknown) == 0 with input as key({"key_spec": "RSA_2048", "rotation_enabled": false})
}
