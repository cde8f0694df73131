package rampart.aws.lambda.not_public_test

import data.rampart.aws.lambda.not_public as c

fn(policy) := {"type": "aws.lambda.function", "attributes": {"function_name": "f", "policy": policy}}

doc(st) := {"present": true, "document": {"Version": "2012-10-17", "Statement": [st]}}

public := {"Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction", "Resource": "arn:aws:lambda:eu-west-1:111122223333:function:f"}

test_pass if {
	every inp in [
		fn({"present": false}),
		fn(doc({"Effect": "Allow", "Principal": {"Service": "apigateway.amazonaws.com"}, "Action": "lambda:InvokeFunction", "Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:execute-api:eu-west-1:111122223333:abc/*"}}})),
		fn(doc(object.union(public, {"Condition": {"StringEquals": {"AWS:SourceAccount": "111122223333"}}}))),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail_public if {
	c.deny == {{"msg": "the resource policy of Lambda function f lets anyone in (statement 0)", "path": "attributes.policy.document.Statement[0]"}} with input as fn(doc(public))
	count(c.deny) == 1 with input as fn(doc({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "lambda:*"}))
}

test_unknown if {
	every inp in [
		{"attributes": {"function_name": "f"}, "unknown": {"policy": "access denied: needs lambda:GetPolicy"}},
		fn({"present": true, "document": {"Statement": []}}),
		fn(doc({"Effect": "Allow", "Action": "lambda:InvokeFunction"})),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) >= 1 with input as inp
	}
}

test_unknown_document if {
	count(c.deny) == 0 with input as {"attributes": {"function_name": "f", "repository_name": "r", "policy": {"present": true}}}
	count(c.unknown) >= 1 with input as {"attributes": {"function_name": "f", "repository_name": "r", "policy": {"present": true}}}
}
