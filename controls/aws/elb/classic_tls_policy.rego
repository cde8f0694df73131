# METADATA
# title: Classic load balancer HTTPS and SSL listeners use the TLS 1.2 security policy
# description: >-
#   Of the predefined policies of Classic Load Balancers only
#   ELBSecurityPolicy-TLS-1-2-2017-01 refuses TLS 1.0 and 1.1; the default
#   ELBSecurityPolicy-2016-08 accepts them. The policy read is the
#   Reference-Security-Policy of the SSL negotiation policy of the
#   listener; a custom policy without one fails.
# custom:
#   id: AWS-ELB-021
#   severity: high
#   resource_types: [aws.elb.load_balancer]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#   equivalents:
#     prowler: [elb_insecure_ssl_ciphers]
#   remediation:
#     console: 'EC2 → Load balancers → the Classic Load Balancer → Listeners → the HTTPS/SSL listener → Change cipher → Predefined security policy: ELBSecurityPolicy-TLS-1-2-2017-01.'
#     terraform: 'aws_load_balancer_policy { policy_type_name = "SSLNegotiationPolicyType" policy_attribute { name = "Reference-Security-Policy" value = "ELBSecurityPolicy-TLS-1-2-2017-01" } } attached with aws_load_balancer_listener_policy.'
package rampart.aws.elb.classic_tls_policy

import data.rampart.lib

applies := true

tls_listener(l) if upper(l.protocol) in {"HTTPS", "SSL"}

deny contains {"msg": sprintf("listener on port %v of load balancer %s uses %s, not ELBSecurityPolicy-TLS-1-2-2017-01", [object.get(l, "load_balancer_port", "?"), lib.label("name"), policy_name(l.ssl_policy)]), "path": sprintf("attributes.listeners[%d].ssl_policy", [i])} if {
	some i, l in input.attributes.listeners
	is_string(l.protocol)
	tls_listener(l)
	is_string(l.ssl_policy)
	l.ssl_policy != "ELBSecurityPolicy-TLS-1-2-2017-01"
}

policy_name(p) := "a custom policy" if p == ""

policy_name(p) := p if p != ""

listener_known(l) if {
	is_string(l.protocol)
	not tls_listener(l)
}

listener_known(l) if {
	is_string(l.protocol)
	tls_listener(l)
	is_string(l.ssl_policy)
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
