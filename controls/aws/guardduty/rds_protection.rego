# METADATA
# title: GuardDuty RDS Protection monitors database logins
# description: >-
#   RDS Protection profiles login activity of Aurora and RDS databases and raises a finding for brute force and logins from unusual places; without it a stolen database password is used unseen.
# custom:
#   id: AWS-GD-008
#   severity: high
#   resource_types: [aws.guardduty.detector]
#   frameworks:
#     iso27001-2022: ["A.8.16"]
#     nist-800-53-r5: ["SI-4", "AC-7"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [guardduty_rds_protection_enabled]
#   remediation:
#     console: 'GuardDuty → Protection plans → RDS Protection → Enable.'
#     terraform: 'aws_guardduty_detector_feature { detector_id = aws_guardduty_detector.main.id, name = "RDS_LOGIN_EVENTS", status = "ENABLED" }'
package rampart.aws.guardduty.rds_protection

import data.rampart.lib

status := lib.attr(["features", "rds_login_events", "status"])

# Why the status is missing: the collector's reason for the whole features
# attribute, else a feature GuardDuty (or the Terraform) did not name.
default why := "the detector's features do not name it"

why := reason if reason := input.unknown.features

deny contains {"msg": sprintf("GuardDuty RDS protection is %s on this detector", [status]), "path": "attributes.features.rds_login_events.status"} if {
	is_string(status)
	status != "ENABLED"
}

unknown contains {"msg": sprintf("GuardDuty RDS protection is unknown: %s", [why]), "path": "attributes.features.rds_login_events.status"} if {
	not is_string(status)
}
