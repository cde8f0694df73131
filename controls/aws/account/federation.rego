# METADATA
# title: Users are managed centrally through an identity provider
# description: >-
#   CIS 1.21 asks that people reach AWS through a central identity system
#   (IAM Identity Center, or federation from the organisation's directory)
#   rather than IAM users of each account. What the API shows of that is
#   an identity provider in the account: a SAML or OpenID Connect provider.
#   IAM Identity Center appears this way too — it creates a SAML provider
#   (AWSSSO_..._DO_NOT_DELETE) in every account it assigns permission sets
#   in. An account with neither has no federation at all. Whether IAM users
#   remain beside the federation is for AWS-IAM-001/007/009 to judge.
# custom:
#   id: AWS-IAM-028
#   severity: low
#   resource_types: [aws.account]
#   frameworks:
#     cis-aws-3.0: ["1.21"]
#     iso27001-2022: ["A.5.16", "A.5.18"]
#     nist-800-53-r5: ["AC-2(1)", "IA-2", "IA-8"]
#     soc2: ["CC6.2"]
#   equivalents:
#     prowler: [iam_check_saml_providers_sts]
#   remediation:
#     console: 'IAM Identity Center → Enable (in the management account) and assign permission sets to the account; or IAM → Identity providers → Add provider (SAML or OpenID Connect) for the directory.'
#     terraform: 'aws_ssoadmin_account_assignment for the account (Identity Center), or aws_iam_saml_provider / aws_iam_openid_connect_provider.'
package rampart.aws.account.federation

import data.rampart.lib

deny contains {"msg": sprintf("account %s has no SAML or OpenID Connect identity provider (no federation or IAM Identity Center)", [lib.label("account_id")]), "path": "attributes.saml_providers"} if {
	input.attributes.saml_providers == 0
	input.attributes.oidc_providers == 0
}

# One provider known to exist settles it, whatever the other count.
unknown contains {"msg": "the account's SAML identity providers are unknown", "path": "attributes.saml_providers"} if {
	not count_known("saml_providers")
	not positive("oidc_providers")
}

unknown contains {"msg": "the account's OpenID Connect identity providers are unknown", "path": "attributes.oidc_providers"} if {
	not count_known("oidc_providers")
	not positive("saml_providers")
}

count_known(key) if {
	n := lib.attr(key)
	is_number(n)
	n >= 0
}

positive(key) if {
	count_known(key)
	lib.attr(key) > 0
}
