# AWS Backup membership: whether the backup selections of a region assign
# a data store to a plan. One copy for the controls on data stores
# (AWS-BK-007, AWS-BK-008), so both decide membership the same way.
#
# A selection assigns the resources its `resources` name (an ARN, an ARN
# pattern with "*", or "*") and those carrying one of its `tags`;
# `conditions` narrow that to resources whose tags satisfy every one, and
# `not_resources` take resources out. Resource tags are not in the
# evidence, so membership is proven only by a selection without tags and
# conditions whose `resources` match the data store and whose
# `not_resources` do not. A selection that might assign it otherwise (by
# tag, under conditions, with attributes unknown, or — on Terraform,
# where an ARN is assigned at apply — by an ARN pattern of the store's
# service) makes membership unknown, never a pass.
package rampart.lib

# METADATA
# description: |-
#   backup_assigned(sel, res) holds when the aws.backup.selection sel
#   certainly assigns the resource res (an input-shaped resource: its id is
#   the ARN live, the resource ID on Terraform) to its plan: sel has no tags
#   and no conditions, one of its resources matches res, none of its
#   not_resources does.
# custom:
#   example: |-
#     lib.backup_assigned({"attributes": {"resources": ["arn:aws:rds:eu-west-1:111122223333:db:*"], "not_resources": [], "tags": [], "conditions": []}}, {"id": "arn:aws:rds:eu-west-1:111122223333:db:orders", "scope": {"platform": "aws"}})
#   result: |-
#     true
backup_assigned(sel, res) if {
	object.get(sel, ["attributes", "tags"], null) == []
	object.get(sel, ["attributes", "conditions"], null) == []
	is_array(object.get(sel, ["attributes", "not_resources"], null))
	some r in object.get(sel, ["attributes", "resources"], [])
	backup_resource_match(r, res)
	not backup_excluded(sel, res)
}

# METADATA
# description: |-
#   backup_may_assign(sel, res) holds when the selection sel may assign res
#   without the evidence proving it (backup_assigned does not hold): it
#   selects by tag or under conditions, one of the attributes that decide is
#   missing or unknown, or on Terraform one of its resources is an ARN
#   pattern of the resource's service. A selection whose not_resources
#   certainly exclude res never may.
# custom:
#   example: |-
#     lib.backup_may_assign({"attributes": {"resources": [], "not_resources": [], "tags": [{"type": "STRINGEQUALS", "key": "backup", "value": "daily"}], "conditions": []}}, {"id": "arn:aws:rds:eu-west-1:111122223333:db:orders", "scope": {"platform": "aws"}})
#   result: |-
#     true
backup_may_assign(sel, res) if {
	not backup_assigned(sel, res)
	not backup_excluded(sel, res)
	backup_could_match(sel, res)
}

# METADATA
# description: |-
#   backup_excluded(sel, res) holds when one of the selection's not_resources matches res.
# custom:
#   example: |-
#     lib.backup_excluded({"attributes": {"not_resources": ["arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0legacy"]}}, {"id": "arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0legacy", "scope": {"platform": "aws"}})
#   result: |-
#     true
backup_excluded(sel, res) if {
	some r in object.get(sel, ["attributes", "not_resources"], [])
	backup_resource_match(r, res)
}

# METADATA
# description: |-
#   backup_could_match(sel, res) holds when the selection sel might assign res: its resources or tags are missing or mistyped, it selects by tag (resource tags are not collected), one of its resources matches res (under unknown not_resources too), or on Terraform one is an ARN pattern of res's service.
# custom:
#   example: |-
#     lib.backup_could_match({"attributes": {"resources": [], "tags": [{"type": "STRINGEQUALS", "key": "backup", "value": "daily"}]}}, {"id": "arn:aws:rds:eu-west-1:111122223333:db:orders", "scope": {"platform": "aws"}})
#   result: |-
#     true
backup_could_match(sel, _) if not backup_known_list(sel, "resources")

backup_could_match(sel, _) if not backup_known_list(sel, "tags")

backup_could_match(sel, _) if count(object.get(sel, ["attributes", "tags"], [])) > 0

backup_could_match(sel, res) if {
	some r in object.get(sel, ["attributes", "resources"], [])
	backup_resource_match(r, res)
}

