# METADATA
# title: API Gateway custom domains require TLS 1.2
# description: >-
#   The security policy of a custom domain name sets the oldest TLS
#   version clients may use; TLS_1_0 accepts TLS 1.0 and 1.1. TLS_1_2 and
#   the enhanced SecurityPolicy_TLS13_* policies pass (the enhanced ones
#   appeared after the Trivy check was written, which knows TLS_1_0 and
#   TLS_1_2 only).
# custom:
#   id: AWS-APIGW-008
#   severity: high
#   resource_types: [aws.apigateway.domain_name]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#   equivalents:
#     trivy: [AVD-AWS-0005]
#   remediation:
#     console: 'API Gateway → Custom domain names → the domain → Edit → Security policy: TLS 1.2 (or an enhanced TLS 1.3 policy).'
#     terraform: 'aws_api_gateway_domain_name { security_policy = "TLS_1_2" }.'
package rampart.aws.apigateway.domain_tls

import data.rampart.lib

tls12(p) if p == "TLS_1_2"

tls12(p) if {
	is_string(p)
	startswith(p, "SecurityPolicy_TLS13_")
}

deny contains {"msg": sprintf("custom domain %s accepts TLS older than 1.2 (security policy %s)", [lib.label("domain_name"), input.attributes.security_policy]), "path": "attributes.security_policy"} if {
	is_string(input.attributes.security_policy)
	not tls12(input.attributes.security_policy)
}

unknown contains {"msg": sprintf("the security policy of custom domain %s is unknown", [lib.label("domain_name")]), "path": "attributes.security_policy"} if {
	not is_string(lib.attr("security_policy"))
}
