# METADATA
# title: Backup vaults are shared only with trusted accounts
# description: >-
#   A vault access policy that allows principals of another AWS account
#   hands the backups to whoever controls that account (to copy out, or
#   to delete where allowed). The organisation's own other accounts are
#   listed in the workspace's settings { aws_trusted_accounts = [...] };
#   any other foreign account fails. Without the list, or without the
#   vault's own account (Terraform evidence), the control is
#   not_evaluated, never a pass. Public statements are AWS-BK-003's.
# custom:
#   id: AWS-BK-004
#   severity: high
#   resource_types: [aws.backup.vault]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.5.19"]
#     nist-800-53-r5: ["AC-3", "AC-20"]
#     soc2: ["CC6.1"]
#   equivalents: {}
#   remediation:
#     console: 'AWS Backup → Backup vaults → the vault → Access policy → Edit → remove the statement granting the other account, or add that account to the workspace''s aws_trusted_accounts if it is one of your own.'
#     terraform: 'Remove the foreign account''s principal from aws_backup_vault_policy.policy, or list the account in settings { aws_trusted_accounts } when it is the organisation''s own.'
package rampart.aws.backup.vault_cross_account

import data.rampart.lib

doc := input.attributes.policy.document

account := input.scope.account_id

trusted := {a | some a in input.settings.aws_trusted_accounts}

deny contains {"msg": sprintf("backup vault %s is shared with %s in another account (statement %d)", [lib.label("name"), concat(", ", sort(ext)), i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	is_string(account)
	trusted_list
	input.attributes.policy.present == true
	some i, st in lib.statements(doc)
	st.Effect == "Allow"
	ext := lib.external_principals(st, account, trusted)
	count(ext) > 0
}

trusted_list if {
	is_array(object.get(input, ["settings", "aws_trusted_accounts"], null))
	every a in input.settings.aws_trusted_accounts {
		is_string(a)
	}
}

unknown contains {"msg": "the workspace's trusted accounts (input.settings.aws_trusted_accounts) were not given to the control", "path": "settings.aws_trusted_accounts"} if {
	not trusted_list
}

unknown contains {"msg": sprintf("the access policy of backup vault %s is unknown", [lib.label("name")]), "path": "attributes.policy"} if {
	not is_boolean(lib.attr(["policy", "present"]))
}

unknown contains {"msg": "the access policy has no readable Statement", "path": "attributes.policy.document.Statement"} if {
	input.attributes.policy.present == true
	not lib.statements(doc)
}

unknown contains {"msg": sprintf("statement %d of the access policy is unreadable", [i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(doc)
	not lib.well_formed_principal_statement(st)
}

unknown contains {"msg": "the vault's account is unknown, so foreign principals cannot be told from its own", "path": "scope.account_id"} if {
	not is_string(object.get(input, ["scope", "account_id"], null))
	input.attributes.policy.present == true
	some st in lib.statements(doc)
	some p in lib.aws_principals(st)
	p != "*"
}

unknown contains {"msg": sprintf("principal %s of statement %d names no account", [p, i]), "path": sprintf("attributes.policy.document.Statement[%d].Principal", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(doc)
	some p in lib.aws_principals(st)
	p != "*"
	not lib.principal_account(p)
}

unknown contains {"msg": "the access policy document is unknown", "path": "attributes.policy.document"} if {
	input.attributes.policy.present == true
	not is_object(lib.attr(["policy", "document"]))
}
