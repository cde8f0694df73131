# METADATA
# title: Load balancers have deletion protection
# description: >-
#   Without deletion protection one API call or a mistaken terraform
#   destroy takes the entry point of the system offline, with its DNS
#   name, which cannot be recovered.
# custom:
#   id: AWS-ELB-005
#   severity: medium
#   resource_types: [aws.elbv2.load_balancer]
#   frameworks:
#     iso27001-2022: ["A.8.32"]
#     nist-800-53-r5: ["CM-3"]
#     soc2: ["CC8.1"]
#   equivalents:
#     prowler: [elbv2_deletion_protection]
#   remediation:
#     console: 'EC2 → Load balancers → the load balancer → Attributes → Edit → Deletion protection: on.'
#     terraform: 'aws_lb { enable_deletion_protection = true }.'
package rampart.aws.elb.deletion_protection

import data.rampart.lib

applies := true

deny contains {"msg": sprintf("load balancer %s can be deleted without first turning off deletion protection", [lib.label("name")]), "path": "attributes.deletion_protection"} if {
	applies
	input.attributes.deletion_protection == false
}

unknown contains {"msg": sprintf("deletion_protection of load balancer %s is unknown", [lib.label("name")]), "path": "attributes.deletion_protection"} if {
	applies
	not is_boolean(lib.attr("deletion_protection"))
}
