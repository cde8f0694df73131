package rampart.aws.account.root_hardware_mfa_test

import data.rampart.aws.account.root_hardware_mfa as c

acct(mfa, virtual) := {"attributes": {"root": {"mfa_active": mfa}, "root_virtual_mfa": virtual}}

test_pass_hardware if {
	count(c.deny) == 0 with input as acct(true, false)
	count(c.unknown) == 0 with input as acct(true, false)
}

test_fail_virtual if {
	c.deny == {{"msg": "the root user's MFA is a virtual device, not hardware", "path": "attributes.root_virtual_mfa"}} with input as acct(true, true)
}

test_fail_no_mfa if {
	c.deny == {{"msg": "the root user has no MFA device at all", "path": "attributes.root.mfa_active"}} with input as acct(false, false)
}

test_unknown if {
	every inp in [
		{"attributes": {"root": {"mfa_active": true}}},
		{"attributes": {"root_virtual_mfa": false}},
		acct(true, "false"),
		acct("true", false),
		{"attributes": {"root": {"mfa_active": true}}, "unknown": {"root_virtual_mfa": "AccessDenied (missing permission: iam:ListVirtualMFADevices)"}},
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
