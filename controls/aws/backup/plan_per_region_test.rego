package rampart.aws.backup.plan_per_region_test

import data.rampart.aws.backup.plan_per_region as c

at(typ, region) := {"type": typ, "id": sprintf("%s-%s", [typ, region]), "scope": {"platform": "aws", "account_id": "111122223333", "region": region}, "attributes": {}}

account(r) := {"type": "aws.account", "id": "arn:aws:iam::111122223333:root", "attributes": {"account_id": "111122223333"}, "related": {
	"plans": object.get(r, "plans", []),
	"vaults": object.get(r, "vaults", []),
	"rds_instances": object.get(r, "rds_instances", []),
	"rds_clusters": object.get(r, "rds_clusters", []),
	"volumes": object.get(r, "volumes", []),
	"tables": object.get(r, "tables", []),
	"file_systems": object.get(r, "file_systems", []),
}}

test_pass if {
	every inp in [
		account({}),
		account({"plans": [at("aws.backup.plan", "eu-west-1")], "rds_instances": [at("aws.rds.instance", "eu-west-1")], "vaults": [at("aws.backup.vault", "eu-west-1")]}),
		# A plan where nothing is kept is not a failure.
		account({"plans": [at("aws.backup.plan", "us-east-1")]}),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail if {
	c.deny == {{"msg": "region eu-west-1 holds tables, volumes but has no backup plan", "path": "related.plans"}} with input as account({"tables": [at("aws.dynamodb.table", "eu-west-1")], "volumes": [at("aws.ec2.volume", "eu-west-1")], "plans": [at("aws.backup.plan", "us-east-1")]})
	c.deny == {{"msg": "region us-east-1 holds vaults but has no backup plan", "path": "related.plans"}} with input as account({"vaults": [at("aws.backup.vault", "us-east-1")]})
	c.deny == {{"msg": "region (the provider's region) holds file systems but has no backup plan", "path": "related.plans"}} with input as account({"file_systems": [at("aws.efs.file_system", "")]})
	count(c.deny) == 2 with input as account({"rds_clusters": [at("aws.rds.cluster", "eu-west-1"), at("aws.rds.cluster", "ap-south-1")]})
}

test_unknown if {
	every name in ["plans", "vaults", "rds_instances", "rds_clusters", "volumes", "tables", "file_systems"] {
		count(c.unknown) == 1 with input as object.union(account({"tables": [at("aws.dynamodb.table", "eu-west-1")]}), {"related": {name: null}})
		count(c.deny) == 0 with input as object.union(account({"tables": [at("aws.dynamodb.table", "eu-west-1")]}), {"related": {name: null}})
	}
}
