package rampart.lib_test

import data.rampart.lib

doc(sts) := {"Version": "2012-10-17", "Statement": sts}

test_wildcard_match if {
	lib.wildcard_match("arn:aws:s3:::logs/*", "arn:aws:s3:::logs/a/b")
	lib.wildcard_match("arn:aws:s3:::logs/*", "arn:aws:s3:::logs/2026/01.gz")
	lib.wildcard_match("s3:*", "s3:GetObject.v2")
	lib.wildcard_match("arn:aws:s3:::log?gz", "arn:aws:s3:::log.gz")
	lib.wildcard_match("arn:aws:s3:::log?", "arn:aws:s3:::logs")
	not lib.wildcard_match("arn:aws:s3:::log?", "arn:aws:s3:::log")
	not lib.wildcard_match("arn:aws:s3:::logs/*", "arn:aws:s3:::other")

	# glob syntax other than * and ? is literal
	lib.wildcard_match("arn:aws:s3:::${aws:username}/*", "arn:aws:s3:::${aws:username}/x")
	not lib.wildcard_match("arn:aws:s3:::{a,b}", "arn:aws:s3:::a")
	lib.action_match("S3:Get*", "s3:getobject")
	not lib.action_match("s3:Get*", "s3:PutObject")
}

test_allows if {
	d := doc([{"Effect": "Allow", "Action": ["s3:Get*"], "Resource": "arn:aws:s3:::b/*"}])
	lib.allows(d, "s3:GetObject", "arn:aws:s3:::b/k")
	not lib.allows(d, "s3:PutObject", "arn:aws:s3:::b/k")
	not lib.allows(d, "s3:GetObject", "arn:aws:s3:::c/k")
	not lib.allows(d, "s3:GetObject", "*")
}

test_allows_not_action_not_resource if {
	d := doc({"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::secret/*"})
	lib.allows(d, "s3:GetObject", "*")
	lib.allows(d, "s3:GetObject", "arn:aws:s3:::public/k")
	not lib.allows(d, "IAM:CreateUser", "*")
	not lib.allows(d, "s3:GetObject", "arn:aws:s3:::secret/k")
}

test_allows_deny_wins_unless_conditioned if {
	allow := {"Effect": "Allow", "Action": "*", "Resource": "*"}
	deny := {"Effect": "Deny", "Action": "kms:*", "Resource": "*"}
	not lib.allows(doc([allow, deny]), "kms:Decrypt", "*")
	lib.allows(doc([allow, deny]), "s3:GetObject", "*")
	conditioned := object.union(deny, {"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}})
	lib.allows(doc([allow, conditioned]), "kms:Decrypt", "*")
}

test_allows_action_any_resource if {
	d := doc([{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/admin"}])
	lib.allows_action(d, "iam:PassRole")
	not lib.allows(d, "iam:PassRole", "*")
	not lib.allows_action(d, "iam:CreateUser")
}

test_admin_document if {
	lib.admin_document(doc({"Effect": "Allow", "Action": "*:*", "Resource": "*"}))
	not lib.admin_document(doc({"Effect": "Allow", "Action": "iam:*", "Resource": "*"}))
}

test_unreadable_statements if {
	lib.unreadable_statements(doc([{"Effect": "Allow", "Action": "*", "Resource": "*"}])) == set()
	lib.unreadable_statements(doc([{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Effect": "Allow"}])) == {1}
	lib.unreadable_statements({}) == {-1}
	lib.unreadable_statements(doc([])) == {-1}
}

test_privilege_escalation if {
	lib.privilege_escalation(doc({"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "*"})) == {"iam:CreatePolicyVersion"}

	# PassRole alone is no path; with RunInstances it is
	lib.privilege_escalation(doc({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"})) == set()
	lib.privilege_escalation(doc([
		{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::1:role/x"},
		{"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"},
	])) == {"iam:PassRole+ec2:RunInstances"}

	# iam:* grants every IAM-only path
	count(lib.privilege_escalation(doc({"Effect": "Allow", "Action": "iam:*", "Resource": "*"}))) == 13
	lib.privilege_escalation(doc({"Effect": "Allow", "Action": ["s3:*", "ec2:Describe*"], "Resource": "*"})) == set()

	# an unconditional Deny removes the path
	lib.privilege_escalation(doc([
		{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
		{"Effect": "Deny", "Action": "iam:*", "Resource": "*"},
	])) == set()
}

test_public_statement if {
	every st in [
		{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"},
		# a negative operator or a "*" value restricts nothing
		{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": {"StringNotEquals": {"aws:SourceAccount": "111122223333"}}},
		{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": {"StringLike": {"aws:PrincipalOrgID": "*"}}},
		{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
	] {
		lib.public_statement(st)
		lib.well_formed_principal_statement(st)
	}
	every st in [
		{"Effect": "Deny", "Principal": "*", "Action": "s3:*"},
		{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}},
		{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"AWS:SourceAccount": ["111122223333"]}}},
		{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:cloudtrail:*:111122223333:trail/*"}}},
	] {
		not lib.public_statement(st)
	}
}

test_well_formed_principal_statement if {
	every st in [
		{"Effect": "Allow", "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"AWS": null}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": "x", "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": "*", "NotPrincipal": "*", "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": "*"},
	] {
		not lib.well_formed_principal_statement(st)
	}
}

test_external_principals if {
	st := {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": [
		"arn:aws:iam::111122223333:root", "444455556666", "arn:aws:iam::777788889999:role/ci", "AROAEXAMPLE", "*",
	]}}
	lib.external_principals(st, "111122223333", set()) == {"444455556666", "arn:aws:iam::777788889999:role/ci"}
	lib.external_principals(st, "111122223333", {"444455556666"}) == {"arn:aws:iam::777788889999:role/ci"}
	lib.principal_account("arn:aws:iam::777788889999:role/ci") == "777788889999"
	not lib.principal_account("AROAEXAMPLE")
	not lib.principal_account("*")
}

test_requires_external_id if {
	lib.requires_external_id({"Condition": {"StringEquals": {"sts:ExternalId": "abc"}}})
	lib.requires_external_id({"Condition": {"StringEquals": {"sts:externalid": ["abc"]}}})
	not lib.requires_external_id({"Condition": {"StringLike": {"sts:ExternalId": "*"}}})
	not lib.requires_external_id({"Condition": {"StringNotEquals": {"sts:ExternalId": "abc"}}})
	not lib.requires_external_id({})
}

test_customer_managed if {
	lib.customer_managed with input as {"attributes": {"aws_managed": false}}
	not lib.customer_managed with input as {"attributes": {"aws_managed": true, "arn": "arn:aws:iam::111122223333:policy/p"}}
	lib.customer_managed with input as {"attributes": {"arn": "arn:aws:iam::111122223333:policy/p"}}
	not lib.customer_managed with input as {"attributes": {"arn": "arn:aws:iam::aws:policy/AdministratorAccess"}}
	not lib.policy_manager_unknown with input as {"attributes": {"arn": "arn:aws:iam::aws:policy/AdministratorAccess"}}
	not lib.policy_manager_unknown with input as {"attributes": {"aws_managed": true}}
	every attrs in [{}, {"aws_managed": "false"}, {"arn": "arn:aws:iam::x:policy/p"}, {"arn": null}] {
		not lib.customer_managed with input as {"attributes": attrs}
		lib.policy_manager_unknown with input as {"attributes": attrs}
	}
}