backup_could_match(sel, res) if {
	some r in object.get(sel, ["attributes", "resources"], [])
	backup_terraform_pattern(r, res)
}

# Resources that match under unknown not_resources: membership unknown.
backup_could_match(sel, res) if {
	not is_array(object.get(sel, ["attributes", "not_resources"], null))
	some r in object.get(sel, ["attributes", "resources"], [])
	backup_resource_match(r, res)
}

# METADATA
# description: |-
#   backup_known_list(sel, attr) holds when the selection's attribute attr (resources or tags) is a list whose every entry has its shape (a string, an object).
# custom:
#   example: |-
#     lib.backup_known_list({"attributes": {"resources": ["arn:aws:rds:eu-west-1:111122223333:db:orders"]}}, "resources")
#   result: |-
#     true
backup_known_list(sel, attr) if {
	list := object.get(sel, ["attributes", attr], null)
	is_array(list)
	every e in list {
		backup_known_entry(attr, e)
	}
}

# METADATA
# description: |-
#   backup_known_entry(attr, e) holds when e has the shape of an entry of the selection attribute attr: a string in resources, an object in tags.
# custom:
#   example: |-
#     lib.backup_known_entry("tags", {"type": "STRINGEQUALS", "key": "backup", "value": "daily"})
#   result: |-
#     true
backup_known_entry("resources", e) if is_string(e)

backup_known_entry("tags", e) if is_object(e)

# METADATA
# description: |-
#   backup_resource_match(pattern, res) holds when a selection's resource
#   entry names res: equal to its id, or an ARN pattern with "*" that
#   matches the id (live, where the id is the ARN).
# custom:
#   example: |-
#     lib.backup_resource_match("arn:aws:ec2:*:*:volume/*", {"id": "arn:aws:ec2:eu-west-1:111122223333:volume/vol-0enc", "scope": {"platform": "aws"}})
#   result: |-
#     true
backup_resource_match(pattern, res) if pattern == res.id

backup_resource_match(pattern, res) if {
	is_string(pattern)
	contains(pattern, "*")
	object.get(res, ["scope", "platform"], "") != "terraform"
	wildcard_match(pattern, res.id)
}

# METADATA
# description: |-
#   backup_terraform_pattern(r, res) holds for a Terraform resource res whose ARN is assigned at apply when the selection entry r may be that ARN: "*", or an ARN (pattern) of res's service (any service when the pattern says *).
# custom:
#   example: |-
#     lib.backup_terraform_pattern("arn:aws:dynamodb:*:*:table/*", {"type": "aws.dynamodb.table", "id": "aws_dynamodb_table.orders", "scope": {"platform": "terraform"}})
#   result: |-
#     true
backup_terraform_pattern(r, res) if {
	object.get(res, ["scope", "platform"], "") == "terraform"
	r == "*"
}

backup_terraform_pattern(r, res) if {
	object.get(res, ["scope", "platform"], "") == "terraform"
	is_string(r)
	startswith(r, "arn:")
	service := split(r, ":")[2]
	service in {"*", backup_arn_service[res.type]}
}

# METADATA
# description: |-
#   backup_arn_service maps each data-store type to the service part of its ARN.
# custom:
#   example: |-
#     lib.backup_arn_service["aws.efs.file_system"]
#   result: |-
#     "elasticfilesystem"
backup_arn_service := {
	"aws.rds.instance": "rds",
	"aws.rds.cluster": "rds",
	"aws.ec2.volume": "ec2",
	"aws.dynamodb.table": "dynamodb",
	"aws.efs.file_system": "elasticfilesystem",
}

# METADATA
# description: |-
#   backup_membership(res, selections) is "assigned" when a selection
#   certainly assigns res, else "unknown" when one may, else "none".
# custom:
#   example: |-
#     lib.backup_membership({"id": "arn:aws:dynamodb:eu-west-1:111122223333:table/scratch", "scope": {"platform": "aws"}}, [])
#   result: |-
#     "none"
backup_membership(res, selections) := "assigned" if {
	some sel in selections
	backup_assigned(sel, res)
} else := "unknown" if {
	some sel in selections
	backup_may_assign(sel, res)
} else := "none"
