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

# Prowler's check_admin_access forms: "*:*", NotAction and NotResource.
test_fail_admin_forms if {
	every st in [
		{"Effect": "Allow", "Action": "*:*", "Resource": "*"},
		{"Effect": "Allow", "NotAction": "iam:CreateUser", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::audit-logs/*"},
	] {
		count(c.deny) == 1 with input as pol({"Statement": [st]}, 1)
	}
	count(c.deny) == 0 with input as pol({"Statement": [{"Effect": "Deny", "NotAction": "iam:CreateUser", "Resource": "*"}]}, 1)
}

test_unknown_statement_shape if {
	every doc in [
		{},
		{"Statement": null},
		{"Statement": "*"},
		{"Statement": [null]},
		{"Statement": [{"Action": "*", "Resource": "*"}]},
		{"Statement": [{"Effect": "Allow", "Action": null, "Resource": "*"}]},
		{"Statement": [{"Effect": "Allow", "Action": [null], "Resource": "*"}]},
		{"Statement": [{"Effect": "Allow", "Action": "*"}]},
		{"Statement": []},
		{"Statement": [{"Effect": "Allow", "Action": [], "Resource": "*"}]},
		{"Statement": {"Effect": "Allow", "Action": "*", "Resource": ""}},
	] {
		count(c.unknown) == 1 with input as pol(doc, 1)
		count(c.deny) == 0 with input as pol(doc, 1)
		count(c.unknown) == 0 with input as pol(doc, 0)
	}
}

test_unknown_attachment_count_wrong_type if {
	count(c.deny) == 0 with input as pol(admin, "1")
	count(c.unknown) == 1 with input as pol(admin, "1")
}
