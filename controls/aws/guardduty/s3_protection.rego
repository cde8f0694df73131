# METADATA
# title: GuardDuty S3 Protection is on
# description: >-
#   S3 Protection analyses CloudTrail data events of every bucket for exfiltration and destruction patterns (anomalous GetObject, DeleteObject from Tor or unusual locations); without it GuardDuty does not see attacks on the data itself.
# custom:
#   id: AWS-GD-004
#   severity: high
#   resource_types: [aws.guardduty.detector]
#   frameworks:
#     iso27001-2022: ["A.8.16"]
#     nist-800-53-r5: ["SI-4"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [guardduty_s3_protection_enabled]
#   remediation:
#     console: 'GuardDuty → Protection plans → S3 Protection → Enable (in each region, or for the organisation from the delegated administrator).'
#     terraform: 'aws_guardduty_detector_feature { detector_id = aws_guardduty_detector.main.id, name = "S3_DATA_EVENTS", status = "ENABLED" }'
package rampart.aws.guardduty.s3_protection

import data.rampart.lib

status := lib.attr(["features", "s3_data_events", "status"])

# Why the status is missing: the collector's reason for the whole features
# attribute, else a feature GuardDuty (or the Terraform) did not name.
default why := "the detector's features do not name it"

why := reason if reason := input.unknown.features

deny contains {"msg": sprintf("GuardDuty S3 protection is %s on this detector", [status]), "path": "attributes.features.s3_data_events.status"} if {
	is_string(status)
	status != "ENABLED"
}

unknown contains {"msg": sprintf("GuardDuty S3 protection is unknown: %s", [why]), "path": "attributes.features.s3_data_events.status"} if {
	not is_string(status)
}
