# METADATA
# title: No pull_request_target or workflow_run workflow checks out the pull request's code
# description: >-
#   `pull_request_target` and `workflow_run` run in the base repository with
#   its write token and secrets, on events any fork can cause. A job that
#   then checks out the pull request's head (or merge ref) and builds or
#   tests it runs the attacker's code with those privileges ("pwn request").
#   Checking out is what is flagged: the steps after it (an install, a
#   build, a script from the tree) run the checked-out code in ways no file
#   reader can rule out. OpenSSF Scorecard Dangerous-Workflow.
# custom:
#   id: GH-WF-002
#   severity: critical
#   resource_types: [github.workflow]
#   frameworks:
#     iso27001-2022: ["A.8.25", "A.8.31"]
#     nist-800-53-r5: ["AC-6", "CM-7", "SA-8"]
#     soc2: ["CC6.1", "CC8.1"]
#   equivalents: {}
#   remediation:
#     console: >-
#       Build and test pull requests under `pull_request` (no secrets, read token);
#       keep `pull_request_target`/`workflow_run` for jobs that only label or comment and
#       never check out the head, or pass artifacts from an unprivileged run and treat them as data.
#     terraform: 'Workflows are files, not Terraform: change the trigger or the checkout in .github/workflows/*.yml.'
package rampart.github.workflow.dangerous_trigger

import data.rampart.lib

deny contains {"msg": sprintf("job %v, line %v: a %v workflow checks out the pull request's code (%v)", [field(co, "job"), field(co, "line"), concat("/", privileged(lib.attr("triggers"))), field(co, "ref")]), "path": sprintf("attributes.pr_head_checkouts[%d]", [i])} if {
	input.attributes.privileged_trigger == true
	some i, co in input.attributes.pr_head_checkouts
}

privileged(triggers) := [t | some t in triggers; t in {"pull_request_target", "workflow_run"}] if names_privileged(triggers)

privileged(triggers) := ["pull_request_target or workflow_run"] if not names_privileged(triggers)

names_privileged(triggers) if {
	is_array(triggers)
	some t in triggers
	t in {"pull_request_target", "workflow_run"}
}

unknown contains {"msg": "the workflow's triggers are unknown", "path": "attributes.privileged_trigger"} if {
	not is_boolean(lib.attr("privileged_trigger"))
}

unknown contains {"msg": "the workflow's checkouts are unknown", "path": "attributes.pr_head_checkouts"} if {
	not is_array(lib.attr("pr_head_checkouts"))
}

# The message's fields are read with a default: a missing job name or line
# must not make a failing construct disappear.
field(x, k) := object.get(x, k, "?") if is_object(x)

field(x, _) := "?" if not is_object(x)
