# METADATA
# title: Cross-account role trust requires an external ID
# description: >-
#   A role that another AWS account may assume without sts:ExternalId can be
#   turned against you by anyone who can make that account's service act for
#   them (the confused deputy). Third parties must be given an external ID.
#   The organisation's own other accounts are listed in the workspace's
#   settings { aws_trusted_accounts = ["123456789012", ...] } and may be
#   trusted without one; every other account than the role's own must be
#   tied to an external ID. Without the list (a caller that gives no
#   input.settings) the control is not_evaluated, never a pass.
# custom:
#   id: AWS-IAM-012
#   severity: high
#   resource_types: [aws.iam.role]
#   frameworks:
#     iso27001-2022: ["A.5.19", "A.8.2"]
#     nist-800-53-r5: ["AC-3", "AC-20"]
#     soc2: ["CC6.1"]
#   equivalents: {}
#   remediation:
#     console: 'IAM → Roles → the role → Trust relationships → Edit trust policy → add "Condition": {"StringEquals": {"sts:ExternalId": "<value agreed with the third party>"}} to the statement trusting the other account, or remove that account.'
#     terraform: 'Add a condition { test = "StringEquals", variable = "sts:ExternalId", values = [...] } to the statement of the assume_role_policy that trusts the other account.'
package rampart.aws.iam.role_cross_account_trust

import data.rampart.lib

trust := input.attributes.assume_role_policy

account := input.scope.account_id

trusted := {a | some a in input.settings.aws_trusted_accounts}

deny contains {"msg": sprintf("role %s trusts %s in another account without requiring sts:ExternalId (statement %d)", [lib.label("role_name"), concat(", ", sort(ext)), i]), "path": sprintf("attributes.assume_role_policy.Statement[%d]", [i])} if {
	is_string(account)
	trusted_list
	some i, st in lib.statements(trust)
	st.Effect == "Allow"
	ext := lib.external_principals(st, account, trusted)
	count(ext) > 0
	not lib.requires_external_id(st)
}

unknown contains {"msg": "the workspace's trusted accounts (input.settings.aws_trusted_accounts) were not given to the control", "path": "settings.aws_trusted_accounts"} if {
	not trusted_list
}

trusted_list if {
	is_array(object.get(input, ["settings", "aws_trusted_accounts"], null))
	every a in input.settings.aws_trusted_accounts {
		is_string(a)
	}
}

unknown contains {"msg": "the role's trust policy is unknown", "path": "attributes.assume_role_policy"} if {
	not is_object(lib.attr("assume_role_policy"))
}

unknown contains {"msg": "the trust policy has no readable Statement", "path": "attributes.assume_role_policy.Statement"} if {
	is_object(lib.attr("assume_role_policy"))
	not lib.statements(trust)
}

unknown contains {"msg": sprintf("statement %d of the trust policy is unreadable", [i]), "path": sprintf("attributes.assume_role_policy.Statement[%d]", [i])} if {
	some i, st in lib.statements(trust)
	not lib.well_formed_principal_statement(st)
}

# Without the role's own account (Terraform evidence has none) no
# principal can be told apart from a foreign one.
unknown contains {"msg": "the role's account is unknown, so foreign principals cannot be told from its own", "path": "scope.account_id"} if {
	not is_string(object.get(input, ["scope", "account_id"], null))
	some st in lib.statements(trust)
	some p in lib.aws_principals(st)
	p != "*"
}

# A unique ID (AROA…, AIDA…) is what IAM shows for a principal that was
# deleted; it names no account, so the trust cannot be judged.
unknown contains {"msg": sprintf("principal %s of statement %d names no account", [p, i]), "path": sprintf("attributes.assume_role_policy.Statement[%d].Principal", [i])} if {
	some i, st in lib.statements(trust)
	some p in lib.aws_principals(st)
	p != "*"
	not lib.principal_account(p)
}
