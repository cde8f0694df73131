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

# Terraform reads the argument: absent is no profile, a reference the
# mapping cannot place is unknown.
test_terraform_fail_without_profile if {
	inp := {"scope": {"platform": "terraform"}, "attributes": {"instance_id": "aws_instance.app"}, "unknown": {"state": "unknown until apply"}}
	c.deny == {{"msg": "instance aws_instance.app has no instance profile", "path": "attributes.iam_instance_profile"}} with input as inp
	count(c.unknown) == 0 with input as inp
}

test_terraform_pass_with_profile if {
	inp := {"scope": {"platform": "terraform"}, "attributes": {"instance_id": "aws_instance.app", "iam_instance_profile": "app"}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_terraform_unknown_profile if {
	inp := {"scope": {"platform": "terraform"}, "attributes": {"instance_id": "aws_instance.app"}, "unknown": {"iam_instance_profile": "variable \"profile\" has no default"}}
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "the instance profile is unknown: variable \"profile\" has no default", "path": "attributes.iam_instance_profile"}} with input as inp
}
