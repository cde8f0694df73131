# METADATA
# title: Subnets do not give instances a public IP address by default
# description: >-
#   A subnet with MapPublicIpOnLaunch gives every instance launched into it
#   a public IPv4 address unless the launch says otherwise, so one instance
#   started without thinking is on the internet. Public addresses belong on
#   load balancers and NAT gateways, or are asked for per instance.
#   The default VPC's subnets have it on; they fail too.
# custom:
#   id: AWS-VPC-003
#   severity: high
#   resource_types: [aws.ec2.subnet]
#   frameworks:
#     iso27001-2022: ["A.8.20", "A.8.22"]
#     nist-800-53-r5: ["SC-7", "AC-4"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [vpc_subnet_no_public_ip_by_default]
#     trivy: [AVD-AWS-0164]
#   remediation:
#     console: 'VPC → Subnets → the subnet → Actions → Edit subnet settings → clear "Enable auto-assign public IPv4 address" → save.'
#     terraform: 'aws_subnet { map_public_ip_on_launch = false } (the default); ask for a public address per instance with associate_public_ip_address where one is needed.'
package rampart.aws.vpc.subnet_public_ip

import data.rampart.lib

deny contains {"msg": sprintf("subnet %s gives every instance a public IP address by default", [lib.label("subnet_id")]), "path": "attributes.map_public_ip_on_launch"} if {
	input.attributes.map_public_ip_on_launch == true
}

unknown contains {"msg": "map_public_ip_on_launch is unknown", "path": "attributes.map_public_ip_on_launch"} if {
	not is_boolean(lib.attr("map_public_ip_on_launch"))
}
