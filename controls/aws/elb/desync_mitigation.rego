# METADATA
# title: Application load balancers mitigate HTTP desync
# description: >-
#   In monitor mode an application load balancer forwards ambiguous
#   requests that a back end may parse differently — the basis of HTTP
#   request smuggling. Defensive or strictest mode blocks them.
# custom:
#   id: AWS-ELB-006
#   severity: medium
#   resource_types: [aws.elbv2.load_balancer]
#   frameworks:
#     iso27001-2022: ["A.8.26"]
#     nist-800-53-r5: ["SI-10"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [elbv2_desync_mitigation_mode]
#   remediation:
#     console: 'EC2 → Load balancers → the load balancer → Attributes → Edit → Desync mitigation mode: Defensive (or Strictest).'
#     terraform: 'aws_lb { desync_mitigation_mode = "defensive" } (the default; "monitor" fails).'
package rampart.aws.elb.desync_mitigation

import data.rampart.lib

applies if not lib.attr("type") in {"network", "gateway"}

deny contains {"msg": sprintf("load balancer %s forwards ambiguous requests (desync mitigation mode %s)", [lib.label("name"), input.attributes.desync_mitigation_mode]), "path": "attributes.desync_mitigation_mode"} if {
	applies
	is_string(input.attributes.desync_mitigation_mode)
	not input.attributes.desync_mitigation_mode in {"defensive", "strictest"}
}

unknown contains {"msg": sprintf("the desync mitigation mode of load balancer %s is unknown", [lib.label("name")]), "path": "attributes.desync_mitigation_mode"} if {
	applies
	not is_string(lib.attr("desync_mitigation_mode"))
}

unknown contains {"msg": sprintf("the type of load balancer %s is unknown", [lib.label("name")]), "path": "attributes.type"} if {
	not is_string(lib.attr("type"))
}
