package rampart.aws.backup.vault_cross_account_test

import data.rampart.aws.backup.vault_cross_account as c

settings := {"aws_trusted_accounts": ["444455556666"]}

vault(principal) := {
	"type": "aws.backup.vault", "id": "arn:aws:backup:eu-west-1:111122223333:backup-vault:db",
	"scope": {"platform": "aws", "account_id": "111122223333", "region": "eu-west-1"},
	"attributes": {"name": "db", "policy": {"present": true, "document": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": principal}, "Action": "backup:CopyIntoBackupVault", "Resource": "*"}]}}},
	"settings": settings,
}

test_pass if {
	every inp in [
		vault("arn:aws:iam::111122223333:role/app"),
		vault("arn:aws:iam::444455556666:root"),
		vault("*"),
		object.union(vault("x"), {"attributes": {"name": "db", "policy": {"present": false}}}),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail_foreign if {
	c.deny == {{"msg": "backup vault db is shared with arn:aws:iam::999988887777:root in another account (statement 0)", "path": "attributes.policy.document.Statement[0]"}} with input as vault("arn:aws:iam::999988887777:root")
	count(c.deny) == 1 with input as vault(["999988887777", "arn:aws:iam::111122223333:role/app"])
}

test_unknown if {
	every inp in [
		object.remove(vault("arn:aws:iam::999988887777:root"), ["settings"]),
		object.remove(vault("arn:aws:iam::999988887777:root"), ["scope"]),
		vault("AROAEXAMPLEID"),
		object.union(vault("x"), {"attributes": {"name": "db", "policy": {"present": true}}}),
		{"attributes": {"name": "db"}, "settings": settings, "scope": {"account_id": "111122223333"}},
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) >= 1 with input as inp
	}
}

test_pass_trusted_account if {
	count(c.deny) == 0 with input as vault("arn:aws:iam::444455556666:root")
	count(c.unknown) == 0 with input as vault("arn:aws:iam::444455556666:root")
}
