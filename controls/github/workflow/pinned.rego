# METADATA
# title: Workflow actions are pinned to a full commit SHA
# description: >-
#   A tag or branch (`@v4`, `@main`) can be moved to other code by whoever
#   controls the action's repository, and the next run executes it with the
#   workflow's token and secrets (tj-actions/changed-files, March 2025). Only
#   a full 40-character commit SHA, or a Docker image digest, names fixed
#   code. Every action outside the repository is counted, GitHub's own
#   included, as OpenSSF Scorecard's Pinned-Dependencies does; local
#   actions (`./…`) come from the same commit and pass.
# custom:
#   id: GH-WF-001
#   severity: high
#   resource_types: [github.workflow]
#   frameworks:
#     cis-github-1.0: ["2.4.2", "3.1.7"]
#     iso27001-2022: ["A.5.21", "A.8.32"]
#     nist-800-53-r5: ["SR-3", "SI-7", "CM-14"]
#     soc2: ["CC8.1", "CC9.2"]
#   equivalents:
#     cis-ssc: ["2.4.2", "3.1.7"]
#   remediation:
#     console: >-
#       Replace each `uses: owner/repo@tag` with `uses: owner/repo@<40-hex SHA> # tag`
#       (Dependabot and Renovate keep pinned SHAs current), and `docker://image:tag`
#       with `docker://image@sha256:<digest>`.
#     terraform: 'Workflows are files, not Terraform: pin them in .github/workflows/*.yml.'
package rampart.github.workflow.pinned

import data.rampart.lib

deny contains {"msg": sprintf("job %v, line %v: %v is not pinned to a full commit SHA", [field(a, "job"), field(a, "line"), field(a, "uses")]), "path": sprintf("attributes.actions[%d].pinned", [i])} if {
	some i, a in input.attributes.actions
	a.pinned == false
}

unknown contains {"msg": "the workflow's actions are unknown", "path": "attributes.actions"} if {
	not is_array(lib.attr("actions"))
}

unknown contains {"msg": sprintf("whether action %d is pinned is unknown", [i]), "path": sprintf("attributes.actions[%d].pinned", [i])} if {
	some i, a in input.attributes.actions
	not pinned_known(a)
}

pinned_known(a) if is_boolean(a.pinned)

# The message's fields are read with a default: a missing job name or line
# must not make a failing construct disappear.
field(x, k) := object.get(x, k, "?") if is_object(x)

field(x, _) := "?" if not is_object(x)
