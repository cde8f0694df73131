package rampart.aws.iam.group_mfa_test

import data.rampart.aws.iam.group_mfa as c

mfa := {"Effect": "Deny", "NotAction": ["iam:ChangePassword", "iam:*MFADevice", "sts:GetSessionToken"], "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}

group(inline, attached) := {"attributes": {"group_name": "g", "inline_policies": [{"name": sprintf("p%d", [i]), "document": {"Statement": sts}} | some i, sts in inline], "attached_policies": attached}}

ro := {"policy_name": "ReadOnlyAccess", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}

test_pass_mfa_enforced if {
	every inp in [
		group([[mfa]], [ro]),
		group([[{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}], [object.union(object.remove(mfa, ["Condition"]), {"Condition": {"Bool": {"aws:MultiFactorAuthPresent": ["False"]}}})]], []),
		group([[{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}]], [{"policy_name": "custom", "policy_arn": "arn:aws:iam::111122223333:policy/custom"}]),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail_no_mfa_deny if {
	count(c.deny) == 1 with input as group([], [ro])
	count(c.deny) == 1 with input as group([[{"Effect": "Allow", "Action": "*", "Resource": "*"}]], [])

	# a Deny of one action, or with MFA "true", enforces nothing
	count(c.deny) == 1 with input as group([[object.union(object.remove(mfa, ["NotAction"]), {"Action": "s3:DeleteObject"})]], [])
	count(c.deny) == 1 with input as group([[object.union(object.remove(mfa, ["Condition"]), {"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}})]], [])
}

test_unknown_missing if {
	count(c.unknown) == 2 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
}

test_unknown_customer_attachment if {
	inp := group([], [ro, {"policy_name": "custom", "policy_arn": "arn:aws:iam::111122223333:policy/custom"}])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
	inp2 := group([], [{"policy_name": "unknown-arn"}])
	count(c.deny) == 0 with input as inp2
	count(c.unknown) == 1 with input as inp2
}

test_unknown_inline_document if {
	inp := {"attributes": {"group_name": "g", "inline_policies": [{"name": "x"}], "attached_policies": []}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}
