# METADATA
# title: HTTPS and TLS listeners use a TLS 1.2+ security policy
# description: >-
#   A listener's security policy decides the protocols and ciphers a
#   client may negotiate; the older policies accept TLS 1.0 and 1.1 and
#   CBC ciphers with known attacks. Allowed are the eight predefined
#   policies that offer only TLS 1.2 or newer with the ciphers both
#   Prowler and Trivy accept: ELBSecurityPolicy-TLS-1-2-2017-01,
#   ELBSecurityPolicy-TLS-1-2-Ext-2018-06, ELBSecurityPolicy-
#   FS-1-2-2019-08, ELBSecurityPolicy-FS-1-2-Res-2019-08,
#   ELBSecurityPolicy-FS-1-2-Res-2020-10, ELBSecurityPolicy-
#   TLS13-1-2-2021-06, ELBSecurityPolicy-TLS13-1-2-Res-2021-06,
#   ELBSecurityPolicy-TLS13-1-3-2021-06. Newer policies not yet in that
#   list (the 2025 post-quantum ones) fail until the list is reviewed.
# custom:
#   id: AWS-ELB-002
#   severity: high
#   resource_types: [aws.elbv2.load_balancer]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#   equivalents:
#     prowler: [elbv2_insecure_ssl_ciphers]
#     trivy: [AVD-AWS-0047]
#   remediation:
#     console: 'EC2 → Load balancers → the load balancer → Listeners → the HTTPS/TLS listener → Edit → Security policy: ELBSecurityPolicy-TLS13-1-2-2021-06.'
#     terraform: 'aws_lb_listener { ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" }.'
package rampart.aws.elb.tls_policy

import data.rampart.lib

# The predefined policies with TLS 1.2 as the lowest protocol that
# neither Prowler's nor Trivy's check flags (docs/controls/AWS-ELB-002).
tls12_policies := {
	"ELBSecurityPolicy-TLS-1-2-2017-01",
	"ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
	"ELBSecurityPolicy-FS-1-2-2019-08",
	"ELBSecurityPolicy-FS-1-2-Res-2019-08",
	"ELBSecurityPolicy-FS-1-2-Res-2020-10",
	"ELBSecurityPolicy-TLS13-1-2-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
	"ELBSecurityPolicy-TLS13-1-3-2021-06",
}

applies := true

tls_listener(l) if l.protocol in {"HTTPS", "TLS"}

deny contains {"msg": sprintf("listener on port %v of load balancer %s uses security policy %s, which allows protocols or ciphers older than TLS 1.2", [object.get(l, "port", "?"), lib.label("name"), l.ssl_policy]), "path": sprintf("attributes.listeners[%d].ssl_policy", [i])} if {
	some i, l in input.attributes.listeners
	tls_listener(l)
	is_string(l.ssl_policy)
	not l.ssl_policy in tls12_policies
}

listener_known(l) if {
	is_string(l.protocol)
	not tls_listener(l)
}

listener_known(l) if {
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
