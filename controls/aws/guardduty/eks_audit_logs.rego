# METADATA
# title: GuardDuty EKS Protection monitors the clusters' audit logs
# description: >-
#   EKS Audit Log Monitoring reads the Kubernetes audit logs of every cluster for anonymous access, privileged pods and credential theft; without it a compromised cluster API raises no finding.
# custom:
#   id: AWS-GD-005
#   severity: high
#   resource_types: [aws.guardduty.detector]
#   frameworks:
#     iso27001-2022: ["A.8.16"]
#     nist-800-53-r5: ["SI-4", "AU-6"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [guardduty_eks_audit_log_enabled]
#   remediation:
#     console: 'GuardDuty → Protection plans → EKS Protection → EKS Audit Log Monitoring → Enable.'
#     terraform: 'aws_guardduty_detector_feature { detector_id = aws_guardduty_detector.main.id, name = "EKS_AUDIT_LOGS", status = "ENABLED" }'
package rampart.aws.guardduty.eks_audit_logs

import data.rampart.lib

status := lib.attr(["features", "eks_audit_logs", "status"])

# Why the status is missing: the collector's reason for the whole features
# attribute, else a feature GuardDuty (or the Terraform) did not name.
default why := "the detector's features do not name it"

why := reason if reason := input.unknown.features

deny contains {"msg": sprintf("GuardDuty EKS audit log monitoring is %s on this detector", [status]), "path": "attributes.features.eks_audit_logs.status"} if {
	is_string(status)
	status != "ENABLED"
}

unknown contains {"msg": sprintf("GuardDuty EKS audit log monitoring is unknown: %s", [why]), "path": "attributes.features.eks_audit_logs.status"} if {
	not is_string(status)
}
