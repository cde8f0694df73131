# METADATA
# title: The account's primary contact details are complete
# description: >-
#   AWS reaches the account owner through the primary contact about abuse,
#   compromise and billing; a contact without a name, address, country or
#   phone number may leave such a notice unanswered. Whether the contact
#   reaches several people (a team address) cannot be read from the API:
#   the collector stores no personal data.
# custom:
#   id: AWS-ACCT-002
#   severity: low
#   resource_types: [aws.account]
#   frameworks:
#     cis-aws-3.0: ["1.1"]
#     iso27001-2022: ["A.5.24"]
#     nist-800-53-r5: ["IR-6"]
#     soc2: ["CC2.3"]
#   equivalents: {}
#   remediation:
#     console: 'Account → Contact information → Edit: full name, address, country and a phone number of a team rather than a person.'
#     terraform: 'aws_account_primary_contact { full_name, address_line_1, city, country_code, phone_number, postal_code }.'
package rampart.aws.account.contact_information

import data.rampart.lib

deny contains {"msg": "the account's primary contact details are incomplete (full name, address, country or phone number missing)", "path": "attributes.contact_information.configured"} if {
	input.attributes.contact_information.configured == false
}

unknown contains {"msg": "the account's primary contact details are unknown", "path": "attributes.contact_information.configured"} if {
	not is_boolean(lib.attr(["contact_information", "configured"]))
}
