# METADATA
# title: No expired TLS certificate is stored in IAM
# description: >-
#   An expired server certificate left in IAM can be deployed to a load
#   balancer or CloudFront by mistake and breaks the service, or hides
#   that a current one is missing (CIS 1.19). The expiration is read from
#   iam:ListServerCertificates; an unreadable date is not_evaluated.
# custom:
#   id: AWS-IAM-026
#   severity: medium
#   resource_types: [aws.iam.server_certificate]
#   frameworks:
#     cis-aws-3.0: ["1.19"]
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-17"]
#     soc2: ["CC6.7"]
#   equivalents:
#     prowler: [iam_no_expired_server_certificates_stored]
#     trivy: [AVD-AWS-0168]
#   remediation:
#     console: 'IAM has no console page for server certificates: aws iam delete-server-certificate --server-certificate-name <name> (after moving its users to a current certificate, preferably in ACM).'
#     terraform: 'Remove the aws_iam_server_certificate (use aws_acm_certificate instead), or replace it with a current certificate and create_before_destroy.'
package rampart.aws.iam.server_certificate_expired

import data.rampart.lib

deny contains {"msg": sprintf("server certificate %s expired on %s", [lib.label("server_certificate_name"), input.attributes.expiration]), "path": "attributes.expiration"} if {
	rfc3339(input.attributes.expiration)
	time.parse_rfc3339_ns(input.attributes.expiration) <= time.now_ns()
}

unknown contains {"msg": sprintf("the expiration of server certificate %s is unknown or unreadable", [lib.label("server_certificate_name")]), "path": "attributes.expiration"} if {
	not rfc3339(lib.attr("expiration"))
}

rfc3339(ts) if {
	is_string(ts)
	time.parse_rfc3339_ns(ts)
}
