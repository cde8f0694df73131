# METADATA
# title: EC2 instances get AWS access through an instance profile
# description: >-
#   An instance with no instance profile either has no AWS access or gets
#   it from keys stored on the machine, which leak with it and never
#   rotate; an instance role gives it short-lived credentials instead.
# custom:
#   id: AWS-EC2-006
#   severity: medium
#   resource_types: [aws.ec2.instance]
#   frameworks:
#     cis-aws-3.0: ["1.18"]
#     iso27001-2022: ["A.5.17", "A.8.2"]
#     nist-800-53-r5: ["IA-5(7)", "AC-6"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [ec2_instance_profile_attached]
#   remediation:
#     console: 'EC2 → Instances → the instance → Actions → Security → Modify IAM role → choose a role with the permissions the workload needs; remove stored access keys from the machine.'
#     terraform: 'Set iam_instance_profile on the aws_instance to an aws_iam_instance_profile whose role has the permissions needed.'
package rampart.aws.ec2.instance_profile

import data.rampart.lib

attrs := input.attributes

deny contains {"msg": sprintf("instance %s has no instance profile", [lib.label("instance_id")]), "path": "attributes.iam_instance_profile"} if {
	reads_profile
	not "iam_instance_profile" in object.keys(attrs)
	not "iam_instance_profile" in lib.unknown_keys
}

# Both producers omit iam_instance_profile when the instance has none: live
# evidence, which always carries the instance's state, and the Terraform
# mapping, which reads the aws_instance's iam_instance_profile (and names it
# in unknown when it cannot be read statically). Other evidence without the
# attribute says nothing about the profile.
reads_profile if is_string(attrs.state)

reads_profile if object.get(input, ["scope", "platform"], null) == "terraform"

unknown contains {"msg": "whether the instance has an instance profile is unknown", "path": "attributes.iam_instance_profile"} if {
	not "iam_instance_profile" in object.keys(attrs)
	not reads_profile
}

unknown contains {"msg": sprintf("the instance profile is unknown: %s", [input.unknown.iam_instance_profile]), "path": "attributes.iam_instance_profile"} if {
	not "iam_instance_profile" in object.keys(attrs)
	"iam_instance_profile" in lib.unknown_keys
}

unknown contains {"msg": "the instance profile is unreadable", "path": "attributes.iam_instance_profile"} if {
	"iam_instance_profile" in object.keys(attrs)
	not is_string(lib.attr("iam_instance_profile"))
}
