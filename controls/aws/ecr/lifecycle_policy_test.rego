package rampart.aws.ecr.lifecycle_policy_test

import data.rampart.aws.ecr.lifecycle_policy as c

repo(p) := {"attributes": {"repository_name": "r", "lifecycle_policy": p}}

test_pass if {
	count(c.deny) == 0 with input as repo({"present": true})
	count(c.unknown) == 0 with input as repo({"present": true})
}

test_fail if {
	c.deny == {{"msg": "ECR repository r has no lifecycle policy", "path": "attributes.lifecycle_policy.present"}} with input as repo({"present": false})
}

test_unknown if {
	every inp in [repo(null), repo({}), {"attributes": {"repository_name": "r"}, "unknown": {"lifecycle_policy": "access denied: needs ecr:GetLifecyclePolicy"}}] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
