# METADATA
# title: No untrusted event data is interpolated into workflow scripts
# description: >-
#   GitHub substitutes `${{ }}` expressions into a `run:` script (or an
#   `actions/github-script` script) before the shell runs it, so an issue
#   title, pull-request body, branch name or commit message chosen by an
#   outsider becomes code running with the job's token and secrets. The
#   contexts flagged are those GitHub's security hardening guide and GitHub
#   Security Lab name as attacker-controlled. Passing the value through `env:`
#   and quoting the variable is safe. Scorecard Dangerous-Workflow (script
#   injection).
# custom:
#   id: GH-WF-003
#   severity: high
#   resource_types: [github.workflow]
#   frameworks:
#     iso27001-2022: ["A.8.28"]
#     nist-800-53-r5: ["SI-10", "SA-11"]
#     soc2: ["CC8.1"]
#   equivalents: {}
#   remediation:
#     console: >-
#       Move the expression into `env:` (`TITLE: $` + `{{ github.event.issue.title }}`) and use
#       `"$TITLE"` in the script; in github-script read `context.payload` instead.
#     terraform: 'Workflows are files, not Terraform: change the step in .github/workflows/*.yml.'
package rampart.github.workflow.script_injection

import data.rampart.lib

deny contains {"msg": sprintf("job %v, line %v: %v is interpolated into a %v script", [field(s, "job"), field(s, "line"), field(s, "expression"), field(s, "field")]), "path": sprintf("attributes.script_injections[%d]", [i])} if {
	some i, s in input.attributes.script_injections
}

unknown contains {"msg": "the workflow's scripts are unknown", "path": "attributes.script_injections"} if {
	not is_array(lib.attr("script_injections"))
}

# The message's fields are read with a default: a missing job name or line
# must not make a failing construct disappear.
field(x, k) := object.get(x, k, "?") if is_object(x)

field(x, _) := "?" if not is_object(x)
