# METADATA
# title: EKS nodes reach the API through the private endpoint
# description: >-
#   With private endpoint access on, the nodes and pods in the VPC talk to
#   the Kubernetes API inside the VPC; without it their traffic to the
#   control plane leaves through the public endpoint.
# custom:
#   id: AWS-EKS-003
#   severity: medium
#   resource_types: [aws.eks.cluster]
#   frameworks:
#     iso27001-2022: ["A.8.20"]
#     nist-800-53-r5: ["SC-7"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [eks_cluster_private_nodes_enabled]
#   remediation:
#     console: 'EKS → the cluster → Networking → Manage endpoint access → Public and private, or Private.'
#     terraform: 'aws_eks_cluster { vpc_config { endpoint_private_access = true } }.'
package rampart.aws.eks.private_access

import data.rampart.lib

deny contains {"msg": sprintf("EKS cluster %s has no private API endpoint", [lib.label("name")]), "path": "attributes.endpoint_private_access"} if {
	input.attributes.endpoint_private_access == false
}

unknown contains {"msg": "whether the cluster has a private API endpoint is unknown", "path": "attributes.endpoint_private_access"} if {
	not is_boolean(lib.attr("endpoint_private_access"))
}
