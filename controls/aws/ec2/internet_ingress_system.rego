# METADATA
# title: Internet ingress only where the system says it faces the internet
# description: >-
#   A security group with an ingress rule from 0.0.0.0/0 or ::/0 on any
#   protocol or port, or an internet-facing application, network or gateway
#   load balancer, fails unless the workspace system that claims it says
#   internet_facing = true: an opening the system's owner did not declare
#   is an exposure nobody reviewed. A resource no system claims is not
#   evaluated, with the reason (claim it, or declare its system). The
#   sensitive-port controls (AWS-EC2-001, AWS-EC2-010) still judge the
#   groups of internet-facing systems.
# custom:
#   id: AWS-EC2-021
#   severity: high
#   resource_types: [aws.ec2.security_group, aws.elbv2.load_balancer]
#   frameworks:
#     iso27001-2022: ["A.8.20", "A.8.22"]
#     nist-800-53-r5: ["AC-4", "SC-7", "CA-9"]
#     soc2: ["CC6.6"]
#   equivalents: {}
#   remediation:
#     console: 'Either remove the 0.0.0.0/0 and ::/0 sources (EC2 → Security groups → Inbound rules) or replace the internet-facing load balancer with an internal one; or, if the system is meant to face the internet, say so in the workspace.'
#     terraform: 'Narrow cidr_blocks / ipv6_cidr_blocks of the ingress rule, or aws_lb { internal = true }; for a public system: system "web" { internet_facing = true } in the workspace.'
package rampart.aws.ec2.internet_ingress_system

import data.rampart.lib

claimed if is_object(object.get(input, "system", null))

declared_public if input.system.internet_facing == true

# What opens the resource to the internet, each with the path of its evidence.
opening contains {"what": sprintf("ingress rule %d admits %s", [i, concat(", ", sources)]), "path": sprintf("attributes.ingress[%d]", [i])} if {
	input.type == "aws.ec2.security_group"
	some i, rule in input.attributes.ingress
	sources := sort([s | some s in array.concat(rule.cidr_ipv4, rule.cidr_ipv6); s in lib.open_cidrs])
	count(sources) > 0
}

opening contains {"what": "it is internet-facing", "path": "attributes.scheme"} if {
	input.type == "aws.elbv2.load_balancer"
	input.attributes.scheme == "internet-facing"
}

name := lib.sg_name(input) if input.type == "aws.ec2.security_group"

name := sprintf("load balancer %s", [lib.label("name")]) if input.type == "aws.elbv2.load_balancer"

deny contains {"msg": sprintf("%s: %s, but system %s does not say internet_facing = true", [name, o.what, input.system.id]), "path": o.path} if {
	claimed
	is_boolean(object.get(input, ["system", "internet_facing"], null))
	not declared_public
	some o in opening
}

unknown contains {"msg": sprintf("%s: %s, and no system claims it, so whether it is meant to face the internet is unknown", [name, o.what]), "path": o.path} if {
	not claimed
	some o in opening
}

unknown contains {"msg": "internet_facing of the claiming system is unreadable", "path": "system.internet_facing"} if {
	claimed
	count(opening) > 0
	not is_boolean(object.get(input, ["system", "internet_facing"], null))
}

unknown contains {"msg": "the group's ingress rules are unknown", "path": "attributes.ingress"} if {
	input.type == "aws.ec2.security_group"
	not is_array(lib.attr("ingress"))
}

unknown contains {"msg": sprintf("ingress rule %d has unreadable %s", [i, field]), "path": sprintf("attributes.ingress[%d].%s", [i, field])} if {
	input.type == "aws.ec2.security_group"
	some i, rule in input.attributes.ingress
	some field in ["cidr_ipv4", "cidr_ipv6"]
	not is_array(object.get(rule, field, null))
}

unknown contains {"msg": sprintf("the scheme of %s is unknown", [name]), "path": "attributes.scheme"} if {
	input.type == "aws.elbv2.load_balancer"
	not is_string(lib.attr("scheme"))
}
