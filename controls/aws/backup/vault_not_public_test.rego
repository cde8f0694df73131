package rampart.aws.backup.vault_not_public_test

import data.rampart.aws.backup.vault_not_public as c

vault(policy) := {"type": "aws.backup.vault", "id": "arn:aws:backup:eu-west-1:111122223333:backup-vault:db", "attributes": {"name": "db", "policy": policy}}

with_statement(st) := vault({"present": true, "document": {"Version": "2012-10-17", "Statement": [st]}})

test_pass if {
	every inp in [
		vault({"present": false}),
		with_statement({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}, "Action": "backup:CopyIntoBackupVault", "Resource": "*"}),
		with_statement({"Effect": "Allow", "Principal": "*", "Action": "backup:CopyIntoBackupVault", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}),
		with_statement({"Effect": "Deny", "Principal": "*", "Action": "backup:DeleteRecoveryPoint", "Resource": "*"}),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail_public if {
	c.deny == {{"msg": "the access policy of backup vault db lets anyone in (statement 0)", "path": "attributes.policy.document.Statement[0]"}} with input as with_statement({"Effect": "Allow", "Principal": "*", "Action": "backup:CopyIntoBackupVault", "Resource": "*"})
	count(c.deny) == 1 with input as with_statement({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "backup:*", "Resource": "*"})
	count(c.deny) == 1 with input as with_statement({"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "backup:*", "Resource": "*"})
}

test_unknown if {
	every inp in [
		{"attributes": {"name": "db"}, "unknown": {"policy": "access denied: needs backup:GetBackupVaultAccessPolicy"}},
		vault({"present": "yes"}),
		vault({"present": true, "document": {"Version": "2012-10-17"}}),
		vault({"present": true}),
		vault({"present": true, "document": "{}"}),
		with_statement({"Effect": "Allow", "Action": "backup:CopyIntoBackupVault"}),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) >= 1 with input as inp
	}
}

test_pass_own_account if {
	inp := with_statement({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}, "Action": "backup:CopyIntoBackupVault", "Resource": "*"})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}
