# METADATA
# title: The organization has at most three owners
# description: >-
#   Every owner can change any setting and read every repository; keep
#   the number of owners minimal (and at least two, so the organization
#   is not locked out).
# custom:
#   id: GH-ORG-007
#   severity: medium
#   resource_types: [github.organization]
#   frameworks:
#     cis-github-1.0: ["1.3.3"]
#     iso27001-2022: ["A.8.2", "A.5.18"]
#     nist-800-53-r5: ["AC-6(5)", "AC-2"]
#     soc2: ["CC6.3"]
#   equivalents:
#     cis-ssc: ["1.3.3"]
#     legitify: [organization_has_too_many_admins]
#   remediation:
#     console: 'Organization → People → filter Role: Owner → Change role to Member for owners who do not need it.'
#     terraform: 'github_membership role = "member" for everyone but the owners.'
package rampart.github.org.owner_count

import data.rampart.lib

deny contains {"msg": sprintf("the organization has %d owners; at most 3 are allowed", [n]), "path": "attributes.owner_count"} if {
	n := lib.attr("owner_count")
	is_number(n)
	n > 3
}

deny contains {"msg": "the organization has a single owner: losing that account locks everyone out", "path": "attributes.owner_count"} if {
	lib.attr("owner_count") == 1
}

unknown contains {"msg": "the number of owners is unknown", "path": "attributes.owner_count"} if {
	not is_number(lib.attr("owner_count"))
}
