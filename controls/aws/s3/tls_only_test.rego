package rampart.aws.s3.tls_only_test

import data.rampart.aws.s3.tls_only as c

tls := {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}

bucket(pol) := {"attributes": {"name": "b", "policy": pol}}

test_pass_tls_deny if {
	inp := bucket({"present": true, "document": {"Statement": [tls]}})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
	count(c.deny) == 0 with input as bucket({"present": true, "document": {"Statement": object.union(tls, {"Action": ["s3:*"]})}})
}

test_fail_no_policy if {
	count(c.deny) == 1 with input as bucket({"present": false})
}

test_fail_policy_without_tls if {
	count(c.deny) == 1 with input as bucket({"present": true, "document": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}})
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"name": "b"}}
	count(c.unknown) == 1 with input as bucket({"present": true})
	count(c.deny) == 0 with input as {"attributes": {"name": "b"}}
}

# A present policy whose Statement cannot be read neither passes nor fails.
test_unknown_statement_unreadable if {
	every doc in [{}, {"Statement": null}, {"Statement": []}, {"Statement": "Deny"}] {
		count(c.deny) == 0 with input as bucket({"present": true, "document": doc})
		count(c.unknown) == 1 with input as bucket({"present": true, "document": doc})
	}
}
