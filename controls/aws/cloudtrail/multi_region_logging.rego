# METADATA
# title: CloudTrail trails are multi-region and logging
# description: >-
#   A trail that covers one region, or has stopped logging, leaves API
#   activity unrecorded where attackers go first (unused regions). CIS 3.1
#   asks for at least one such trail per account; this control checks each
#   trail.
# custom:
#   id: AWS-CT-001
#   severity: high
#   resource_types: [aws.cloudtrail.trail]
#   frameworks:
#     cis-aws-3.0: ["3.1"]
#     iso27001-2022: ["A.8.15", "A.8.16"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#   equivalents:
#     trivy: [AVD-AWS-0014]
#   remediation:
#     console: 'CloudTrail → Trails → the trail → Edit → Apply trail to all regions: Yes; and Start logging.'
#     terraform: 'aws_cloudtrail { is_multi_region_trail = true, include_global_service_events = true, enable_logging = true }.'
package rampart.aws.cloudtrail.multi_region_logging

import data.rampart.lib

deny contains {"msg": sprintf("trail %s records only its home region", [lib.label("name")]), "path": "attributes.is_multi_region_trail"} if {
	input.attributes.is_multi_region_trail == false
}

deny contains {"msg": sprintf("trail %s is not logging", [lib.label("name")]), "path": "attributes.is_logging"} if {
	input.attributes.is_logging == false
}

unknown contains {"msg": "whether the trail is multi-region is unknown", "path": "attributes.is_multi_region_trail"} if {
	not is_boolean(lib.attr("is_multi_region_trail"))
}

unknown contains {"msg": "whether the trail is logging is unknown", "path": "attributes.is_logging"} if {
	not is_boolean(lib.attr("is_logging"))
}
