# METADATA
# title: Workflow token permissions are declared and least-privilege
# description: >-
#   Without a `permissions:` block the GITHUB_TOKEN gets the repository's or
#   organisation's default, which is write on most scopes in older
#   organisations, and a compromised step then pushes code or releases. The
#   rule (after OpenSSF Scorecard Token-Permissions): the top level declares
#   `permissions` and grants no write scope (read-only, or `{}`), so a job
#   added later starts read-only; a write scope is granted only in the job
#   that needs it; every job is covered by a declaration (its own or the top
#   level's); `write-all` (or an expression) nowhere. Whether a job truly
#   needs the write it declares is not decided from the file.
# custom:
#   id: GH-WF-004
#   severity: medium
#   resource_types: [github.workflow]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.2"]
#     nist-800-53-r5: ["AC-6", "AC-6(1)"]
#     soc2: ["CC6.1", "CC6.3"]
#   equivalents: {}
#   remediation:
#     console: >-
#       Add `permissions: {contents: read}` (or `permissions: {}`) at the top of the workflow
#       and move each write scope (e.g. `pull-requests: write`) into the one job that needs it.
#     terraform: 'Workflows are files, not Terraform: declare permissions in .github/workflows/*.yml.'
package rampart.github.workflow.permissions

import data.rampart.lib

top := input.attributes.permissions

deny contains {"msg": "the workflow declares no top-level permissions: its GITHUB_TOKEN gets the repository default", "path": "attributes.permissions.declared"} if {
	top.declared == false
}

deny contains {"msg": sprintf("line %v: the top-level permissions are write-all", [field(top, "line")]), "path": "attributes.permissions.write_all"} if {
	top.write_all == true
}

deny contains {"msg": sprintf("line %v: the top-level permissions grant write on %v; grant it in the job that needs it", [field(top, "line"), concat(", ", [sprintf("%v", [s]) | some s in top.write_scopes])]), "path": "attributes.permissions.write_scopes"} if {
	is_array(top.write_scopes)
	count(top.write_scopes) > 0
}

deny contains {"msg": sprintf("job %v, line %v: no permissions declared for the job or the workflow", [field(j, "id"), field(j, "line")]), "path": sprintf("attributes.jobs[%d].permissions.declared", [i])} if {
	top.declared == false
	some i, j in input.attributes.jobs
	j.permissions.declared == false
}

deny contains {"msg": sprintf("job %v, line %v: the job's permissions are write-all", [field(j, "id"), field(j.permissions, "line")]), "path": sprintf("attributes.jobs[%d].permissions.write_all", [i])} if {
	some i, j in input.attributes.jobs
	j.permissions.write_all == true
}

unknown contains {"msg": "the workflow's top-level permissions are unknown", "path": "attributes.permissions"} if {
	not top_known
}

unknown contains {"msg": "the workflow's jobs are unknown", "path": "attributes.jobs"} if {
	not is_array(lib.attr("jobs"))
}

unknown contains {"msg": sprintf("the permissions of job %d are unknown", [i]), "path": sprintf("attributes.jobs[%d].permissions", [i])} if {
	some i, j in input.attributes.jobs
	not job_known(j)
}

top_known if {
	p := lib.attr("permissions")
	is_boolean(p.declared)
	is_boolean(p.write_all)
	is_array(p.write_scopes)
}

job_known(j) if {
	is_boolean(j.permissions.declared)
	is_boolean(j.permissions.write_all)
}

# The message's fields are read with a default: a missing job name or line
# must not make a failing construct disappear.
field(x, k) := object.get(x, k, "?") if is_object(x)

field(x, _) := "?" if not is_object(x)
