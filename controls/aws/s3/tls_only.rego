# METADATA
# title: S3 bucket policies deny requests not made over TLS
# description: >-
#   Without a Deny on aws:SecureTransport = false, objects can be read or
#   written over plain HTTP where they can be intercepted or altered.
# custom:
#   id: AWS-S3-003
#   severity: medium
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     cis-aws-3.0: ["2.1.1"]
#     iso27001-2022: ["A.8.24", "A.5.14"]
#     nist-800-53-r5: ["SC-8", "SC-8(1)"]
#     soc2: ["CC6.7"]
#   equivalents:
#     prowler: [s3_bucket_secure_transport_policy]
#   remediation:
#     console: 'S3 → the bucket → Permissions → Bucket policy → add a Deny statement for Principal "*", Action "s3:*", Condition Bool aws:SecureTransport "false".'
#     terraform: 'aws_s3_bucket_policy with a statement { effect = "Deny", principals { type = "*" }, actions = ["s3:*"], condition { test = "Bool", variable = "aws:SecureTransport", values = ["false"] } }.'
package rampart.aws.s3.tls_only

import data.rampart.lib

pol := input.attributes.policy

as_list(x) := x if is_array(x)

else := [x]

tls_deny(st) if {
	st.Effect == "Deny"
	some action in as_list(st.Action)
	action in {"s3:*", "*"}
	lower(sprintf("%v", [st.Condition.Bool["aws:SecureTransport"]])) in {"false", "[\"false\"]"}
}

deny contains {"msg": sprintf("bucket %q has no bucket policy, so nothing denies plain-HTTP requests", [lib.label("name")]), "path": "attributes.policy.present"} if {
	pol.present == false
}

deny contains {"msg": sprintf("the policy of bucket %q does not deny requests without TLS (aws:SecureTransport)", [lib.label("name")]), "path": "attributes.policy.document"} if {
	pol.present == true
	lib.statements(pol.document)
	not any_tls_deny
}

any_tls_deny if {
	some st in lib.statements(pol.document)
	tls_deny(st)
}

unknown contains {"msg": "the bucket policy document has no readable Statement", "path": "attributes.policy.document.Statement"} if {
	pol.present == true
	is_object(lib.attr(["policy", "document"]))
	not lib.statements(pol.document)
}

unknown contains {"msg": "the bucket policy is unknown", "path": "attributes.policy"} if {
	not is_boolean(lib.attr(["policy", "present"]))
}

unknown contains {"msg": "the bucket policy document is unknown", "path": "attributes.policy.document"} if {
	pol.present == true
	not is_object(lib.attr(["policy", "document"]))
}
