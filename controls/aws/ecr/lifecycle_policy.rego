# METADATA
# title: ECR repositories expire old images
# description: >-
#   Without a lifecycle policy every image ever pushed stays, vulnerable
#   ones included, and can still be pulled and deployed; a lifecycle
#   policy expires untagged and superseded images.
# custom:
#   id: AWS-ECR-005
#   severity: low
#   resource_types: [aws.ecr.repository]
#   frameworks:
#     iso27001-2022: ["A.8.10"]
#     nist-800-53-r5: ["CM-2", "SI-12"]
#     soc2: ["CC8.1"]
#   equivalents:
#     prowler: [ecr_repositories_lifecycle_policy_enabled]
#   remediation:
#     console: 'ECR → Repositories → the repository → Lifecycle Policy → Create rule (e.g. expire untagged images after 14 days, keep the last 30 tagged).'
#     terraform: 'aws_ecr_lifecycle_policy { repository = aws_ecr_repository.app.name, policy = jsonencode({rules = [...]}) }.'
package rampart.aws.ecr.lifecycle_policy

import data.rampart.lib

deny contains {"msg": sprintf("ECR repository %s has no lifecycle policy", [lib.label("repository_name")]), "path": "attributes.lifecycle_policy.present"} if {
	input.attributes.lifecycle_policy.present == false
}

unknown contains {"msg": "whether the repository has a lifecycle policy is unknown", "path": "attributes.lifecycle_policy"} if {
	not is_boolean(lib.attr(["lifecycle_policy", "present"]))
}
