package rampart.aws.iam.no_administrator_access_test

import data.rampart.aws.iam.no_administrator_access as c

ident(ps) := {"type": "aws.iam.role", "attributes": {"role_name": "r", "attached_policies": ps}}

test_pass_other_policies if {
	inp := ident([{"policy_name": "ReadOnlyAccess", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}, {"policy_name": "AdministratorAccess", "policy_arn": "arn:aws:iam::111122223333:policy/AdministratorAccess"}])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
	count(c.deny) == 0 with input as ident([])
}

test_fail_attached if {
	count(c.deny) == 1 with input as ident([{"policy_name": "AdministratorAccess", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}])
	count(c.deny) == 1 with input as {"type": "aws.iam.group", "attributes": {"attached_policies": [{"policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}, {"policy_name": "x"}]}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"type": "aws.iam.user", "attributes": {}}
	count(c.deny) == 0 with input as {"type": "aws.iam.user", "attributes": {}}
}

test_unknown_arn if {
	every p in [{"policy_name": "AdministratorAccess"}, {"policy_arn": null}, "arn:aws:iam::aws:policy/AdministratorAccess"] {
		count(c.unknown) == 1 with input as ident([p])
		count(c.deny) == 0 with input as ident([p])
	}
}

# Terraform: a policy created in the same plan has an unknown ARN, but its
# known name says it is not AdministratorAccess.
test_pass_unknown_arn_other_name if {
	inp := ident([{"policy_name": "admin"}])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}
