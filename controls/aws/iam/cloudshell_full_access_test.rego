package rampart.aws.iam.cloudshell_full_access_test

import data.rampart.aws.iam.cloudshell_full_access as c

ident(ps) := {"type": "aws.iam.role", "attributes": {"role_name": "r", "attached_policies": ps}}

test_pass_other_policies if {
	inp := ident([{"policy_name": "ReadOnlyAccess", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}, {"policy_name": "AWSCloudShellFullAccess", "policy_arn": "arn:aws:iam::111122223333:policy/AWSCloudShellFullAccess"}])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
	count(c.deny) == 0 with input as ident([])
}

test_fail_attached if {
	count(c.deny) == 1 with input as ident([{"policy_name": "AWSCloudShellFullAccess", "policy_arn": "arn:aws:iam::aws:policy/AWSCloudShellFullAccess"}])
	count(c.deny) == 1 with input as {"type": "aws.iam.group", "attributes": {"attached_policies": [{"policy_arn": "arn:aws:iam::aws:policy/AWSCloudShellFullAccess"}, {"policy_name": "x"}]}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"type": "aws.iam.user", "attributes": {}}
	count(c.deny) == 0 with input as {"type": "aws.iam.user", "attributes": {}}
}

test_unknown_arn if {
	every p in [{"policy_name": "AWSCloudShellFullAccess"}, {"policy_arn": null}, "arn:aws:iam::aws:policy/AWSCloudShellFullAccess"] {
		count(c.unknown) == 1 with input as ident([p])
		count(c.deny) == 0 with input as ident([p])
	}
}

# Terraform: a policy created in the same plan has an unknown ARN, but its
# known name says it is not AWSCloudShellFullAccess.
test_pass_unknown_arn_other_name if {
	inp := ident([{"policy_name": "admin"}])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}
