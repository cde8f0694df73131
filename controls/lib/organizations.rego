# Service control policy helpers for the AWS Organizations controls
# (AWS-ORG-004..006). They read SCP documents with the IAM helpers of
# iam.rego (statements, well_formed_statement, statement_covers_action,
# statement_covers_resource): an SCP is an IAM policy document without
# principals, so there is no second parser here.
#
# Which Deny statements count. An SCP protects only when it applies to
# every principal of the accounts under it. A Condition decides that: a
# statement without one applies to all; a statement whose every condition
# EXEMPTS named principals (ArnNotLike / StringNotLike / …NotEquals on
# aws:PrincipalArn or an aws:PrincipalTag, the break-glass role pattern)
# still applies to everyone else and counts; any other condition — one
# that limits the deny to some principals (ArnLike aws:PrincipalArn), to
# some requests (aws:MultiFactorAuthPresent, a source IP) or an exemption
# so wide it exempts everyone ("*", "arn:aws:iam::*:role/*") — makes the
# statement not count, since what it denies then depends on who asks.
package rampart.lib

# METADATA
# description: |-
#   scp_exempting_operators are the condition operators that take principals
#   OUT of a Deny (the Deny applies when the key does NOT match), lower case.
# custom:
#   example: |-
#     "arnnotlike" in lib.scp_exempting_operators
#   result: |-
#     true
scp_exempting_operators := {
	"arnnotlike", "arnnotequals", "stringnotlike", "stringnotequals", "stringnotequalsignorecase",
	"arnnotlikeifexists", "arnnotequalsifexists", "stringnotlikeifexists", "stringnotequalsifexists",
}

# METADATA
# description: |-
#   scp_principal_key(k) holds for a condition key (lower case) that names
#   the calling principal: aws:principalarn or an aws:principaltag/ key.
# custom:
#   example: |-
#     lib.scp_principal_key("aws:principaltag/team")
#   result: |-
#     true
scp_principal_key("aws:principalarn")

scp_principal_key(k) if {
	is_string(k)
	startswith(k, "aws:principaltag/")
}

# METADATA
# description: |-
#   scp_exemption(op, key, values) holds when one condition of a Deny only
#   exempts the principals it names: an exempting operator on a principal
#   key, with values that are concrete (no "*" alone, no ARN ending in
#   ":*" or "/*", which would exempt every principal).
# custom:
#   example: |-
#     lib.scp_exemption("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*:role/break-glass")
#   result: |-
#     true
scp_exemption(op, key, values) if {
	lower(op) in scp_exempting_operators
	scp_principal_key(lower(key))
	vals := string_list(values)
	every v in vals {
		not regex.match(`(^|[:/])\*$`, v)
	}
}

# METADATA
# description: |-
#   scp_condition_blocks_readable(st) holds when the statement has no
#   Condition, or a Condition that is an object of objects (IAM's shape).
# custom:
#   example: |-
#     lib.scp_condition_blocks_readable({"Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin"}}})
#   result: |-
#     true
scp_condition_blocks_readable(st) if not "Condition" in object.keys(st)

scp_condition_blocks_readable(st) if {
	is_object(st.Condition)
	every _, block in st.Condition {
		is_object(block)
	}
}

# METADATA
# description: |-
#   scp_broad_deny(st) holds for a well-formed Deny on every resource whose
#   conditions (if any) are all exemptions of named principals: it applies
#   to everyone else in the accounts the SCP is attached over.
# custom:
#   example: |-
#     lib.scp_broad_deny({"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"})
#   result: |-
#     true
scp_broad_deny(st) if {
	well_formed_statement(st)
	st.Effect == "Deny"
	statement_covers_resource(st, "*")
	scp_condition_blocks_readable(st)
	every op, block in object.get(st, "Condition", {}) {
		every key, values in block {
			scp_exemption(op, key, values)
		}
	}
}

