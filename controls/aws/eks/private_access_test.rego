package rampart.aws.eks.private_access_test

import data.rampart.aws.eks.private_access as c

cl(v) := {"attributes": {"name": "k", "endpoint_private_access": v}}

test_pass if {
	count(c.deny) == 0 with input as cl(true)
	count(c.unknown) == 0 with input as cl(true)
}

test_fail if {
	c.deny == {{"msg": "EKS cluster k has no private API endpoint", "path": "attributes.endpoint_private_access"}} with input as cl(false)
}

test_unknown if {
	count(c.deny) == 0 with input as cl("yes")
	count(c.unknown) == 1 with input as cl("yes")
}
