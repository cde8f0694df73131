package rampart.aws.elb.drop_invalid_headers_test

import data.rampart.aws.elb.drop_invalid_headers as c

lb(attrs) := {"type": "aws.elbv2.load_balancer", "id": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1", "attributes": object.union({"name": "web", "type": "application"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as lb({"drop_invalid_header_fields": true})
	count(c.unknown) == 0 with input as lb({"drop_invalid_header_fields": true})
}

test_fail if {
	c.deny == {{"msg": "load balancer web passes invalid HTTP header fields to its targets", "path": "attributes.drop_invalid_header_fields"}} with input as lb({"drop_invalid_header_fields": false})
}

test_unknown if {
	every inp in [lb({}), lb({"drop_invalid_header_fields": null}), lb({"drop_invalid_header_fields": "true"})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}

test_other_type_not_judged if {
	count(c.deny) == 0 with input as lb({"type": "network", "drop_invalid_header_fields": false})
	count(c.unknown) == 0 with input as lb({"type": "network"})
}
