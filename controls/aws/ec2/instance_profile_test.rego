package rampart.aws.ec2.instance_profile_test

import data.rampart.aws.ec2.instance_profile as c

test_pass_with_profile if {
	inp := {"attributes": {"instance_id": "i-1", "state": "running", "iam_instance_profile": "arn:aws:iam::111122223333:instance-profile/app"}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_without_profile if {
	count(c.deny) == 1 with input as {"attributes": {"instance_id": "i-1", "state": "running"}}
}

test_unknown_missing if {
	# Terraform evidence: no state, no profile
	inp := {"attributes": {"instance_id": "aws_instance.app"}, "unknown": {"state": "unknown until apply"}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
	count(c.unknown) == 1 with input as {"attributes": {"state": "running", "iam_instance_profile": null}}
	count(c.deny) == 0 with input as {"attributes": {"state": "running", "iam_instance_profile": null}}
}
