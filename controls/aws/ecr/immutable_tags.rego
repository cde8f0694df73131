# METADATA
# title: ECR image tags are immutable
# description: >-
#   With mutable tags anyone who may push can move prod:1.4 to another
#   image, and every deployment of that tag then runs it; immutable tags
#   make a tag name one image for good.
# custom:
#   id: AWS-ECR-003
#   severity: medium
#   resource_types: [aws.ecr.repository]
#   frameworks:
#     iso27001-2022: ["A.8.9", "A.8.32"]
#     nist-800-53-r5: ["CM-3", "SI-7"]
#     soc2: ["CC8.1"]
#   equivalents:
#     prowler: [ecr_repositories_tag_immutability]
#     trivy: [AVD-AWS-0031]
#   remediation:
#     console: 'ECR → Repositories → the repository → Edit → Tag immutability: Immutable.'
#     terraform: 'aws_ecr_repository { image_tag_mutability = "IMMUTABLE" }.'
package rampart.aws.ecr.immutable_tags

import data.rampart.lib

deny contains {"msg": sprintf("the image tags of ECR repository %s can be moved (%s)", [lib.label("repository_name"), input.attributes.image_tag_mutability]), "path": "attributes.image_tag_mutability"} if {
	input.attributes.image_tag_mutability in {"MUTABLE", "MUTABLE_WITH_EXCLUSION"}
}

unknown contains {"msg": "the repository's tag mutability is unknown", "path": "attributes.image_tag_mutability"} if {
	not is_string(lib.attr("image_tag_mutability"))
}

unknown contains {"msg": sprintf("tag mutability %s is not one Rampart knows", [input.attributes.image_tag_mutability]), "path": "attributes.image_tag_mutability"} if {
	is_string(input.attributes.image_tag_mutability)
	not input.attributes.image_tag_mutability in {"MUTABLE", "MUTABLE_WITH_EXCLUSION", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"}
}
