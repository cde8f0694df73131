# METADATA
# title: EC2 instances require IMDSv2
# description: >-
#   IMDSv1 answers plain GET requests, so one server-side request forgery in
#   an application leaks the instance role credentials; IMDSv2 session tokens
#   stop that.
# custom:
#   id: AWS-EC2-005
#   severity: high
#   resource_types: [aws.ec2.instance]
#   frameworks:
#     cis-aws-3.0: ["5.6"]
#     iso27001-2022: ["A.8.9", "A.8.20"]
#     nist-800-53-r5: ["AC-3", "SC-7"]
#     soc2: ["CC6.1", "CC6.6"]
#   equivalents:
#     prowler: [ec2_instance_imdsv2_enabled]
#     trivy: [AVD-AWS-0028]
#   remediation:
#     console: 'EC2 → the instance → Actions → Instance settings → Modify instance metadata options → IMDSv2 Required (aws ec2 modify-instance-metadata-options --http-tokens required).'
#     terraform: 'aws_instance (or aws_launch_template) metadata_options { http_tokens = "required" }.'
package rampart.aws.ec2.imdsv2

import data.rampart.lib

deny contains {"msg": sprintf("instance %s allows IMDSv1 (http_tokens is not required)", [lib.label("instance_id")]), "path": "attributes.imdsv2_required"} if {
	input.attributes.imdsv2_required == false
}

unknown contains {"msg": "imdsv2_required is unknown", "path": "attributes.imdsv2_required"} if {
	not is_boolean(lib.attr("imdsv2_required"))
}
