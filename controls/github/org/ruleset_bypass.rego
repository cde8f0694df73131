# METADATA
# title: Organization rulesets have no bypass actors
# description: >-
#   Every actor on a ruleset's bypass list can push past all of its rules;
#   an organization ruleset should bind everyone, with exceptions made by
#   changing the ruleset, where it is reviewed and logged.
# custom:
#   id: GH-ORG-017
#   severity: medium
#   resource_types: [github.organization]
#   frameworks:
#     cis-github-1.0: ["1.1.14"]
#     iso27001-2022: ["A.8.32", "A.8.2"]
#     nist-800-53-r5: ["CM-5", "AC-6"]
#     soc2: ["CC8.1"]
#   equivalents:
#     legitify: [users_allowed_to_bypass_ruleset]
#   remediation:
#     console: 'Organization settings → Repository → Rulesets → the ruleset → Bypass list → remove every actor.'
#     terraform: 'github_organization_ruleset without bypass_actors blocks.'
package rampart.github.org.ruleset_bypass

import data.rampart.lib

rulesets := lib.attr("rulesets")

deny contains {"msg": sprintf("organization ruleset %q has %d bypass actor(s)", [rs.name, rs.bypass_actor_count]), "path": "attributes.rulesets"} if {
	some rs in rulesets
	is_string(rs.name)
	is_number(rs.bypass_actor_count)
	rs.bypass_actor_count > 0
}

unknown contains {"msg": "the organization rulesets are unknown", "path": "attributes.rulesets"} if {
	not is_array(rulesets)
}

unknown contains {"msg": sprintf("the bypass list of organization ruleset %d is unknown", [i]), "path": "attributes.rulesets"} if {
	some i, rs in rulesets
	not readable(rs)
}

readable(rs) if {
	is_string(rs.name)
	is_number(rs.bypass_actor_count)
}
