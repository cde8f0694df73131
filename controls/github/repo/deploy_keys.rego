# METADATA
# title: Deploy keys are read-only
# description: >-
#   A deploy key with write access is a long-lived credential, outside
#   any person, that can push to every branch the protection does not
#   cover.
# custom:
#   id: GH-REPO-018
#   severity: medium
#   resource_types: [github.repository]
#   frameworks:
#     iso27001-2022: ["A.5.17", "A.8.2"]
#     nist-800-53-r5: ["AC-6", "IA-5"]
#     soc2: ["CC6.1", "CC6.3"]
#   equivalents: {}
#   remediation:
#     console: 'Repository settings → Deploy keys: delete the key and add it again without Allow write access (use a GitHub App for writes).'
#     terraform: 'github_repository_deploy_key read_only = true.'
package rampart.github.repo.deploy_keys

import data.rampart.lib

deny contains {"msg": sprintf("deploy key %q has write access", [object.get(key, "title", "")]), "path": sprintf("attributes.deploy_keys[%d].read_only", [i])} if {
	some i, key in input.attributes.deploy_keys
	key.read_only == false
}

unknown contains {"msg": "the deploy keys are unknown", "path": "attributes.deploy_keys"} if {
	not is_array(lib.attr("deploy_keys"))
}

unknown contains {"msg": sprintf("whether deploy key %d is read-only is unknown", [i]), "path": sprintf("attributes.deploy_keys[%d].read_only", [i])} if {
	some i, key in input.attributes.deploy_keys
	not is_boolean(object.get(key, "read_only", null))
}
