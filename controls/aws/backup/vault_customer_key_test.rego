package rampart.aws.backup.vault_customer_key_test

import data.rampart.aws.backup.vault_customer_key as c

vault(attrs) := {"type": "aws.backup.vault", "id": "arn:aws:backup:eu-west-1:111122223333:backup-vault:acme-main", "attributes": object.union({"name": "acme-main"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as vault({"customer_managed_key": true})
	count(c.unknown) == 0 with input as vault({"customer_managed_key": true})
}

test_fail if {
	c.deny == {{"msg": "backup vault acme-main encrypts its recovery points with an AWS-managed key, not a customer-managed one", "path": "attributes.customer_managed_key"}} with input as vault({"customer_managed_key": false})
}

test_unknown if {
	every inp in [vault({}), vault({"customer_managed_key": "false"}), object.union(vault({}), {"unknown": {"customer_managed_key": "access denied: needs kms:DescribeKey"}})] {
		count(c.unknown) == 1 with input as inp
		count(c.deny) == 0 with input as inp
	}
}
