# METADATA
# title: EKS clusters are protected from deletion
# description: >-
#   With deletion protection on, a cluster cannot be deleted — by mistake,
#   by a runaway pipeline or by an intruder — until someone turns it off
#   first, which CloudTrail records.
# custom:
#   id: AWS-EKS-007
#   severity: medium
#   resource_types: [aws.eks.cluster]
#   frameworks:
#     iso27001-2022: ["A.8.13", "A.8.32"]
#     nist-800-53-r5: ["CP-10", "CM-5"]
#     soc2: ["A1.2"]
#   equivalents:
#     prowler: [eks_cluster_deletion_protection_enabled]
#   remediation:
#     console: 'EKS → the cluster → Overview → Manage → Deletion protection: on.'
#     terraform: 'aws_eks_cluster { deletion_protection = true }.'
package rampart.aws.eks.deletion_protection

import data.rampart.lib

deny contains {"msg": sprintf("EKS cluster %s can be deleted without turning protection off first", [lib.label("name")]), "path": "attributes.deletion_protection"} if {
	input.attributes.deletion_protection == false
}

unknown contains {"msg": "whether the cluster is protected from deletion is unknown", "path": "attributes.deletion_protection"} if {
	not is_boolean(lib.attr("deletion_protection"))
}
