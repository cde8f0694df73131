package rampart.aws.iam.role_service_trust_test

import data.rampart.aws.iam.role_service_trust as c

role(path, sts) := {"attributes": {"role_name": "r", "path": path, "assume_role_policy": {"Statement": sts}}}

svc := {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}

test_pass_restricted if {
	every cond in [
		{"StringEquals": {"aws:SourceAccount": "111122223333"}},
		{"ArnLike": {"aws:SourceArn": "arn:aws:lambda:eu-west-1:111122223333:function:*"}},
	] {
		inp := role("/", [object.union(svc, {"Condition": cond})])
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
	count(c.deny) == 0 with input as role("/aws-service-role/lambda.amazonaws.com/", [svc])
}

test_fail_unrestricted if {
	count(c.deny) == 1 with input as role("/", [svc])
	count(c.deny) == 1 with input as role("/service-role/", [object.union(svc, {"Condition": {"StringNotEquals": {"aws:SourceAccount": "111122223333"}}})])
}

test_unknown_missing if {
	count(c.unknown) == 2 with input as {"attributes": {"role_name": "r"}}
	count(c.deny) == 0 with input as {"attributes": {"role_name": "r"}}
	count(c.deny) == 0 with input as object.remove(role("/", [svc]), ["attributes"])
}

test_unknown_path if {
	inp := {"attributes": {"role_name": "r", "assume_role_policy": {"Statement": [svc]}}}
	count(c.deny) == 1 with input as inp
	count(c.unknown) == 1 with input as inp
}
