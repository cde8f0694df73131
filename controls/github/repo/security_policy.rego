# METADATA
# title: Public repositories have a security policy
# description: >-
#   A public repository's SECURITY.md tells whoever finds a vulnerability how
#   to report it privately instead of in a public issue. GitHub reads it from
#   the root, docs/ or .github/, or from the organisation's public .github
#   repository as the default for every repository without its own (the
#   collector asks GitHub's GraphQL isSecurityPolicyEnabled, or lists those
#   folders through REST). Private and internal repositories are not asked.
#   Terraform: not applicable — the file is content, not a setting the
#   GitHub provider manages, so a pull request's plan leaves it not evaluated.
# custom:
#   id: GH-REPO-033
#   severity: low
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.2.1"]
#     iso27001-2022: ["A.5.5", "A.8.8"]
#     nist-800-53-r5: ["RA-5(11)", "SI-5"]
#     soc2: ["CC2.3"]
#   equivalents:
#     cis-ssc: ["1.2.1"]
#     prowler: [repository_public_has_securitymd_file]
#     scorecard: [Security-Policy]
#   remediation:
#     console: 'Add SECURITY.md (how to report a vulnerability, e.g. through private vulnerability reporting) to the repository root, docs/ or .github/, or once to the organisation''s public .github repository.'
#     terraform: 'Not a provider setting: commit SECURITY.md (github_repository_file can manage it, but the plan does not show its content to Rampart).'
package rampart.github.repo.security_policy

import data.rampart.lib

applies if {
	lib.not_archived
	lib.attr("visibility") == "public"
}

deny contains {"msg": "this public repository has no security policy (SECURITY.md)", "path": "attributes.has_security_policy"} if {
	applies
	lib.attr("has_security_policy") == false
}

unknown contains {"msg": "whether the repository has a security policy is unknown", "path": "attributes.has_security_policy"} if {
	applies
	not is_boolean(lib.attr("has_security_policy"))
}

unknown contains {"msg": "the repository's visibility is unknown", "path": "attributes.visibility"} if {
	lib.not_archived
	not lib.attr("visibility") in {"public", "private", "internal"}
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
