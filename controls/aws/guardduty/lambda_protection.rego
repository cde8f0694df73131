# METADATA
# title: GuardDuty Lambda Protection monitors function network activity
# description: >-
#   Lambda Protection reads the network activity of every function for crypto-mining and command-and-control traffic; a compromised function is otherwise invisible to GuardDuty.
# custom:
#   id: AWS-GD-009
#   severity: high
#   resource_types: [aws.guardduty.detector]
#   frameworks:
#     iso27001-2022: ["A.8.16"]
#     nist-800-53-r5: ["SI-4"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [guardduty_lambda_protection_enabled]
#   remediation:
#     console: 'GuardDuty → Protection plans → Lambda Protection → Enable.'
#     terraform: 'aws_guardduty_detector_feature { detector_id = aws_guardduty_detector.main.id, name = "LAMBDA_NETWORK_LOGS", status = "ENABLED" }'
package rampart.aws.guardduty.lambda_protection

import data.rampart.lib

status := lib.attr(["features", "lambda_network_logs", "status"])

# Why the status is missing: the collector's reason for the whole features
# attribute, else a feature GuardDuty (or the Terraform) did not name.
default why := "the detector's features do not name it"

why := reason if reason := input.unknown.features

deny contains {"msg": sprintf("GuardDuty Lambda protection is %s on this detector", [status]), "path": "attributes.features.lambda_network_logs.status"} if {
	is_string(status)
	status != "ENABLED"
}

unknown contains {"msg": sprintf("GuardDuty Lambda protection is unknown: %s", [why]), "path": "attributes.features.lambda_network_logs.status"} if {
	not is_string(status)
}
