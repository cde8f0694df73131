# METADATA
# title: Public repositories run no workflow job on self-hosted runners
# description: >-
#   Anyone can open a pull request on a public repository, and a workflow it
#   triggers runs on the runner its job names. A self-hosted runner is a
#   machine on the organisation's network that keeps state between jobs, so
#   a fork's code can persist on it, read other jobs' secrets and reach
#   internal systems. GitHub advises self-hosted runners for private
#   repositories only. A runner group counts as self-hosted; a `runs-on`
#   decided by an expression is not evaluated in a public repository. The
#   repository's visibility is copied onto the workflow at collection; in
#   the gate it is unknown, so a self-hosted job there is not evaluated.
# custom:
#   id: GH-WF-005
#   severity: high
#   resource_types: [github.workflow]
#   frameworks:
#     iso27001-2022: ["A.8.22", "A.8.31"]
#     nist-800-53-r5: ["SC-7", "CM-7"]
#     soc2: ["CC6.6"]
#   equivalents: {}
#   remediation:
#     console: >-
#       Use GitHub-hosted runners (`runs-on: ubuntu-latest`) in public repositories, or make the
#       repository private; restrict runner groups to selected private repositories (Settings → Actions → Runner groups).
#     terraform: 'Workflows are files, not Terraform: change runs-on in .github/workflows/*.yml.'
package rampart.github.workflow.self_hosted

import data.rampart.lib

deny contains {"msg": sprintf("job %v, line %v: a public repository's job runs on a self-hosted runner (%v)", [field(r, "job"), field(r, "line"), field(r, "label")]), "path": sprintf("attributes.self_hosted_runners[%d]", [i])} if {
	input.attributes.repository_visibility == "public"
	some i, r in input.attributes.self_hosted_runners
}

unknown contains {"msg": "the workflow's runners are unknown", "path": "attributes.self_hosted_runners"} if {
	not is_array(lib.attr("self_hosted_runners"))
}

unknown contains {"msg": "the workflow's runs-on expressions are unknown", "path": "attributes.runs_on_expressions"} if {
	not is_array(lib.attr("runs_on_expressions"))
}

# The visibility matters only when a job may run on a self-hosted runner.
unknown contains {"msg": "the repository's visibility is unknown and a job runs on a self-hosted runner", "path": "attributes.repository_visibility"} if {
	not is_string(lib.attr("repository_visibility"))
	may_self_host
}

unknown contains {"msg": sprintf("job %v, line %v: runs-on is decided by an expression (%v) in a public repository", [field(e, "job"), field(e, "line"), field(e, "expression")]), "path": sprintf("attributes.runs_on_expressions[%d]", [i])} if {
	input.attributes.repository_visibility == "public"
	some i, e in input.attributes.runs_on_expressions
}

may_self_host if count(input.attributes.self_hosted_runners) > 0

may_self_host if count(input.attributes.runs_on_expressions) > 0

# The message's fields are read with a default: a missing job name or line
# must not make a failing construct disappear.
field(x, k) := object.get(x, k, "?") if is_object(x)

field(x, _) := "?" if not is_object(x)

unknown contains {"msg": sprintf("self-hosted runner entry %d is unreadable", [i]), "path": sprintf("attributes.self_hosted_runners[%d]", [i])} if {
	some i, r in input.attributes.self_hosted_runners
	not is_object(r)
}
