# METADATA
# title: Classic load balancers write access logs
# description: >-
#   Access logs record every request a Classic Load Balancer received;
#   without them an incident at the edge cannot be reconstructed.
# custom:
#   id: AWS-ELB-022
#   severity: medium
#   resource_types: [aws.elb.load_balancer]
#   frameworks:
#     iso27001-2022: ["A.8.15"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [elb_logging_enabled]
#   remediation:
#     console: 'EC2 → Load balancers → the Classic Load Balancer → Attributes → Edit → Access logs: on, an S3 bucket.'
#     terraform: 'aws_elb { access_logs { bucket = aws_s3_bucket.lb_logs.id enabled = true } }.'
package rampart.aws.elb.classic_access_logs

import data.rampart.lib

applies := true

deny contains {"msg": sprintf("load balancer %s does not write access logs", [lib.label("name")]), "path": "attributes.access_logs_enabled"} if {
	applies
	input.attributes.access_logs_enabled == false
}

unknown contains {"msg": sprintf("access_logs_enabled of load balancer %s is unknown", [lib.label("name")]), "path": "attributes.access_logs_enabled"} if {
	applies
	not is_boolean(lib.attr("access_logs_enabled"))
}
