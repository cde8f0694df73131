package rampart.aws.iam.no_admin_policy_test

import data.rampart.aws.iam.no_admin_policy as c

pol(doc, n) := {"attributes": {"policy_name": "p", "attachment_count": n, "document": doc}}

admin := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}

test_pass_scoped if {
	inp := pol({"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]}, 3)
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_unattached_admin if {
	count(c.deny) == 0 with input as pol(admin, 0)
}

test_fail_attached_admin if {
	count(c.deny) == 1 with input as pol(admin, 1)
	count(c.deny) == 1 with input as pol({"Statement": {"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}}, 2)
}

test_unknown_missing if {
	count(c.unknown) == 2 with input as {"attributes": {"policy_name": "p"}}
	count(c.deny) == 0 with input as {"attributes": {"policy_name": "p"}}
}
