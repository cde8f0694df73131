package rampart.aws.ec2.launch_template_public_ip_test

import data.rampart.aws.ec2.launch_template_public_ip as c

test_pass if {
	inp := {"attributes": {"name": "x", "associate_public_ip_address": false}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail if {
	count(c.deny) == 1 with input as {"attributes": {"name": "x", "associate_public_ip_address": true}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"name": "x"}}
	count(c.unknown) == 1 with input as {"attributes": {"name": "x", "associate_public_ip_address": null}}
	count(c.deny) == 0 with input as {"attributes": {"name": "x"}}
}
