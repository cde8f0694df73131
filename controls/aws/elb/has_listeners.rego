# METADATA
# title: Load balancers have listeners
# description: >-
#   A load balancer without listeners serves nothing but still costs money
#   and keeps its public address and DNS name: a forgotten resource that
#   may be reconfigured later without review.
# custom:
#   id: AWS-ELB-010
#   severity: low
#   resource_types: [aws.elbv2.load_balancer]
#   frameworks:
#     iso27001-2022: ["A.8.32"]
#     nist-800-53-r5: ["CM-3"]
#     soc2: ["CC8.1"]
#   equivalents:
#     prowler: [elbv2_listeners_underneath]
#   remediation:
#     console: 'EC2 → Load balancers → the load balancer: add a listener, or delete the load balancer if it is no longer used.'
#     terraform: 'an aws_lb_listener with load_balancer_arn = aws_lb.<name>.arn, or remove the aws_lb.'
package rampart.aws.elb.has_listeners

import data.rampart.lib

deny contains {"msg": sprintf("load balancer %s has no listeners", [lib.label("name")]), "path": "attributes.listeners"} if {
	is_array(input.attributes.listeners)
	count(input.attributes.listeners) == 0
}

unknown contains {"msg": sprintf("the listeners of load balancer %s are unknown", [lib.label("name")]), "path": "attributes.listeners"} if {
	not is_array(lib.attr("listeners"))
}