# METADATA
# description: |-
#   scp_denies(doc, action) holds when a broad Deny of the SCP document
#   (scp_broad_deny) names the action in its Action (wildcards included).
#   A NotAction Deny does not count: without a condition it would deny
#   nearly everything in every account (a lockdown, not a protection), and
#   with its condition gone — a region deny read wrongly — it must not pass.
# custom:
#   example: |-
#     lib.scp_denies({"Statement": [{"Effect": "Deny", "Action": "cloudtrail:*", "Resource": "*"}]}, "cloudtrail:StopLogging")
#   result: |-
#     true
scp_denies(doc, action) if {
	some st in statements(doc)
	scp_broad_deny(st)
	some p in string_list(st.Action)
	action_match(p, action)
}

# METADATA
# description: |-
#   scp_region_operators are the operators a region deny uses on
#   aws:RequestedRegion: the Deny applies when the requested region is NOT
#   one of those listed.
# custom:
#   example: |-
#     "stringnotequals" in lib.scp_region_operators
#   result: |-
#     true
scp_region_operators := {"stringnotequals", "stringnotlike", "stringnotequalsignorecase", "stringnotequalsifexists", "stringnotlikeifexists"}

# METADATA
# description: |-
#   scp_regional_actions are actions of regional services a region deny
#   must cover (a NotAction may exempt the global services — IAM,
#   Organizations, STS, CloudFront, Route 53, Support — but not these).
# custom:
#   example: |-
#     "ec2:RunInstances" in lib.scp_regional_actions
#   result: |-
#     true
scp_regional_actions := {"ec2:RunInstances", "lambda:CreateFunction", "rds:CreateDBInstance", "dynamodb:CreateTable"}

# METADATA
# description: |-
#   scp_allowed_regions(st) are the regions a region-deny statement leaves
#   open: a well-formed Deny on every resource covering every
#   scp_regional_actions, with an aws:RequestedRegion condition under a
#   scp_region_operators operator naming concrete regions, and otherwise
#   only exemptions of named principals. Empty for any other statement.
# custom:
#   example: |-
#     lib.scp_allowed_regions({"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}})
#   result: |-
#     {"eu-west-1"}
scp_allowed_regions(st) := {r |
	scp_region_deny_shape(st)
	some op, block in st.Condition
	lower(op) in scp_region_operators
	some key, values in block
	lower(key) == "aws:requestedregion"
	some r in string_list(values)
}

# METADATA
# description: |-
#   scp_region_deny_shape(st) holds for a Deny on every resource that covers
#   every scp_regional_actions and whose conditions are all region
#   conditions (scp_region_or_exemption) — the shape scp_allowed_regions reads.
# custom:
#   example: |-
#     lib.scp_region_deny_shape({"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}}})
#   result: |-
#     true
scp_region_deny_shape(st) if {
	well_formed_statement(st)
	st.Effect == "Deny"
	statement_covers_resource(st, "*")
	scp_condition_blocks_readable(st)
	is_object(st.Condition)
	every a in scp_regional_actions {
		statement_covers_action(st, a)
	}
	every op, block in st.Condition {
		every key, values in block {
			scp_region_or_exemption(op, key, values)
		}
	}
}

# METADATA
# description: |-
#   scp_region_or_exemption(op, key, values) holds for a condition of a
#   region deny: an exemption of named principals (scp_exemption), or a
#   scp_region_operators operator on aws:RequestedRegion with regions that
#   contain no wildcard.
# custom:
#   example: |-
#     lib.scp_region_or_exemption("StringNotEquals", "aws:RequestedRegion", ["eu-west-1", "us-east-1"])
#   result: |-
#     true
scp_region_or_exemption(op, key, values) if scp_exemption(op, key, values)

scp_region_or_exemption(op, key, values) if {
	lower(op) in scp_region_operators
	lower(key) == "aws:requestedregion"
	vals := string_list(values)
	every v in vals {
		not contains(v, "*")
	}
}

# METADATA
# description: |-
#   scp_on_root(p) holds when the aws.organizations.policy resource p is
#   attached to the organisation's root, so it applies to every account
#   (the management account excepted: SCPs never apply to it).
# custom:
#   example: |-
#     lib.scp_on_root({"attributes": {"targets": [{"target_id": "r-a1b2", "type": "ROOT"}]}})
#   result: |-
#     true
scp_on_root(p) if {
	some t in p.attributes.targets
	t.type == "ROOT"
}

