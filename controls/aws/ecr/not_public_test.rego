package rampart.aws.ecr.not_public_test

import data.rampart.aws.ecr.not_public as c

repo(policy) := {"attributes": {"repository_name": "r", "policy": policy}}

doc(st) := {"present": true, "document": {"Version": "2012-10-17", "Statement": [st]}}

pull := ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]

test_pass if {
	every inp in [
		repo({"present": false}),
		repo(doc({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::777766665555:root"}, "Action": pull})),
		repo(doc({"Effect": "Allow", "Principal": "*", "Action": pull, "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}})),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail if {
	c.deny == {{"msg": "the policy of ECR repository r lets anyone in (statement 0)", "path": "attributes.policy.document.Statement[0]"}} with input as repo(doc({"Effect": "Allow", "Principal": "*", "Action": pull}))
}

test_unknown if {
	every inp in [{"attributes": {"repository_name": "r"}}, repo({"present": true, "document": {}}), repo(doc({"Effect": "Allow", "Action": pull}))] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}

test_unknown_document if {
	count(c.deny) == 0 with input as {"attributes": {"function_name": "f", "repository_name": "r", "policy": {"present": true}}}
	count(c.unknown) >= 1 with input as {"attributes": {"function_name": "f", "repository_name": "r", "policy": {"present": true}}}
}
