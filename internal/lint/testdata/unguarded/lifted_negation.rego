# METADATA
# title: Webhooks deliver over HTTPS
# custom:
#   id: GH-HOOK-090
#   severity: low
#   resource_types: [github.repository]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#   remediation:
#     console: Use https.
#     terraform: Use https.
package rampart.github.webhook.lifted

import data.rampart.lib

deny contains "plain HTTP" if {
	some hook in input.attributes.webhooks
	hook.url_scheme != "https"
}

unknown contains "webhooks unknown" if not is_array(lib.attr("webhooks"))

# OPA evaluates hook.url_scheme before the negation: a hook without a
# scheme makes this rule undefined, so it guards nothing.
unknown contains "scheme unknown" if {
	some hook in input.attributes.webhooks
	not is_string(hook.url_scheme)
}