# METADATA
# description: |-
#   scp_undecided(p) holds when what the policy resource p denies, or where
#   it is attached, cannot be read: its document is not an object, its
#   targets not a list of objects with a known type, or (not being on the
#   root already) a target's type is "" (Terraform: known after apply).
# custom:
#   example: |-
#     lib.scp_undecided({"attributes": {"targets": []}, "unknown": {"document": "known after apply"}})
#   result: |-
#     true
scp_undecided(p) if not is_object(object.get(p, ["attributes", "document"], null))

scp_undecided(p) if not is_array(object.get(p, ["attributes", "targets"], null))

scp_undecided(p) if {
	some t in object.get(p, ["attributes", "targets"], [])
	not is_string(object.get(t, "type", null))
}

scp_undecided(p) if {
	not scp_on_root(p)
	some t in object.get(p, ["attributes", "targets"], [])
	object.get(t, "type", null) == ""
}

# METADATA
# description: |-
#   scp_where(p) names where the policy resource p is attached, for
#   messages: its targets' IDs, or "nowhere (detached)".
# custom:
#   example: |-
#     lib.scp_where({"attributes": {"targets": [{"target_id": "ou-a1b2-workload", "type": "ORGANIZATIONAL_UNIT"}]}})
#   result: |-
#     "ou-a1b2-workload"
scp_where(p) := concat(", ", sort([scp_target_name(t) | some t in p.attributes.targets])) if {
	count(p.attributes.targets) > 0
} else := "nowhere (detached)"

# METADATA
# description: |-
#   scp_target_name(t) is a target's ID, or for one whose ID is known only
#   after apply (Terraform: ""), its type and "(ID known after apply)".
# custom:
#   example: |-
#     lib.scp_target_name({"target_id": "", "type": "ORGANIZATIONAL_UNIT"})
#   result: |-
#     "an ORGANIZATIONAL_UNIT (ID known after apply)"
scp_target_name(t) := t.target_id if non_empty_string(t.target_id)

else := sprintf("an %s (ID known after apply)", [object.get(t, "type", "unknown target")])

# METADATA
# description: |-
#   scp_not_enforced is why no SCP can protect the aws.organizations.organization
#   resource's account: it is in no organisation, or SCPs are disabled on
#   the root; undefined when SCPs are enforced or that is unknown.
# custom:
#   example: |-
#     lib.scp_not_enforced
#   result: |-
#     "is in no AWS Organization, so no service control policy applies to it"
#   input: |-
#     {"attributes": {"in_organization": false}}
scp_not_enforced := "is in no AWS Organization, so no service control policy applies to it" if {
	is_false(attr("in_organization"))
} else := "has service control policies disabled on the organisation's root, so none is enforced" if {
	is_true(attr("in_organization"))
	is_false(attr("scp_enabled"))
}

# METADATA
# description: |-
#   scp_enforcement_unknown holds when whether SCPs are enforced cannot be
#   told: in_organization is not a boolean, or the account is in one and
#   scp_enabled is not a boolean.
# custom:
#   example: |-
#     lib.scp_enforcement_unknown
#   result: |-
#     true
#   input: |-
#     {"attributes": {"in_organization": true}, "unknown": {"scp_enabled": "access denied: needs organizations:ListRoots"}}
scp_enforcement_unknown if not is_boolean(attr("in_organization"))

scp_enforcement_unknown if {
	is_true(attr("in_organization"))
	not is_boolean(attr("scp_enabled"))
}

# METADATA
# description: |-
#   scp_name(p) is the policy resource's name for messages, else its ID.
# custom:
#   example: |-
#     lib.scp_name({"id": "p-1", "attributes": {"name": "deny-leave"}})
#   result: |-
#     "deny-leave"
scp_name(p) := object.get(p, ["attributes", "name"], object.get(p, "id", "(unnamed SCP)"))
