package rampart.aws.iam.server_certificate_expired_test

import data.rampart.aws.iam.server_certificate_expired as c

cert(exp) := {"type": "aws.iam.server_certificate", "id": "arn:aws:iam::111122223333:server-certificate/web", "attributes": {"server_certificate_name": "web", "expiration": exp}}

test_pass_current if {
	count(c.deny) == 0 with input as cert("2099-01-01T00:00:00Z")
	count(c.unknown) == 0 with input as cert("2099-01-01T00:00:00Z")
}

test_fail_expired if {
	c.deny == {{"msg": "server certificate web expired on 2020-06-30T12:00:00Z", "path": "attributes.expiration"}} with input as cert("2020-06-30T12:00:00Z")
}

test_fail_expired_by_clock if {
	# the comparison is with now, not a fixed date
	count(c.deny) == 1 with input as cert("2030-01-01T00:00:00Z") with time.now_ns as time.parse_rfc3339_ns("2030-01-02T00:00:00Z")
	count(c.deny) == 0 with input as cert("2030-01-01T00:00:00Z") with time.now_ns as time.parse_rfc3339_ns("2029-12-31T00:00:00Z")
}

test_unknown if {
	every inp in [
		{"attributes": {"server_certificate_name": "web"}},
		cert(null),
		cert(1700000000),
		cert("next year"),
		{"attributes": {"server_certificate_name": "web"}, "unknown": {"expiration": "the answer lacks it"}},
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
