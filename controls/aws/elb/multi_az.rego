# METADATA
# title: Load balancers span at least two availability zones
# description: >-
#   A load balancer with nodes in one availability zone goes down with
#   that zone. Terraform names subnets, not zones, so on a plan this
#   control is not evaluated.
# custom:
#   id: AWS-ELB-009
#   severity: low
#   resource_types: [aws.elbv2.load_balancer]
#   frameworks:
#     iso27001-2022: ["A.8.14"]
#     nist-800-53-r5: ["SC-5", "CP-10"]
#     soc2: ["A1.2"]
#   equivalents:
#     prowler: [elbv2_is_in_multiple_az]
#   remediation:
#     console: 'EC2 → Load balancers → the load balancer → Network mapping → Edit subnets → add a subnet in a second availability zone.'
#     terraform: 'aws_lb { subnets = [aws_subnet.a.id, aws_subnet.b.id] } with subnets in two availability zones.'
package rampart.aws.elb.multi_az

import data.rampart.lib

deny contains {"msg": sprintf("load balancer %s has nodes in %d availability zone(s)", [lib.label("name"), count(input.attributes.availability_zones)]), "path": "attributes.availability_zones"} if {
	is_array(input.attributes.availability_zones)
	count(input.attributes.availability_zones) < 2
}

unknown contains {"msg": sprintf("the availability zones of load balancer %s are unknown", [lib.label("name")]), "path": "attributes.availability_zones"} if {
	not is_array(lib.attr("availability_zones"))
}
