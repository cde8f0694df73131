# METADATA
# title: The account has a multi-region trail that is logging
# description: >-
#   CIS 3.1 asks for at least one trail per account that records every
#   region and is logging. AWS-CT-001 judges each trail; only the account
#   can fail when there is no trail at all, so this control relates the
#   account to its trails and fails it when none of them qualifies. If
#   trails could not be collected anywhere in the account, the engine
#   reports not_evaluated before this control runs.
# custom:
#   id: AWS-CT-010
#   severity: high
#   resource_types: [aws.account]
#   related:
#     trails: {type: aws.cloudtrail.trail, join: account}
#   frameworks:
#     cis-aws-3.0: ["3.1"]
#     iso27001-2022: ["A.8.15", "A.8.16"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [cloudtrail_multi_region_enabled]
#   remediation:
#     console: 'CloudTrail → Trails → Create trail (or edit one): Apply trail to all regions: Yes; then Start logging.'
#     terraform: 'aws_cloudtrail { is_multi_region_trail = true, include_global_service_events = true, enable_logging = true } in the account''s configuration.'
package rampart.aws.cloudtrail.account_trail

import data.rampart.lib

trails := object.get(input, ["related", "trails"], null)

# qualifies holds for a trail known to record every region and to be logging.
qualifies(t) if {
	t.attributes.is_multi_region_trail == true
	t.attributes.is_logging == true
}

# undecided holds when some trail might qualify: one of the two facts is
# not a boolean, so the account cannot be failed on the others.
undecided if {
	some t in trails
	not decided(t)
}

decided(t) if {
	is_boolean(object.get(t, ["attributes", "is_multi_region_trail"], null))
	is_boolean(object.get(t, ["attributes", "is_logging"], null))
}

good := [t | some t in trails; qualifies(t)]

deny contains {"msg": sprintf("account %s has no trail", [lib.label("account_id")]), "path": "related.trails"} if {
	is_array(trails)
	count(trails) == 0
}

deny contains {"msg": sprintf("account %s has no multi-region trail that is logging (%d trails)", [lib.label("account_id"), count(trails)]), "path": "related.trails"} if {
	is_array(trails)
	count(trails) > 0
	count(good) == 0
	not undecided
}

unknown contains {"msg": sprintf("whether trail %s is multi-region and logging is unknown", [object.get(t, "id", "(unnamed trail)")]), "path": "related.trails"} if {
	count(good) == 0
	some t in trails
	not decided(t)
}

unknown contains {"msg": "the account's trails were not given to the control (input.related.trails)", "path": "related.trails"} if {
	not is_array(object.get(input, ["related", "trails"], null))
}
