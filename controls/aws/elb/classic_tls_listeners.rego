# METADATA
# title: Classic load balancers listen with HTTPS or SSL only
# description: >-
#   A Classic Load Balancer cannot redirect HTTP to HTTPS: every HTTP or
#   TCP listener accepts clear text from clients.
# custom:
#   id: AWS-ELB-020
#   severity: high
#   resource_types: [aws.elb.load_balancer]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#   equivalents:
#     prowler: [elb_ssl_listeners]
#   remediation:
#     console: 'EC2 → Load balancers → the Classic Load Balancer → Listeners → Edit: replace HTTP/TCP listeners with HTTPS/SSL ones (or migrate to an application load balancer, which can redirect).'
#     terraform: 'aws_elb { listener { lb_protocol = "https" ssl_certificate_id = aws_acm_certificate.site.arn ... } } and no listener with lb_protocol "http" or "tcp".'
package rampart.aws.elb.classic_tls_listeners

import data.rampart.lib

applies := true

deny contains {"msg": sprintf("listener on port %v of load balancer %s accepts %s in clear text", [object.get(l, "load_balancer_port", "?"), lib.label("name"), l.protocol]), "path": sprintf("attributes.listeners[%d]", [i])} if {
	some i, l in input.attributes.listeners
	is_string(l.protocol)
	not upper(l.protocol) in {"HTTPS", "SSL"}
}

listener_known(l) if is_string(l.protocol)

unknown contains {"msg": sprintf("the listeners of load balancer %s are unknown", [lib.label("name")]), "path": "attributes.listeners"} if {
	applies
	not is_array(lib.attr("listeners"))
}

unknown contains {"msg": sprintf("listener %d has no readable protocol", [i]), "path": sprintf("attributes.listeners[%d]", [i])} if {
	applies
	some i, l in input.attributes.listeners
	not listener_known(l)
}
