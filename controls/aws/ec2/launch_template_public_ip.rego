# METADATA
# title: Launch templates do not give instances a public IP address
# description: >-
#   A network interface of the template's default version that asks for a
#   public IPv4 address puts every instance launched from it on the
#   internet. Instances are reached through load balancers, Session
#   Manager or a VPN.
# custom:
#   id: AWS-EC2-018
#   severity: high
#   resource_types: [aws.ec2.launch_template]
#   frameworks:
#     iso27001-2022: ["A.8.9", "A.8.20"]
#     nist-800-53-r5: ["CM-6", "SC-7"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [ec2_launch_template_no_public_ip]
#   remediation:
#     console: 'EC2 → Launch templates → the template → Modify template (create new version) → Network settings → Advanced network configuration → Auto-assign public IP: Disable → set the new version as default.'
#     terraform: 'aws_launch_template network_interfaces { associate_public_ip_address = false }, update_default_version = true.'
package rampart.aws.ec2.launch_template_public_ip

import data.rampart.lib

deny contains {"msg": sprintf("launch template %s gives its instances a public IP address", [lib.label("name")]), "path": "attributes.associate_public_ip_address"} if {
	input.attributes.associate_public_ip_address == true
}

unknown contains {"msg": "associate_public_ip_address is unknown", "path": "attributes.associate_public_ip_address"} if {
	not is_boolean(lib.attr("associate_public_ip_address"))
}
