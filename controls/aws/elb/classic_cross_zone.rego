# METADATA
# title: Classic load balancers balance across availability zones
# description: >-
#   Without cross-zone load balancing each node of a Classic Load Balancer
#   sends traffic only to targets in its own zone.
# custom:
#   id: AWS-ELB-025
#   severity: low
#   resource_types: [aws.elb.load_balancer]
#   frameworks:
#     iso27001-2022: ["A.8.14"]
#     nist-800-53-r5: ["SC-5", "CP-10"]
#     soc2: ["A1.2"]
#   equivalents:
#     prowler: [elb_cross_zone_load_balancing_enabled]
#   remediation:
#     console: 'EC2 → Load balancers → the Classic Load Balancer → Attributes → Edit → Cross-zone load balancing: on.'
#     terraform: 'aws_elb { cross_zone_load_balancing = true } (the default).'
package rampart.aws.elb.classic_cross_zone

import data.rampart.lib

applies := true

deny contains {"msg": sprintf("load balancer %s does not balance across availability zones", [lib.label("name")]), "path": "attributes.cross_zone_load_balancing"} if {
	applies
	input.attributes.cross_zone_load_balancing == false
}

unknown contains {"msg": sprintf("cross_zone_load_balancing of load balancer %s is unknown", [lib.label("name")]), "path": "attributes.cross_zone_load_balancing"} if {
	applies
	not is_boolean(lib.attr("cross_zone_load_balancing"))
}
