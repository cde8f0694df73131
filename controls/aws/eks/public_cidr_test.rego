package rampart.aws.eks.public_cidr_test

import data.rampart.aws.eks.public_cidr as c

cl(public, cidrs) := {"attributes": {"name": "k", "endpoint_public_access": public, "public_access_cidrs": cidrs}}

test_pass if {
	every inp in [cl(true, ["203.0.113.0/24"]), cl(false, ["0.0.0.0/0"]), {"attributes": {"name": "k", "endpoint_public_access": false}}] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail if {
	c.deny == {{"msg": "the public API endpoint of EKS cluster k admits 0.0.0.0/0", "path": "attributes.public_access_cidrs"}} with input as cl(true, ["0.0.0.0/0"])
}

test_unknown if {
	every inp in [cl(null, ["0.0.0.0/0"]), {"attributes": {"name": "k", "endpoint_public_access": true}}] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}

test_unknown_entry if {
	count(c.deny) == 0 with input as cl(true, [0])
	count(c.unknown) == 1 with input as cl(true, [0])
}
