package rampart.aws.iam.unattached_admin_policy_test

import data.rampart.aws.iam.unattached_admin_policy as c

pol(managed, n, doc) := {"attributes": {"policy_name": "p", "aws_managed": managed, "attachment_count": n, "document": doc}}

admin := {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}

test_pass if {
	scoped := {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
	count(c.deny) == 0 with input as pol(false, 0, scoped)
	count(c.unknown) == 0 with input as pol(false, 0, scoped)
	count(c.deny) == 0 with input as pol(false, 2, admin)
	count(c.deny) == 0 with input as pol(true, 0, admin)
}

test_fail_unattached_admin if {
	count(c.deny) == 1 with input as pol(false, 0, admin)
}

test_unknown_missing if {
	count(c.unknown) == 3 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.deny) == 0 with input as pol(false, "0", admin)
	count(c.unknown) == 1 with input as pol(false, "0", admin)
	count(c.unknown) == 1 with input as pol(false, 0, {"Statement": [{"Effect": "Allow"}]})
}

# Snapshots recorded before aws_managed was collected: the ARN says who
# manages the policy.
test_arn_says_customer_managed if {
	inp := {"attributes": {"policy_name": "p", "arn": "arn:aws:iam::111122223333:policy/p", "attachment_count": 0, "document": admin}}
	count(c.deny) == 1 with input as inp
	count(c.unknown) == 0 with input as inp
	aws := object.union(inp, {"attributes": {"arn": "arn:aws:iam::aws:policy/AdministratorAccess"}})
	count(c.deny) == 0 with input as aws
	count(c.unknown) == 0 with input as aws
}
