# METADATA
# title: Security groups admit the internet only where the system says it faces the internet
# description: >-
#   A security group with an ingress rule from 0.0.0.0/0 or ::/0, on any
#   protocol or port, fails unless the workspace system that claims it says
#   internet_facing = true. An opening its owner did not declare is an
#   exposure nobody reviewed, and a group no system claims has no owner who
#   declared anything, so it fails too (claim it, or declare its system), as
#   AWS-ELB-007 fails an internet-facing load balancer no system claims. The
#   sensitive-port controls (AWS-EC2-001, AWS-EC2-010) still judge the groups
#   of internet-facing systems.
# custom:
#   id: AWS-EC2-021
#   severity: high
#   resource_types: [aws.ec2.security_group]
#   frameworks:
#     iso27001-2022: ["A.8.20", "A.8.22"]
#     nist-800-53-r5: ["AC-4", "SC-7", "CA-9"]
#     soc2: ["CC6.6"]
#   equivalents: {}
#   remediation:
#     console: 'Remove the 0.0.0.0/0 and ::/0 sources (EC2 → Security groups → Inbound rules), or, if the system is meant to face the internet, say so in the workspace.'
#     terraform: 'Narrow cidr_blocks / ipv6_cidr_blocks of the ingress rule; for a public system: system "web" { internet_facing = true } in the workspace, claiming the group.'
package rampart.aws.ec2.internet_ingress_system

import data.rampart.lib

claimed if is_object(object.get(input, "system", null))

declared_public if input.system.internet_facing == true

# The ingress rules open to the internet, each with the sources that make it so.
opening contains {"what": sprintf("ingress rule %d admits %s", [i, concat(", ", sources)]), "path": sprintf("attributes.ingress[%d]", [i])} if {
	some i, rule in input.attributes.ingress
	sources := sort([s | some s in array.concat(rule.cidr_ipv4, rule.cidr_ipv6); s in lib.open_cidrs])
	count(sources) > 0
}

why := sprintf("system %s does not say internet_facing = true", [input.system.id]) if {
	claimed
	is_boolean(object.get(input, ["system", "internet_facing"], null))
	not declared_public
} else := "no system claims it, so nobody declared it internet-facing" if not claimed

deny contains {"msg": sprintf("%s, but %s", [o.what, why]), "path": o.path} if {
	some o in opening
}

unknown contains {"msg": "internet_facing of the claiming system is unreadable", "path": "system.internet_facing"} if {
	claimed
	count(opening) > 0
	not is_boolean(object.get(input, ["system", "internet_facing"], null))
}

unknown contains {"msg": "the group's ingress rules are unknown", "path": "attributes.ingress"} if {
	not is_array(lib.attr("ingress"))
}

# A rule that is not an object, or a source list that is not a list of
# strings, could hide an open range: the group is not judged open or closed.
unknown contains {"msg": sprintf("ingress rule %d has unreadable sources", [i]), "path": sprintf("attributes.ingress[%d]", [i])} if {
	some i, rule in input.attributes.ingress
	not sources_known(rule)
}

# lib.sg_rule_sources_known, with the two lists it reads named here so that
# the linter sees the guard of the attributes deny reads.
sources_known(rule) if {
	is_array(rule.cidr_ipv4)
	is_array(rule.cidr_ipv6)
	lib.sg_rule_sources_known(rule)
}
