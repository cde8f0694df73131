# METADATA
# title: A security alternate contact is registered
# description: >-
#   AWS sends security notifications (abuse reports, compromised credentials)
#   to the security alternate contact; without one they reach only the root
#   e-mail address.
# custom:
#   id: AWS-ACCT-001
#   severity: low
#   resource_types: [aws.account]
#   frameworks:
#     cis-aws-3.0: ["1.2"]
#     iso27001-2022: ["A.5.5"]
#     nist-800-53-r5: ["IR-6", "IR-7"]
#     soc2: ["CC2.3"]
#   equivalents:
#     prowler: [account_security_contact_information_is_registered]
#   remediation:
#     console: 'Account → Alternate contacts → Security → Edit → enter a monitored team address.'
#     terraform: 'aws_account_alternate_contact with alternate_contact_type = "SECURITY".'
package rampart.aws.account.security_contact

import data.rampart.lib

deny contains {"msg": "no security alternate contact is registered", "path": "attributes.security_contact.configured"} if {
	input.attributes.security_contact.configured == false
}

unknown contains {"msg": "the security alternate contact is unknown", "path": "attributes.security_contact"} if {
	not is_boolean(lib.attr(["security_contact", "configured"]))
}
