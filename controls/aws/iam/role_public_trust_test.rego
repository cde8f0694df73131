package rampart.aws.iam.role_public_trust_test

import data.rampart.aws.iam.role_public_trust as c

role(sts) := {"attributes": {"role_name": "r", "assume_role_policy": {"Version": "2012-10-17", "Statement": sts}}}

test_pass_named_principals if {
	inp := role([
		{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}},
	])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_public if {
	every st in [
		{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": ["sts:AssumeRole", "sts:TagSession"], "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
		{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"},
	] {
		count(c.deny) == 1 with input as role([st])
	}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"role_name": "r"}}
	count(c.deny) == 0 with input as {"attributes": {"role_name": "r"}}
}

test_unknown_unreadable if {
	every sts in [[], "x", [null], [{"Effect": "Allow", "Action": "sts:AssumeRole"}], [{"Effect": "Allow", "Principal": {"AWS": null}, "Action": "sts:AssumeRole"}]] {
		count(c.unknown) == 1 with input as role(sts)
		count(c.deny) == 0 with input as role(sts)
	}
}
