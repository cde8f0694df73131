# METADATA
# title: Webhooks deliver over HTTPS
# description: >-
#   A webhook payload carries repository and organization data and often
#   deployment triggers; sent over plain HTTP it can be read and forged
#   on the way.
# custom:
#   id: GH-HOOK-001
#   severity: high
#   resource_types: [github.organization, github.repository]
#   frameworks:
#     cis-github-1.0: ["1.4.4"]
#     iso27001-2022: ["A.8.20", "A.8.24"]
#     nist-800-53-r5: ["SC-8", "SC-8(1)"]
#     soc2: ["CC6.7"]
#   equivalents: {}
#   remediation:
#     console: 'Settings → Webhooks → edit → Payload URL: use an https:// URL.'
#     terraform: 'github_repository_webhook / github_organization_webhook configuration { url = "https://…" }.'
package rampart.github.webhook.https

import data.rampart.lib

deny contains {"msg": sprintf("webhook %v delivers over plain HTTP", [object.get(hook, "id", i)]), "path": sprintf("attributes.webhooks[%d].url_scheme", [i])} if {
	some i, hook in input.attributes.webhooks
	hook.url_scheme != "https"
}

unknown contains {"msg": "the webhooks are unknown", "path": "attributes.webhooks"} if {
	not is_array(lib.attr("webhooks"))
}

unknown contains {"msg": sprintf("the URL scheme of webhook %d is unknown", [i]), "path": sprintf("attributes.webhooks[%d].url_scheme", [i])} if {
	some i, hook in input.attributes.webhooks
	not scheme_known(hook)
}

# A helper, not `not is_string(hook.url_scheme)`: OPA lifts the field read
# out of the negation, so a missing field would make the rule undefined.
scheme_known(hook) if is_string(hook.url_scheme)
