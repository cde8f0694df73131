package rampart.aws.account.contact_information_test

import data.rampart.aws.account.contact_information as c

test_pass_configured if {
	inp := {"attributes": {"contact_information": {"configured": true}}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_incomplete if {
	inp := {"attributes": {"contact_information": {"configured": false}}}
	count(c.deny) == 1 with input as inp
}

test_unknown_missing_or_mistyped if {
	every inp in [
		{"attributes": {}},
		{"attributes": {"contact_information": {}}},
		{"attributes": {"contact_information": {"configured": "false"}}},
		{"attributes": {"contact_information": null}},
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
