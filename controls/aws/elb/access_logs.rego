# METADATA
# title: Application and network load balancers write access logs
# description: >-
#   Access logs record every request the load balancer received — client
#   address, path, TLS protocol, status; without them an incident at the
#   edge cannot be reconstructed. Gateway load balancers have no access
#   logs and are not judged.
# custom:
#   id: AWS-ELB-004
#   severity: medium
#   resource_types: [aws.elbv2.load_balancer]
#   frameworks:
#     iso27001-2022: ["A.8.15"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [elbv2_logging_enabled]
#   remediation:
#     console: 'EC2 → Load balancers → the load balancer → Attributes → Edit → Monitoring: Access logs on, an S3 bucket the load balancer may write to.'
#     terraform: 'aws_lb { access_logs { bucket = aws_s3_bucket.lb_logs.id enabled = true } }.'
package rampart.aws.elb.access_logs

import data.rampart.lib

applies if lib.attr("type") != "gateway"

deny contains {"msg": sprintf("load balancer %s does not write access logs", [lib.label("name")]), "path": "attributes.access_logs_enabled"} if {
	applies
	input.attributes.access_logs_enabled == false
}

unknown contains {"msg": sprintf("access_logs_enabled of load balancer %s is unknown", [lib.label("name")]), "path": "attributes.access_logs_enabled"} if {
	applies
	not is_boolean(lib.attr("access_logs_enabled"))
}

unknown contains {"msg": sprintf("the type of load balancer %s is unknown", [lib.label("name")]), "path": "attributes.type"} if {
	not is_string(lib.attr("type"))
}
