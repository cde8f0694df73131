# METADATA
# title: The default security group of a VPC allows no traffic
# description: >-
#   Resources land in the default group when no group is named; it must
#   have no ingress and no egress rules so that mistake exposes nothing.
# custom:
#   id: AWS-EC2-002
#   severity: medium
#   resource_types: [aws.ec2.security_group]
#   frameworks:
#     cis-aws-3.0: ["5.4"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
#     nist-800-53-r5: ["AC-4", "SC-7(5)"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [ec2_securitygroup_default_restrict_traffic]
#     trivy: [AVD-AWS-0173]
#   remediation:
#     console: VPC → Security groups → the VPC's "default" group → delete every inbound and outbound rule.
#     terraform: 'Adopt it with aws_default_security_group { vpc_id = aws_vpc.x.id } and no ingress or egress blocks.'
package rampart.aws.ec2.default_sg_closed

import data.rampart.lib

attrs := input.attributes

deny contains {"msg": sprintf("default security group has %d ingress and %d egress rule(s)", [count(attrs.ingress), count(attrs.egress)]), "path": "attributes.ingress"} if {
	attrs.is_default == true
	is_array(attrs.ingress)
	is_array(attrs.egress)
	count(attrs.ingress) + count(attrs.egress) > 0
}

unknown contains {"msg": "whether this is a default security group is unknown", "path": "attributes.is_default"} if {
	not is_boolean(lib.attr("is_default"))
}

unknown contains {"msg": "the default group's rules are unknown", "path": "attributes.egress"} if {
	attrs.is_default == true
	not rules_known
}

rules_known if {
	is_array(attrs.ingress)
	is_array(attrs.egress)
}
