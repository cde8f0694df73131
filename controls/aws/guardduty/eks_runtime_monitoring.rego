# METADATA
# title: GuardDuty Runtime Monitoring covers the EKS clusters
# description: >-
#   Runtime Monitoring watches process, file and network events inside the
#   nodes of every EKS cluster (container escapes, reverse shells,
#   crypto-miners) through a GuardDuty agent; audit logs alone do not see
#   what runs in a pod. On when RUNTIME_MONITORING is on with the EKS
#   add-on managed by GuardDuty, or the older EKS_RUNTIME_MONITORING is on.
# custom:
#   id: AWS-GD-006
#   severity: medium
#   resource_types: [aws.guardduty.detector]
#   frameworks:
#     iso27001-2022: ["A.8.16"]
#     nist-800-53-r5: ["SI-4"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [guardduty_eks_runtime_monitoring_enabled]
#   remediation:
#     console: 'GuardDuty → Runtime Monitoring → Configuration → Enable, and under Automated agent configuration enable Amazon EKS.'
#     terraform: 'aws_guardduty_detector_feature { name = "RUNTIME_MONITORING", status = "ENABLED", additional_configuration { name = "EKS_ADDON_MANAGEMENT", status = "ENABLED" } }'
package rampart.aws.guardduty.eks_runtime_monitoring

import data.rampart.lib

runtime := lib.attr(["features", "runtime_monitoring"])

legacy := lib.attr(["features", "eks_runtime_monitoring", "status"])

# On through either feature; a feature that is absent does not turn it off.
covered if {
	runtime.status == "ENABLED"
	runtime.additional.eks_addon_management == "ENABLED"
}

covered if legacy == "ENABLED"

# Both known enough to say no: the current feature read (status, and the
# add-on when the status is on), the older one off or not listed.
decided if {
	is_string(object.get(runtime, "status", null))
	runtime.status != "ENABLED"
}

decided if {
	runtime.status == "ENABLED"
	is_string(object.get(object.get(runtime, "additional", {}), "eks_addon_management", null))
}

default why := "the detector's features do not name it"

why := reason if reason := input.unknown.features

deny contains {"msg": sprintf("GuardDuty Runtime Monitoring does not cover EKS (runtime monitoring %s, EKS add-on management %s)", [object.get(runtime, "status", "not listed"), object.get(object.get(runtime, "additional", {}), "eks_addon_management", "not listed")]), "path": "attributes.features.runtime_monitoring"} if {
	not covered
	decided
	not legacy_unreadable
}

legacy_unreadable if {
	lib.attr(["features", "eks_runtime_monitoring"]) != null
	not is_string(legacy)
}

unknown contains {"msg": sprintf("GuardDuty EKS runtime monitoring is unknown: %s", [why]), "path": "attributes.features.runtime_monitoring"} if {
	not covered
	not decided
}

unknown contains {"msg": "the status of GuardDuty's EKS_RUNTIME_MONITORING feature is unreadable", "path": "attributes.features.eks_runtime_monitoring.status"} if {
	not covered
	legacy_unreadable
}
