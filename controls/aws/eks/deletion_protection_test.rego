package rampart.aws.eks.deletion_protection_test

import data.rampart.aws.eks.deletion_protection as c

cl(v) := {"attributes": {"name": "k", "deletion_protection": v}}

test_pass if {
	count(c.deny) == 0 with input as cl(true)
	count(c.unknown) == 0 with input as cl(true)
}

test_fail if {
	c.deny == {{"msg": "EKS cluster k can be deleted without turning protection off first", "path": "attributes.deletion_protection"}} with input as cl(false)
}

test_unknown if {
	count(c.deny) == 0 with input as cl(null)
	count(c.unknown) == 1 with input as cl(null)
}
