# METADATA
# title: EKS API endpoints are private only
# description: >-
#   With public access off the Kubernetes API is reachable only from the
#   VPC (and networks connected to it); nothing on the internet can reach
#   the control plane at all, whatever its CIDR list says.
# custom:
#   id: AWS-EKS-002
#   severity: medium
#   resource_types: [aws.eks.cluster]
#   frameworks:
#     iso27001-2022: ["A.8.20", "A.8.22"]
#     nist-800-53-r5: ["SC-7", "SC-7(4)"]
#     soc2: ["CC6.6"]
#   equivalents:
#     trivy: [AVD-AWS-0040]
#   remediation:
#     console: 'EKS → the cluster → Networking → Manage endpoint access → Private (administer through a VPN, Direct Connect or a bastion in the VPC).'
#     terraform: 'aws_eks_cluster { vpc_config { endpoint_public_access = false, endpoint_private_access = true } }.'
package rampart.aws.eks.private_endpoint

import data.rampart.lib

deny contains {"msg": sprintf("the API endpoint of EKS cluster %s is reachable from the internet", [lib.label("name")]), "path": "attributes.endpoint_public_access"} if {
	input.attributes.endpoint_public_access == true
}

unknown contains {"msg": "whether the cluster's API endpoint is public is unknown", "path": "attributes.endpoint_public_access"} if {
	not is_boolean(lib.attr("endpoint_public_access"))
}
