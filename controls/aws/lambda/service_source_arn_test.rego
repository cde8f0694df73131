package rampart.aws.lambda.service_source_arn_test

import data.rampart.aws.lambda.service_source_arn as c

fn(policy) := {"attributes": {"function_name": "f", "policy": policy}}

doc(st) := {"present": true, "document": {"Version": "2012-10-17", "Statement": [st]}}

s3 := {"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "lambda:InvokeFunction"}

test_pass if {
	every inp in [
		fn({"present": false}),
		fn(doc(object.union(s3, {"Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:s3:::uploads"}}}))),
		fn(doc({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "lambda:InvokeFunction"})),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail if {
	c.deny == {{"msg": "the resource policy of Lambda function f lets s3.amazonaws.com invoke it from any source (statement 0 has no aws:SourceArn)", "path": "attributes.policy.document.Statement[0]"}} with input as fn(doc(s3))
	count(c.deny) == 1 with input as fn(doc(object.union(s3, {"Condition": {"StringEquals": {"AWS:SourceAccount": "111122223333"}}})))
	count(c.deny) == 1 with input as fn(doc(object.union(s3, {"Condition": {"ArnLike": {"AWS:SourceArn": "*"}}})))
}

test_unknown if {
	every inp in [{"attributes": {"function_name": "f"}}, fn(doc({"Effect": "Allow", "Action": "lambda:InvokeFunction"}))] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}

test_unknown_document if {
	count(c.deny) == 0 with input as {"attributes": {"function_name": "f", "repository_name": "r", "policy": {"present": true}}}
	count(c.unknown) >= 1 with input as {"attributes": {"function_name": "f", "repository_name": "r", "policy": {"present": true}}}
}
