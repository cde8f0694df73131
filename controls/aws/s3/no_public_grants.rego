# METADATA
# title: S3 buckets grant no access to everyone through their ACL or policy
# description: >-
#   An ACL grant to AllUsers or AuthenticatedUsers, or a policy statement
#   allowing Principal "*" without a condition, makes the bucket readable (or
#   writable) by anyone on the internet.
# custom:
#   id: AWS-S3-005
#   severity: critical
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     cis-aws-3.0: ["2.1.4"]
#     iso27001-2022: ["A.8.3", "A.5.15"]
#     nist-800-53-r5: ["AC-3", "AC-6", "AC-21"]
#     soc2: ["CC6.1", "CC6.6"]
#   equivalents:
#     prowler: [s3_bucket_policy_public_write_access, s3_bucket_public_access, s3_bucket_public_list_acl, s3_bucket_public_write_acl]
#     trivy: [AVD-AWS-0092]
#   remediation:
#     console: 'S3 → the bucket → Permissions → remove AllUsers/AuthenticatedUsers grants from the ACL (or set Object Ownership to Bucket owner enforced) and remove Allow statements for Principal "*".'
#     terraform: 'Remove public grants from aws_s3_bucket_acl (or use aws_s3_bucket_ownership_controls with BucketOwnerEnforced) and principals "*" from aws_s3_bucket_policy.'
package rampart.aws.s3.no_public_grants

import data.rampart.lib

as_list(x) := x if is_array(x)

else := [x]

everyone(p) if p == "*"

everyone(p) if "*" in as_list(p.AWS)

# Every entry is a grant to everyone: the message reads its fields with a
# default so a grant missing one still fails (and is reported unknown too).
deny contains {"msg": sprintf("the ACL grants %s to %s", [object.get(g, "permission", "(unknown permission)"), object.get(g, "grantee", "(unknown grantee)")]), "path": sprintf("attributes.public_acl_grants[%d]", [i])} if {
	some i, g in input.attributes.public_acl_grants
	is_object(g)
}

unknown contains {"msg": sprintf("ACL grant %d is unreadable", [i]), "path": sprintf("attributes.public_acl_grants[%d]", [i])} if {
	some i, g in input.attributes.public_acl_grants
	not readable_grant(g)
}

readable_grant(g) if {
	is_string(g.grantee)
	is_string(g.permission)
}

deny contains {"msg": sprintf("bucket policy statement %d allows everyone (Principal \"*\") without a condition", [i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(input.attributes.policy.document)
	st.Effect == "Allow"
	everyone(st.Principal)
	not st.Condition
}

unknown contains {"msg": "the bucket ACL is unknown", "path": "attributes.public_acl_grants"} if {
	not is_array(lib.attr("public_acl_grants"))
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
	not lib.statements(input.attributes.policy.document)
}

# An unreadable statement or Principal may be the one granting everyone.
unknown contains {"msg": sprintf("bucket policy statement %d is unreadable", [i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(input.attributes.policy.document)
	not readable_statement(st)
}

readable_statement(st) if {
	lib.well_formed_statement(st)
	some field in ["Principal", "NotPrincipal"]
	readable_principal(st[field])
}

readable_principal(p) if lib.string_list(p)

readable_principal(p) if {
	is_object(p)
	count(p) > 0
	every v in p {
		lib.string_list(v)
	}
}
