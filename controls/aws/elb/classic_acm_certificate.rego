# METADATA
# title: Classic load balancer certificates come from ACM
# description: >-
#   A certificate uploaded to IAM is renewed by hand, and expires when
#   nobody does; ACM renews the certificates it issued.
# custom:
#   id: AWS-ELB-027
#   severity: low
#   resource_types: [aws.elb.load_balancer]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#   equivalents:
#     prowler: [elb_ssl_listeners_use_acm_certificate]
#   remediation:
#     console: 'ACM → Request a certificate for the domain; EC2 → Load balancers → the Classic Load Balancer → Listeners → Change SSL certificate → from ACM.'
#     terraform: 'aws_elb { listener { ssl_certificate_id = aws_acm_certificate.site.arn } }.'
package rampart.aws.elb.classic_acm_certificate

import data.rampart.lib

applies := true

tls_listener(l) if upper(l.protocol) in {"HTTPS", "SSL"}

deny contains {"msg": sprintf("listener on port %v of load balancer %s uses a certificate not issued by ACM (%s)", [object.get(l, "load_balancer_port", "?"), lib.label("name"), l.ssl_certificate_id]), "path": sprintf("attributes.listeners[%d].ssl_certificate_id", [i])} if {
	some i, l in input.attributes.listeners
	is_string(l.protocol)
	tls_listener(l)
	is_string(l.ssl_certificate_id)
	not contains(l.ssl_certificate_id, ":acm:")
}

listener_known(l) if {
	is_string(l.protocol)
	not tls_listener(l)
}

listener_known(l) if {
	is_string(l.protocol)
	tls_listener(l)
	is_string(l.ssl_certificate_id)
}

unknown contains {"msg": sprintf("the listeners of load balancer %s are unknown", [lib.label("name")]), "path": "attributes.listeners"} if {
	applies
	not is_array(lib.attr("listeners"))
}

unknown contains {"msg": sprintf("listener %d has no readable protocol", [i]), "path": sprintf("attributes.listeners[%d]", [i])} if {
	applies
	some i, l in input.attributes.listeners
	not listener_known(l)
}
