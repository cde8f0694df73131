package rampart.aws.s3.no_public_grants_test

import data.rampart.aws.s3.no_public_grants as c

test_pass_private if {
	inp := {"attributes": {"public_acl_grants": [], "policy": {"present": false}}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_conditioned_principal if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-123"}}}
	count(c.deny) == 0 with input as {"attributes": {"public_acl_grants": [], "policy": {"present": true, "document": {"Statement": [st]}}}}
}

test_fail_public_acl_and_policy if {
	st := {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "*"}
	inp := {"attributes": {"public_acl_grants": [{"grantee": "AllUsers", "permission": "READ"}], "policy": {"present": true, "document": {"Statement": st}}}}
	count(c.deny) == 2 with input as inp
}

test_unknown_missing if {
	count(c.unknown) == 2 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
}

# A grant to everyone is listed even when a field of it is missing: it
# still fails, and the unreadable field is reported; a grant that is not
# an object at all cannot pass.
test_grant_missing_fields if {
	inp := {"attributes": {"public_acl_grants": [{"grantee": "AllUsers"}], "policy": {"present": false}}}
	c.deny == {{"msg": "the ACL grants (unknown permission) to AllUsers", "path": "attributes.public_acl_grants[0]"}} with input as inp
	count(c.unknown) == 1 with input as inp
}

test_unknown_grant_not_an_object if {
	every g in [null, "AllUsers", 1, []] {
		inp := {"attributes": {"public_acl_grants": [g], "policy": {"present": false}}}
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}

# A present policy whose Statement, a statement or its Principal cannot be
# read may be the one granting everyone.
test_unknown_policy_statement_unreadable if {
	every doc in [
		{},
		{"Statement": null},
		{"Statement": [null]},
		{"Statement": [{"Effect": "Allow", "Principal": null, "Action": "s3:GetObject", "Resource": "*"}]},
		{"Statement": [{"Effect": "Allow", "Principal": {"AWS": 1}, "Action": "s3:GetObject", "Resource": "*"}]},
	] {
		inp := {"attributes": {"public_acl_grants": [], "policy": {"present": true, "document": doc}}}
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}

	# Allowing everyone fails even when the statement lacks its Action.
	inp := {"attributes": {"public_acl_grants": [], "policy": {"present": true, "document": {"Statement": [{"Effect": "Allow", "Principal": "*", "Resource": "*"}]}}}}
	count(c.deny) == 1 with input as inp
	count(c.unknown) == 1 with input as inp
}
