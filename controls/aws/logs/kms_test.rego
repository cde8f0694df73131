package rampart.aws.logs.kms_test

import data.rampart.aws.logs.kms as c

group(attrs) := {"type": "aws.logs.log_group", "id": "arn:aws:logs:eu-west-1:111122223333:log-group:app", "attributes": object.union({"name": "app"}, attrs)}

test_pass if {
	inp := group({"kms_encrypted": true, "kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail if {
	inp := group({"kms_encrypted": false})
	c.deny == {{"msg": "log group app is not encrypted with a KMS key", "path": "attributes.kms_encrypted"}} with input as inp
	count(c.unknown) == 0 with input as inp
}

test_unknown if {
	every inp in [group({}), group({"kms_encrypted": "true"}), {"attributes": {"name": "app"}, "unknown": {"kms_encrypted": "variable \"key\" has no default"}}] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
