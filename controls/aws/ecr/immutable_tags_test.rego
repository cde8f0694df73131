package rampart.aws.ecr.immutable_tags_test

import data.rampart.aws.ecr.immutable_tags as c

repo(m) := {"attributes": {"repository_name": "r", "image_tag_mutability": m}}

test_pass if {
	every inp in [repo("IMMUTABLE"), repo("IMMUTABLE_WITH_EXCLUSION")] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail if {
	c.deny == {{"msg": "the image tags of ECR repository r can be moved (MUTABLE)", "path": "attributes.image_tag_mutability"}} with input as repo("MUTABLE")
}

test_unknown if {
	every inp in [repo(null), repo("SOMETIMES")] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
