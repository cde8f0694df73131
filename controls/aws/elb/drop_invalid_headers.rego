# METADATA
# title: Application load balancers drop invalid HTTP header fields
# description: >-
#   An application load balancer passes header fields with invalid names
#   to its targets unless told to drop them; request smuggling and header
#   injection against the application behind it start there.
# custom:
#   id: AWS-ELB-003
#   severity: medium
#   resource_types: [aws.elbv2.load_balancer]
#   frameworks:
#     iso27001-2022: ["A.8.26"]
#     nist-800-53-r5: ["SI-10"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [elbv2_alb_drop_invalid_header_fields_enabled]
#     trivy: [AVD-AWS-0052]
#   remediation:
#     console: 'EC2 → Load balancers → the load balancer → Attributes → Edit → Drop invalid header fields: on.'
#     terraform: 'aws_lb { drop_invalid_header_fields = true }.'
package rampart.aws.elb.drop_invalid_headers

import data.rampart.lib

applies if not lib.attr("type") in {"network", "gateway"}

deny contains {"msg": sprintf("load balancer %s passes invalid HTTP header fields to its targets", [lib.label("name")]), "path": "attributes.drop_invalid_header_fields"} if {
	applies
	input.attributes.drop_invalid_header_fields == false
}

unknown contains {"msg": sprintf("drop_invalid_header_fields of load balancer %s is unknown", [lib.label("name")]), "path": "attributes.drop_invalid_header_fields"} if {
	applies
	not is_boolean(lib.attr("drop_invalid_header_fields"))
}

unknown contains {"msg": sprintf("the type of load balancer %s is unknown", [lib.label("name")]), "path": "attributes.type"} if {
	not is_string(lib.attr("type"))
}
