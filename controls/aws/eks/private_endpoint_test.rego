package rampart.aws.eks.private_endpoint_test

import data.rampart.aws.eks.private_endpoint as c

cl(v) := {"attributes": {"name": "k", "endpoint_public_access": v}}

test_pass if {
	count(c.deny) == 0 with input as cl(false)
	count(c.unknown) == 0 with input as cl(false)
}

test_fail if {
	c.deny == {{"msg": "the API endpoint of EKS cluster k is reachable from the internet", "path": "attributes.endpoint_public_access"}} with input as cl(true)
}

test_unknown if {
	count(c.deny) == 0 with input as cl(null)
	count(c.unknown) == 1 with input as cl(null)
}
