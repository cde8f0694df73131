package rampart.aws.backup.vault_lock_test

import data.rampart.aws.backup.vault_lock as c

vault(attrs) := {"type": "aws.backup.vault", "id": "arn:aws:backup:eu-west-1:111122223333:backup-vault:acme-main", "attributes": object.union({"name": "acme-main"}, attrs)}

test_pass if {
	every inp in [
		vault({"locked": true, "min_retention_days": 30}),
		vault({"locked": true, "min_retention_days": 7, "max_retention_days": 365}),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail if {
	c.deny == {{"msg": "backup vault acme-main has no vault lock: its recovery points can be deleted at any time", "path": "attributes.locked"}} with input as vault({"locked": false})
	c.deny == {{"msg": "the vault lock of backup vault acme-main sets no minimum retention", "path": "attributes.min_retention_days"}} with input as vault({"locked": true, "max_retention_days": 365})
}

test_unknown if {
	every inp in [
		vault({}),
		vault({"locked": "true"}),
		object.union(vault({"locked": true}), {"unknown": {"min_retention_days": "unknown until apply"}}),
		vault({"locked": true, "min_retention_days": "30"}),
	] {
		count(c.unknown) > 0 with input as inp
		count(c.deny) == 0 with input as inp
	}
}
