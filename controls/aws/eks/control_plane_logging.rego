# METADATA
# title: EKS control-plane logging covers all five log types
# description: >-
#   The API server, audit, authenticator, controller manager and scheduler
#   logs are what shows who did what in the cluster; a type that is off is
#   missing from every investigation.
# custom:
#   id: AWS-EKS-005
#   severity: medium
#   resource_types: [aws.eks.cluster]
#   frameworks:
#     iso27001-2022: ["A.8.15"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [eks_control_plane_logging_all_types_enabled]
#     trivy: [AVD-AWS-0038]
#   remediation:
#     console: 'EKS → the cluster → Observability → Control plane logging → Manage logging → turn on API server, Audit, Authenticator, Controller manager and Scheduler.'
#     terraform: 'aws_eks_cluster { enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"] }.'
package rampart.aws.eks.control_plane_logging

import data.rampart.lib

log_types := ["api", "audit", "authenticator", "controllerManager", "scheduler"]

missing := [t | some t in log_types; not t in input.attributes.logging_enabled_types]

deny contains {"msg": sprintf("EKS cluster %s does not log %s", [lib.label("name"), concat(", ", missing)]), "path": "attributes.logging_enabled_types"} if {
	is_array(input.attributes.logging_enabled_types)
	count(missing) > 0
}

unknown contains {"msg": "the cluster's control-plane log types are unknown", "path": "attributes.logging_enabled_types"} if {
	not is_array(lib.attr("logging_enabled_types"))
}
