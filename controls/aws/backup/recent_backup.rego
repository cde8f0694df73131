# METADATA
# title: Resources AWS Backup protects have a recovery point from the last 7 days
# description: >-
#   A resource in a backup plan whose latest recovery point is older than
#   a week is not being backed up any more: the job fails (a role without
#   permission, a key it cannot use, a resource moved), the plan's
#   schedule is too sparse, or the resource left the plan. Restoring it
#   would lose everything since. Read from what AWS Backup reports as
#   protected (live evidence only: Terraform cannot know it); the limit is
#   the control's (max_age_days below).
# custom:
#   id: AWS-BK-009
#   severity: medium
#   resource_types: [aws.backup.protected_resource]
#   frameworks:
#     iso27001-2022: ["A.8.13"]
#     nist-800-53-r5: ["CP-9"]
#     soc2: ["A1.2"]
#   equivalents: {}
#   remediation:
#     console: 'AWS Backup → Jobs → filter by the resource → read why its backup jobs failed or stopped (role, key, resource state), fix it, and make sure a plan with at least a weekly rule assigns it.'
#     terraform: 'A rule with schedule at least weekly in the aws_backup_plan whose aws_backup_selection names the resource, and an iam_role_arn that may back it up.'
package rampart.aws.backup.recent_backup

import data.rampart.lib

max_age_days := 7

deny contains {"msg": sprintf("%s was last backed up %d days ago (%s; limit %d)", [lib.label("resource_arn"), age, lib.attr("last_backup_time"), max_age_days]), "path": "attributes.last_backup_time"} if {
	is_string(lib.attr("last_backup_time"))
	age := lib.days_since(lib.attr("last_backup_time"))
	age > max_age_days
}

unknown contains {"msg": sprintf("when %s was last backed up is unknown", [lib.label("resource_arn")]), "path": "attributes.last_backup_time"} if {
	not is_string(lib.attr("last_backup_time"))
}

unknown contains {"msg": sprintf("the last backup time of %s is not an RFC 3339 time: %v", [lib.label("resource_arn"), [lib.attr("last_backup_time")]]), "path": "attributes.last_backup_time"} if {
	is_string(lib.attr("last_backup_time"))
	not time.parse_rfc3339_ns(lib.attr("last_backup_time"))
}
