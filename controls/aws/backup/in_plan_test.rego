package rampart.aws.backup.in_plan_test

import data.rampart.aws.backup.in_plan as c

arn := "arn:aws:rds:eu-west-1:111122223333:db:orders"

db(selections) := {"type": "aws.rds.instance", "id": arn, "scope": {"platform": "aws", "account_id": "111122223333", "region": "eu-west-1"}, "attributes": {"db_instance_identifier": "orders"}, "related": {"selections": selections}}

sel(attrs) := {"type": "aws.backup.selection", "id": "arn:aws:backup:eu-west-1:111122223333:backup-plan:p1/selection/s1", "attributes": object.union({"name": "s1", "plan": "arn:aws:backup:eu-west-1:111122223333:backup-plan:p1", "resources": [], "not_resources": [], "tags": [], "conditions": []}, attrs)}

tf_db(selections) := {"type": "aws.dynamodb.table", "id": "aws_dynamodb_table.orders", "scope": {"platform": "terraform", "region": "eu-west-1"}, "attributes": {"name": "orders"}, "related": {"selections": selections}}

test_pass if {
	every inp in [
		db([sel({"resources": [arn]})]),
		db([sel({"resources": ["arn:aws:rds:*:*:db:*"]})]),
		db([sel({"resources": ["*"]})]),
		db([sel({"resources": []}), sel({"resources": [arn]})]),
		# A tag selection beside one that assigns the store by ARN.
		db([sel({"tags": [{"type": "STRINGEQUALS", "key": "backup", "value": "daily"}]}), sel({"resources": [arn]})]),
		# Terraform: the reference is the resource ID.
		tf_db([sel({"resources": ["aws_dynamodb_table.orders"]})]),
		# A member of a cluster is judged on its cluster.
		object.union(db([]), {"attributes": {"db_instance_identifier": "reports-1", "db_cluster_identifier": "reports"}}),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail if {
	c.deny == {{"msg": sprintf("aws.rds.instance %s is in no backup plan", [arn]), "path": "related.selections"}} with input as db([])
	count(c.deny) == 1 with input as db([sel({"resources": ["arn:aws:rds:eu-west-1:111122223333:db:other"]})])
	count(c.deny) == 1 with input as db([sel({"resources": ["arn:aws:dynamodb:*:*:table/*"]})])
	count(c.deny) == 1 with input as db([sel({"resources": ["*"], "not_resources": [arn]})])
	count(c.deny) == 1 with input as db([sel({"resources": ["*"], "not_resources": ["arn:aws:rds:*:*:db:*"], "tags": [{"type": "STRINGEQUALS", "key": "backup", "value": "daily"}]})])

	# Terraform: a pattern of another service cannot be the table's ARN.
	count(c.deny) == 1 with input as tf_db([sel({"resources": ["arn:aws:rds:*:*:db:*", "aws_db_instance.orders"]})])
}

test_unknown if {
	every inp in [
		object.remove(db([]), ["related"]),
		db([sel({"tags": [{"type": "STRINGEQUALS", "key": "backup", "value": "daily"}]})]),
		db([sel({"resources": [arn], "conditions": [{"operator": "string_equals", "key": "aws:ResourceTag/env", "value": "prod"}]})]),
		db([object.union(sel({}), {"attributes": {"resources": null}})]),
		db([sel({"resources": [7]})]),
		db([sel({"resources": [arn], "not_resources": null})]),
		db([sel({"tags": null})]),
		tf_db([sel({"resources": ["arn:aws:dynamodb:eu-west-1:111122223333:table/*"]})]),
		tf_db([sel({"resources": ["*"]})]),
		object.union(db([]), {"attributes": {"db_instance_identifier": "orders", "db_cluster_identifier": 3}}),
	] {
		count(c.unknown) > 0 with input as inp
	}
}
