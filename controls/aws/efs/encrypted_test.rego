package rampart.aws.efs.encrypted_test

import data.rampart.aws.efs.encrypted as c

fs(enc) := {"type": "aws.efs.file_system", "id": "arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1", "attributes": {"file_system_id": "fs-1", "encrypted": enc}}

test_pass_encrypted if {
	count(c.deny) == 0 with input as fs(true)
	count(c.unknown) == 0 with input as fs(true)
}

test_fail_unencrypted if {
	c.deny == {{"msg": "EFS file system fs-1 is not encrypted at rest", "path": "attributes.encrypted"}} with input as fs(false)
}

test_unknown if {
	every inp in [fs(null), fs("true"), {"attributes": {"file_system_id": "fs-1"}, "unknown": {"encrypted": "the answer lacks Encrypted"}}] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
