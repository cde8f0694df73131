package rampart.aws.ecr.kms_test

import data.rampart.aws.ecr.kms as c

repo(e) := {"attributes": {"repository_name": "r", "encryption_type": e}}

test_pass if {
	every inp in [repo("KMS"), repo("KMS_DSSE")] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail if {
	c.deny == {{"msg": "ECR repository r is not encrypted with a KMS key (AES256)", "path": "attributes.encryption_type"}} with input as repo("AES256")
}

test_unknown if {
	every inp in [repo(null), repo("ROT13")] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
