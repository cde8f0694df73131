package rampart.aws.backup.in_plan_confidential_test

import data.rampart.aws.backup.in_plan_confidential as c

arn := "arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0legacy"

fs(classification, selections) := {"type": "aws.efs.file_system", "id": arn, "scope": {"platform": "aws", "account_id": "111122223333", "region": "eu-west-1"}, "attributes": {"file_system_id": "fs-0legacy"}, "system": {"id": "billing", "classification": classification}, "related": {"selections": selections}}

sel(attrs) := {"type": "aws.backup.selection", "id": "arn:aws:backup:eu-west-1:111122223333:backup-plan:p1/selection/s1", "attributes": object.union({"name": "s1", "resources": [], "not_resources": [], "tags": [], "conditions": []}, attrs)}

test_pass if {
	every inp in [
		fs("confidential", [sel({"resources": ["arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/*"]})]),
		fs("restricted", [sel({"resources": [arn]})]),
		# Out of scope: not confidential, or no system.
		fs("internal", []),
		fs("public", []),
		object.remove(fs("confidential", []), ["system"]),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail if {
	c.deny == {{"msg": sprintf("aws.efs.file_system %s of confidential system billing is in no backup plan", [arn]), "path": "related.selections"}} with input as fs("confidential", [])
	count(c.deny) == 1 with input as fs("restricted", [sel({"resources": ["arn:aws:elasticfilesystem:*:*:file-system/*"], "not_resources": [arn]})])
}

test_unknown if {
	every inp in [
		object.remove(fs("confidential", []), ["related"]),
		fs("confidential", [sel({"tags": [{"type": "STRINGEQUALS", "key": "backup", "value": "daily"}]})]),
		fs("restricted", [sel({"resources": [arn], "conditions": [{"operator": "string_like", "key": "aws:ResourceTag/env", "value": "prod*"}]})]),
	] {
		count(c.unknown) > 0 with input as inp
		count(c.deny) == 0 with input as inp
	}
}
