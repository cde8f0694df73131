package rampart.aws.apigateway.domain_tls_test

import data.rampart.aws.apigateway.domain_tls as c

dom(attrs) := {"type": "aws.apigateway.domain_name", "id": "arn:aws:apigateway:eu-west-1::/domainnames/api.example.com", "attributes": object.union({"domain_name": "api.example.com"}, attrs)}

test_pass if {
	every p in ["TLS_1_2", "SecurityPolicy_TLS13_1_3_2025_09"] {
		count(c.deny) == 0 with input as dom({"security_policy": p})
		count(c.unknown) == 0 with input as dom({"security_policy": p})
	}
}

test_fail if {
	c.deny == {{"msg": "custom domain api.example.com accepts TLS older than 1.2 (security policy TLS_1_0)", "path": "attributes.security_policy"}} with input as dom({"security_policy": "TLS_1_0"})
}

test_unknown if {
	every inp in [dom({}), dom({"security_policy": null})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
