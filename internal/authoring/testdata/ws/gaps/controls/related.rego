# METADATA
# title: Accounts have a trail
# custom:
#   id: ACME-GAP-003
#   severity: low
#   resource_types: [aws.account]
#   related:
#     trails: {type: aws.cloudtrail.trail, join: account}
#   frameworks:
#     iso27001-2022: ["A.8.15"]
#   remediation:
#     console: Create a trail.
#     terraform: aws_cloudtrail.
package acme.related

import data.rampart.lib

trails := object.get(input, ["related", "trails"], null)

deny contains "no trail" if {
	is_array(trails)
	count(trails) == 0
}

deny contains "contact missing" if lib.attr(["security_contact", "configured"]) == false

unknown contains "contact unknown" if not is_boolean(lib.attr(["security_contact", "configured"]))

unknown contains "trails not given" if not is_array(trails)
