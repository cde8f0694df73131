package rampart.aws.iam.console_mfa_test

import data.rampart.aws.iam.console_mfa as c

test_pass_with_mfa if {
	inp := {"attributes": {"user_name": "alice", "password_enabled": true, "mfa_devices": [{"serial_number": "arn:aws:iam::111122223333:mfa/alice"}]}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_without_console if {
	count(c.deny) == 0 with input as {"attributes": {"user_name": "ci", "password_enabled": false, "mfa_devices": []}}
}

test_fail_console_without_mfa if {
	count(c.deny) == 1 with input as {"attributes": {"user_name": "bob", "password_enabled": true, "mfa_devices": []}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"user_name": "bob"}}
	count(c.unknown) == 1 with input as {"attributes": {"user_name": "bob", "password_enabled": true}}
	count(c.deny) == 0 with input as {"attributes": {"user_name": "bob", "password_enabled": true}}
}

test_fail_without_user_name if {
	c.deny == {{"msg": "IAM user \"arn:aws:iam::111122223333:user/x\" has a console password and no MFA device", "path": "attributes.mfa_devices"}} with input as {"id": "arn:aws:iam::111122223333:user/x", "attributes": {"password_enabled": true, "mfa_devices": []}}
}
