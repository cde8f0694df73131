package rampart.aws.eks.secrets_encrypted_test

import data.rampart.aws.eks.secrets_encrypted as c

cl(v) := {"attributes": {"name": "k", "secrets_encrypted": v}}

test_pass if {
	count(c.deny) == 0 with input as cl(true)
	count(c.unknown) == 0 with input as cl(true)
}

test_fail if {
	c.deny == {{"msg": "the Kubernetes secrets of EKS cluster k are not encrypted with a KMS key", "path": "attributes.secrets_encrypted"}} with input as cl(false)
}

test_unknown if {
	every inp in [cl(null), {"attributes": {"name": "k"}, "unknown": {"secrets_encrypted": "access denied: needs eks:DescribeCluster"}}] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
