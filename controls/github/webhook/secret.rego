# METADATA
# title: Webhooks are signed with a secret
# description: >-
#   Without a shared secret the receiver cannot tell a delivery from
#   GitHub from a forged request that triggers the same deployment.
# custom:
#   id: GH-HOOK-003
#   severity: medium
#   resource_types: [github.organization, github.repository]
#   frameworks:
#     cis-github-1.0: ["1.4.4"]
#     iso27001-2022: ["A.8.20", "A.5.14"]
#     nist-800-53-r5: ["SC-8", "SI-7"]
#     soc2: ["CC6.7"]
#   equivalents:
#     legitify: [organization_webhook_no_secret, repository_webhook_no_secret]
#     scorecard: [Webhooks]
#   remediation:
#     console: 'Settings → Webhooks → edit → Secret: set a random secret and verify X-Hub-Signature-256 in the receiver.'
#     terraform: 'github_repository_webhook configuration { secret = var.webhook_secret }.'
package rampart.github.webhook.secret

import data.rampart.lib

deny contains {"msg": sprintf("webhook %v has no secret", [object.get(hook, "id", i)]), "path": sprintf("attributes.webhooks[%d].has_secret", [i])} if {
	some i, hook in input.attributes.webhooks
	hook.has_secret == false
}

unknown contains {"msg": "the webhooks are unknown", "path": "attributes.webhooks"} if {
	not is_array(lib.attr("webhooks"))
}

unknown contains {"msg": sprintf("whether a secret is set of webhook %d is unknown", [i]), "path": sprintf("attributes.webhooks[%d].has_secret", [i])} if {
	some i, hook in input.attributes.webhooks
	not is_boolean(object.get(hook, "has_secret", null))
}
