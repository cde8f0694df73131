# METADATA
# title: EKS API endpoints are not open to the whole internet
# description: >-
#   A public Kubernetes API endpoint that admits 0.0.0.0/0 (EKS's default)
#   lets anyone on the internet try credentials and exploits against the
#   control plane; restrict the public endpoint to the networks that
#   administer the cluster, or turn it off.
# custom:
#   id: AWS-EKS-001
#   severity: critical
#   resource_types: [aws.eks.cluster]
#   frameworks:
#     iso27001-2022: ["A.8.20", "A.8.22"]
#     nist-800-53-r5: ["AC-17", "SC-7"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [eks_cluster_not_publicly_accessible]
#     trivy: [AVD-AWS-0041]
#   remediation:
#     console: 'EKS → the cluster → Networking → Manage endpoint access → Public and private, with the administrators'' CIDR blocks under Advanced settings (or Private only).'
#     terraform: 'aws_eks_cluster { vpc_config { endpoint_public_access = true, public_access_cidrs = ["203.0.113.0/24"] } }, or endpoint_public_access = false.'
package rampart.aws.eks.public_cidr

import data.rampart.lib

open_cidrs := {"0.0.0.0/0", "::/0"}

deny contains {"msg": sprintf("the public API endpoint of EKS cluster %s admits %s", [lib.label("name"), cidr]), "path": "attributes.public_access_cidrs"} if {
	input.attributes.endpoint_public_access == true
	some cidr in input.attributes.public_access_cidrs
	cidr in open_cidrs
}

unknown contains {"msg": "whether the cluster's API endpoint is public is unknown", "path": "attributes.endpoint_public_access"} if {
	not is_boolean(lib.attr("endpoint_public_access"))
}

unknown contains {"msg": "the CIDRs admitted to the cluster's public endpoint are unknown", "path": "attributes.public_access_cidrs"} if {
	input.attributes.endpoint_public_access == true
	not is_array(lib.attr("public_access_cidrs"))
}

unknown contains {"msg": sprintf("entry %d of the public access CIDRs is not a CIDR", [i]), "path": sprintf("attributes.public_access_cidrs[%d]", [i])} if {
	input.attributes.endpoint_public_access == true
	some i, cidr in input.attributes.public_access_cidrs
	not is_string(cidr)
}
