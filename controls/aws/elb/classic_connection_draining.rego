# METADATA
# title: Classic load balancers drain connections
# description: >-
#   Without connection draining a Classic Load Balancer cuts in-flight
#   requests when a target is deregistered or fails its health check.
# custom:
#   id: AWS-ELB-024
#   severity: low
#   resource_types: [aws.elb.load_balancer]
#   frameworks:
#     iso27001-2022: ["A.8.14"]
#     nist-800-53-r5: ["SC-5", "CP-10"]
#     soc2: ["A1.2"]
#   equivalents:
#     prowler: [elb_connection_draining_enabled]
#   remediation:
#     console: 'EC2 → Load balancers → the Classic Load Balancer → Attributes → Edit → Connection draining: on.'
#     terraform: 'aws_elb { connection_draining = true }.'
package rampart.aws.elb.classic_connection_draining

import data.rampart.lib

applies := true

deny contains {"msg": sprintf("load balancer %s drops in-flight requests when a target leaves (connection draining off)", [lib.label("name")]), "path": "attributes.connection_draining"} if {
	applies
	input.attributes.connection_draining == false
}

unknown contains {"msg": sprintf("connection_draining of load balancer %s is unknown", [lib.label("name")]), "path": "attributes.connection_draining"} if {
	applies
	not is_boolean(lib.attr("connection_draining"))
}
