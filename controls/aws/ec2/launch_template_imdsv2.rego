# METADATA
# title: Launch templates require IMDSv2
# description: >-
#   The default version of a launch template sets metadata_options
#   http_tokens to required (or turns the metadata endpoint off), so
#   every instance launched from it — by an Auto Scaling group, a fleet
#   or a person — refuses IMDSv1, whose unauthenticated requests an
#   SSRF turns into stolen role credentials. A template without metadata
#   options leaves it to the account default and the AMI, and fails.
# custom:
#   id: AWS-EC2-017
#   severity: high
#   resource_types: [aws.ec2.launch_template]
#   frameworks:
#     iso27001-2022: ["A.8.9", "A.8.20"]
#     nist-800-53-r5: ["CM-6", "SC-7"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [ec2_launch_template_imdsv2_required]
#   remediation:
#     console: 'EC2 → Launch templates → the template → Actions → Modify template (create new version) → Advanced details → Metadata version: V2 only (token required) → set the new version as default.'
#     terraform: 'aws_launch_template { metadata_options { http_tokens = "required" } update_default_version = true }.'
package rampart.aws.ec2.launch_template_imdsv2

import data.rampart.lib

deny contains {"msg": sprintf("launch template %s does not require IMDSv2", [lib.label("name")]), "path": "attributes.imdsv2_required"} if {
	input.attributes.imdsv2_required == false
}

unknown contains {"msg": "imdsv2_required is unknown", "path": "attributes.imdsv2_required"} if {
	not is_boolean(lib.attr("imdsv2_required"))
}
