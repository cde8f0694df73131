# METADATA
# title: Every region holding data stores or backup vaults has a backup plan
# description: >-
#   AWS Backup plans are regional: a region where databases, volumes,
#   tables or file systems live (or where backup vaults were made) without
#   any backup plan backs nothing up on a schedule there, whatever the
#   plans of other regions do. Judged on the account over every collected
#   region; a region where plans or data stores were not collected is
#   not_evaluated. Which data stores a plan assigns is AWS-BK-008's.
# custom:
#   id: AWS-BK-001
#   severity: medium
#   resource_types: [aws.account]
#   related:
#     plans: {type: aws.backup.plan, join: account}
#     vaults: {type: aws.backup.vault, join: account}
#     rds_instances: {type: aws.rds.instance, join: account}
#     rds_clusters: {type: aws.rds.cluster, join: account}
#     volumes: {type: aws.ec2.volume, join: account}
#     tables: {type: aws.dynamodb.table, join: account}
#     file_systems: {type: aws.efs.file_system, join: account}
#   frameworks:
#     iso27001-2022: ["A.8.13"]
#     nist-800-53-r5: ["CP-9"]
#     soc2: ["A1.2"]
#   equivalents:
#     prowler: [backup_plans_exist]
#   remediation:
#     console: 'AWS Backup → (the region) → Backup plans → Create backup plan, then assign the region''s data stores to it.'
#     terraform: 'aws_backup_plan with a rule, and an aws_backup_selection assigning the data stores, in a provider for each region that holds data.'
package rampart.aws.backup.plan_per_region

store_lists := ["rds_instances", "rds_clusters", "volumes", "tables", "file_systems", "vaults"]

related_list(name) := object.get(input, ["related", name], null)

regions_with(name) := {object.get(r, ["scope", "region"], "") | some r in related_list(name)}

plan_regions := regions_with("plans")

holding := {region: sort(kinds) |
	some name in store_lists
	some region in regions_with(name)
	kinds := {n | some n in store_lists; region in regions_with(n)}
}

deny contains {"msg": sprintf("region %s holds %s but has no backup plan", [region_label(region), concat(", ", [replace(k, "_", " ") | some k in kinds])]), "path": "related.plans"} if {
	every name in array.concat(["plans"], store_lists) {
		is_array(related_list(name))
	}
	some region, kinds in holding
	not region in plan_regions
}

region_label(r) := r if r != ""

region_label("") := "(the provider's region)"

unknown contains {"msg": sprintf("the related %s were not given to the control", [replace(name, "_", " ")]), "path": sprintf("related.%s", [name])} if {
	some name in array.concat(["plans"], store_lists)
	not is_array(related_list(name))
}
