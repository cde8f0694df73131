# METADATA
# title: Classic load balancers face the internet only for public systems
# description: >-
#   An internet-facing load balancer puts everything behind it one
#   listener away from the internet. Rampart accepts it on a system whose
#   workspace classification is public (a website, a public API) and fails
#   it elsewhere, and on a load balancer no system claims. Prowler and
#   Trivy flag every internet-facing load balancer, so this control, which
#   passes public systems, is not their equivalent.
# custom:
#   id: AWS-ELB-028
#   severity: high
#   resource_types: [aws.elb.load_balancer]
#   frameworks:
#     iso27001-2022: ["A.8.20", "A.8.22"]
#     nist-800-53-r5: ["AC-4", "SC-7"]
#     soc2: ["CC6.6"]
#   equivalents: {}
#   remediation:
#     console: 'EC2 → Load balancers → create an internal Classic (or application) load balancer, move the DNS records, delete the internet-facing one (the scheme cannot be changed).'
#     terraform: 'aws_elb { internal = true } for load balancers of systems that are not public (replaces the load balancer).'
package rampart.aws.elb.classic_internet_facing

import data.rampart.lib

# The system claiming the load balancer, read with object.get: a resource
# no system claims (or a system without a classification) is not public.
classification := object.get(input, ["system", "classification"], "")

public_system if classification == "public"

deny contains {"msg": sprintf("load balancer %s is internet-facing, but %s", [lib.label("name"), why]), "path": "attributes.scheme"} if {
	input.attributes.scheme == "internet-facing"
	not public_system
	why := reason
}

reason := sprintf("system %s is classified %s, not public", [object.get(input, ["system", "id"], "?"), classification]) if {
	classification != ""
} else := "no system claims it"

unknown contains {"msg": sprintf("the scheme of load balancer %s is unknown", [lib.label("name")]), "path": "attributes.scheme"} if {
	not is_string(lib.attr("scheme"))
}

# A claiming system always has an ID and a classification; one without
# them is a broken input, not an unclaimed load balancer.
unknown contains {"msg": sprintf("the system claiming load balancer %s has no readable %s", [lib.label("name"), field]), "path": concat(".", ["system", field])} if {
	is_object(object.get(input, "system", null))
	some field in ["id", "classification"]
	not is_string(object.get(input, ["system", field], null))
}
