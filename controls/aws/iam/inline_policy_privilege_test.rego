package rampart.aws.iam.inline_policy_privilege_test

import data.rampart.aws.iam.inline_policy_privilege as c

ident(docs) := {"type": "aws.iam.user", "attributes": {"inline_policies": [{"name": sprintf("p%d", [i]), "document": d} | some i, d in docs]}}

doc(sts) := {"Version": "2012-10-17", "Statement": sts}

test_pass_scoped if {
	inp := ident([
		doc([{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::b/*"}]),
		doc({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app"}),
	])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
	count(c.deny) == 0 with input as ident([])
}

test_fail_admin if {
	count(c.deny) == 1 with input as ident([doc([{"Effect": "Allow", "Action": "*", "Resource": "*"}])])
	count(c.deny) == 1 with input as ident([doc({"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"})])
}

test_fail_escalation if {
	every d in [
		doc({"Effect": "Allow", "Action": "iam:*", "Resource": "*"}),
		doc({"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "arn:aws:iam::111122223333:policy/*"}),
		doc([
			{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
			{"Effect": "Allow", "Action": "lambda:Create*", "Resource": "*"},
		]),
	] {
		count(c.deny) == 1 with input as ident([d])
	}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
}

test_unknown_document if {
	every p in ["legacy-name", {"name": "p"}, {"name": "p", "document": null}] {
		inp := {"attributes": {"inline_policies": [p]}}
		count(c.unknown) == 1 with input as inp
		count(c.deny) == 0 with input as inp
	}
	count(c.unknown) == 1 with input as ident([doc([{"Effect": "Allow", "Action": "iam:*"}])])
	count(c.deny) == 0 with input as ident([doc([{"Effect": "Allow", "Action": "iam:*"}])])
	count(c.unknown) == 1 with input as ident([{}])
}
