# METADATA
# title: Webhooks verify the TLS certificate
# description: >-
#   With SSL verification off, GitHub delivers the payload to whoever
#   answers on the host, which makes HTTPS worthless against
#   interception.
# custom:
#   id: GH-HOOK-002
#   severity: high
#   resource_types: [github.organization, github.repository]
#   frameworks:
#     cis-github-1.0: ["1.4.4"]
#     iso27001-2022: ["A.8.20", "A.8.24"]
#     nist-800-53-r5: ["SC-8", "SC-23"]
#     soc2: ["CC6.7"]
#   equivalents:
#     legitify: [organization_webhook_doesnt_require_ssl, repository_webhook_doesnt_require_ssl]
#   remediation:
#     console: 'Settings → Webhooks → edit → SSL verification → Enable SSL verification.'
#     terraform: 'github_repository_webhook configuration { insecure_ssl = false }.'
package rampart.github.webhook.tls_verify

import data.rampart.lib

deny contains {"msg": sprintf("webhook %v does not verify the TLS certificate", [object.get(hook, "id", i)]), "path": sprintf("attributes.webhooks[%d].insecure_ssl", [i])} if {
	some i, hook in input.attributes.webhooks
	hook.insecure_ssl == true
}

unknown contains {"msg": "the webhooks are unknown", "path": "attributes.webhooks"} if {
	not is_array(lib.attr("webhooks"))
}

unknown contains {"msg": sprintf("SSL verification of webhook %d is unknown", [i]), "path": sprintf("attributes.webhooks[%d].insecure_ssl", [i])} if {
	some i, hook in input.attributes.webhooks
	not is_boolean(object.get(hook, "insecure_ssl", null))
}
