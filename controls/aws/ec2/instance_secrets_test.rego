package rampart.aws.ec2.instance_secrets_test

import data.rampart.aws.ec2.instance_secrets as c

test_pass if {
	inp := {"attributes": {"instance_id": "x", "user_data_secrets": []}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail if {
	count(c.deny) == 2 with input as {"attributes": {"instance_id": "x", "user_data_secrets": [{"kind": "aws-access-key-id", "line": 2}, {"kind": "aws-secret-key", "line": 3}]}}
}

test_unknown_missing if {
	inp := {"attributes": {"instance_id": "x"}, "unknown": {"user_data_secrets": "user data is gzip-compressed and was not scanned"}}
	count(c.unknown) == 1 with input as inp
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as {"attributes": {"instance_id": "x"}}
}

# A malformed entry still fails (and says why): never a pass.
test_fail_malformed_entry if {
	every e in [null, {}, {"kind": "aws-secret-key"}, {"line": 2}, 0, ""] {
		count(c.deny) == 1 with input as {"attributes": {"user_data_secrets": [e]}}
		count(c.unknown) == 1 with input as {"attributes": {"user_data_secrets": [e]}}
	}
}
