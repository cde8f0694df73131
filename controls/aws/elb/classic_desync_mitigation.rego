# METADATA
# title: Classic load balancers mitigate HTTP desync
# description: >-
#   In monitor mode a Classic Load Balancer forwards ambiguous requests
#   that a back end may parse differently (HTTP request smuggling);
#   defensive or strictest mode blocks them.
# custom:
#   id: AWS-ELB-023
#   severity: medium
#   resource_types: [aws.elb.load_balancer]
#   frameworks:
#     iso27001-2022: ["A.8.26"]
#     nist-800-53-r5: ["SI-10"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [elb_desync_mitigation_mode]
#   remediation:
#     console: 'EC2 → Load balancers → the Classic Load Balancer → Attributes → Edit → Desync mitigation mode: Defensive (or Strictest).'
#     terraform: 'aws_elb { desync_mitigation_mode = "defensive" } (the default; "monitor" fails).'
package rampart.aws.elb.classic_desync_mitigation

import data.rampart.lib

deny contains {"msg": sprintf("load balancer %s forwards ambiguous requests (desync mitigation mode %s)", [lib.label("name"), input.attributes.desync_mitigation_mode]), "path": "attributes.desync_mitigation_mode"} if {
	is_string(input.attributes.desync_mitigation_mode)
	not input.attributes.desync_mitigation_mode in {"defensive", "strictest"}
}

unknown contains {"msg": sprintf("the desync mitigation mode of load balancer %s is unknown", [lib.label("name")]), "path": "attributes.desync_mitigation_mode"} if {
	not is_string(lib.attr("desync_mitigation_mode"))
}
