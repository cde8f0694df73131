package rampart.aws.ec2.launch_template_imdsv2_test

import data.rampart.aws.ec2.launch_template_imdsv2 as c

test_pass if {
	inp := {"attributes": {"name": "x", "imdsv2_required": true}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail if {
	count(c.deny) == 1 with input as {"attributes": {"name": "x", "imdsv2_required": false}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"name": "x"}}
	count(c.unknown) == 1 with input as {"attributes": {"name": "x", "imdsv2_required": null}}
	count(c.deny) == 0 with input as {"attributes": {"name": "x"}}
}
