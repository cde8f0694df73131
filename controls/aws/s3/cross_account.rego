# METADATA
# title: S3 bucket policies grant no access to accounts outside the organisation
# description: >-
#   A bucket policy statement that allows AWS principals of another account
#   fails unless that account is one of the organisation's own, listed in
#   the workspace's settings { aws_trusted_accounts = [...] } (the list
#   AWS-IAM-012 uses for role trust). An Allow for everyone ("*") without a
#   condition that ties it to an account, organisation, network or source
#   is cross-account access too, and fails here as it does in AWS-S3-004.
#   Service principals are not accounts and are not judged. Without the
#   list, or without the bucket's account (Terraform evidence has none),
#   a bucket whose policy names principals is not_evaluated, never a pass.
# custom:
#   id: AWS-S3-010
#   severity: high
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.5.19"]
#     nist-800-53-r5: ["AC-3", "AC-21"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [s3_bucket_cross_account_access]
#   remediation:
#     console: 'S3 → the bucket → Permissions → Bucket policy → Edit → remove the statements (or principals) naming other accounts, or add those accounts to aws_trusted_accounts if they are the organisation''s own.'
#     terraform: 'Remove the foreign account principals from the aws_s3_bucket_policy document, or list the account in settings { aws_trusted_accounts } when it is one of the organisation''s.'
package rampart.aws.s3.cross_account

import data.rampart.lib

doc := input.attributes.policy.document

account := input.scope.account_id

trusted := {a | some a in input.settings.aws_trusted_accounts}

deny contains {"msg": sprintf("bucket %s: policy statement %d allows %s of accounts outside aws_trusted_accounts", [lib.label("name"), i, concat(", ", sort(ext))]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	is_string(account)
	trusted_list
	some i, st in lib.statements(doc)
	st.Effect == "Allow"
	ext := lib.external_principals(st, account, trusted)
	count(ext) > 0
}

deny contains {"msg": sprintf("bucket %s: policy statement %d allows everyone (Principal \"*\") without a restricting condition", [lib.label("name"), i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(doc)
	lib.well_formed_principal_statement(st)
	lib.public_statement(st)
}

trusted_list if {
	is_array(object.get(input, ["settings", "aws_trusted_accounts"], null))
	every a in input.settings.aws_trusted_accounts {
		is_string(a)
	}
}

named_principals if {
	some st in lib.statements(doc)
	some p in lib.aws_principals(st)
	p != "*"
}

unknown contains {"msg": "the bucket policy is unknown", "path": "attributes.policy"} if {
	not is_boolean(lib.attr(["policy", "present"]))
}

unknown contains {"msg": "the bucket policy document is unknown", "path": "attributes.policy.document"} if {
	input.attributes.policy.present == true
	not is_object(lib.attr(["policy", "document"]))
}

unknown contains {"msg": "the bucket policy document has no readable Statement", "path": "attributes.policy.document.Statement"} if {
	input.attributes.policy.present == true
	is_object(lib.attr(["policy", "document"]))
	not lib.statements(doc)
}

unknown contains {"msg": sprintf("bucket policy statement %d is unreadable", [i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(doc)
	not lib.well_formed_principal_statement(st)
}

unknown contains {"msg": "the workspace's trusted accounts (input.settings.aws_trusted_accounts) were not given to the control", "path": "settings.aws_trusted_accounts"} if {
	input.attributes.policy.present == true
	named_principals
	not trusted_list
}

unknown contains {"msg": "the bucket's account is unknown, so foreign principals cannot be told from its own", "path": "scope.account_id"} if {
	input.attributes.policy.present == true
	named_principals
	not is_string(object.get(input, ["scope", "account_id"], null))
}

unknown contains {"msg": sprintf("principal %s of statement %d names no account", [p, i]), "path": sprintf("attributes.policy.document.Statement[%d].Principal", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(doc)
	some p in lib.aws_principals(st)
	p != "*"
	not lib.principal_account(p)
}
