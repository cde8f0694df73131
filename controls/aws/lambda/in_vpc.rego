# METADATA
# title: Lambda functions run inside a VPC
# description: >-
#   A function attached to the subnets of a VPC reaches private resources
#   through its security groups and leaves the network through the VPC's
#   egress controls (NAT, firewall, endpoints) instead of straight from
#   Lambda's network.
# custom:
#   id: AWS-LAMBDA-006
#   severity: low
#   resource_types: [aws.lambda.function]
#   frameworks:
#     iso27001-2022: ["A.8.20", "A.8.22"]
#     nist-800-53-r5: ["SC-7"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [awslambda_function_inside_vpc]
#   remediation:
#     console: 'Lambda → the function → Configuration → VPC → Edit → the VPC, private subnets in two Availability Zones and a security group (the role needs AWSLambdaVPCAccessExecutionRole).'
#     terraform: 'aws_lambda_function { vpc_config { subnet_ids = [...], security_group_ids = [...] } }.'
package rampart.aws.lambda.in_vpc

import data.rampart.lib

deny contains {"msg": sprintf("Lambda function %s is not attached to a VPC", [lib.label("function_name")]), "path": "attributes.in_vpc"} if {
	input.attributes.in_vpc == false
}

unknown contains {"msg": "whether the function runs in a VPC is unknown", "path": "attributes.in_vpc"} if {
	not is_boolean(lib.attr("in_vpc"))
}
