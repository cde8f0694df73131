# METADATA
# title: EKS secrets are encrypted with a KMS key
# description: >-
#   Envelope encryption of Kubernetes secrets with a customer-managed KMS
#   key keeps them unreadable in etcd and its backups to anyone who may
#   not use the key.
# custom:
#   id: AWS-EKS-004
#   severity: high
#   resource_types: [aws.eks.cluster]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [eks_cluster_kms_cmk_encryption_in_secrets_enabled]
#     trivy: [AVD-AWS-0039]
#   remediation:
#     console: 'EKS → the cluster → Overview → Secrets encryption → Enable → the KMS key (cannot be turned off afterwards).'
#     terraform: 'aws_eks_cluster { encryption_config { resources = ["secrets"]  provider { key_arn = aws_kms_key.eks.arn } } }.'
package rampart.aws.eks.secrets_encrypted

import data.rampart.lib

deny contains {"msg": sprintf("the Kubernetes secrets of EKS cluster %s are not encrypted with a KMS key", [lib.label("name")]), "path": "attributes.secrets_encrypted"} if {
	input.attributes.secrets_encrypted == false
}

unknown contains {"msg": "whether the cluster's secrets are encrypted is unknown", "path": "attributes.secrets_encrypted"} if {
	not is_boolean(lib.attr("secrets_encrypted"))
}
