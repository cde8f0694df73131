# METADATA
# title: Application load balancers serve HTTPS or redirect HTTP to it
# description: >-
#   An HTTP listener that forwards requests instead of redirecting them to
#   HTTPS carries sessions, tokens and form data in clear text across the
#   internet. Only the default action is read: a listener rule that
#   redirects some paths leaves the others in clear text.
# custom:
#   id: AWS-ELB-001
#   severity: high
#   resource_types: [aws.elbv2.load_balancer]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#   equivalents:
#     prowler: [elbv2_ssl_listeners]
#     trivy: [AVD-AWS-0054]
#   remediation:
#     console: 'EC2 → Load balancers → the load balancer → Listeners → the HTTP listener → Edit → Default action: Redirect to HTTPS, port 443, 301.'
#     terraform: 'aws_lb_listener { protocol = "HTTP" default_action { type = "redirect" redirect { protocol = "HTTPS" port = "443" status_code = "HTTP_301" } } }.'
package rampart.aws.elb.alb_https

import data.rampart.lib

# The check is about application load balancers; a load balancer whose
# type is unknown is judged too (and reported unknown).
applies if not lib.attr("type") in {"network", "gateway"}

deny contains {"msg": sprintf("listener on port %v of load balancer %s serves HTTP without redirecting to HTTPS", [object.get(l, "port", "?"), lib.label("name")]), "path": sprintf("attributes.listeners[%d]", [i])} if {
	applies
	some i, l in input.attributes.listeners
	listener_known(l)
	l.protocol == "HTTP"
	not redirects_to_https(l)
}

redirects_to_https(l) if {
	some a in l.default_actions
	a.type == "redirect"
	a.redirect_protocol == "HTTPS"
}

listener_known(l) if {
	is_string(l.protocol)
	is_array(l.default_actions)
	every a in l.default_actions {
		action_known(a)
	}
}

action_known(a) if {
	is_string(a.type)
	a.type != "redirect"
}

action_known(a) if {
	a.type == "redirect"
	is_string(a.redirect_protocol)
}

unknown contains {"msg": sprintf("the type of load balancer %s is unknown", [lib.label("name")]), "path": "attributes.type"} if {
	not is_string(lib.attr("type"))
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
