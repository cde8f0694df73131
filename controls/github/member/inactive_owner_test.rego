package rampart.github.member.inactive_owner_test

import data.rampart.github.member.inactive_owner as c

m(role, at) := {"attributes": {"login": "sam", "role": role, "last_active_at": at}}

now := time.parse_rfc3339_ns("2026-12-01T00:00:00Z")

test_pass if {
	count(c.deny) == 0 with input as m("admin", "2026-11-01T00:00:00Z") with time.now_ns as now
	count(c.unknown) == 0 with input as m("admin", "2026-11-01T00:00:00Z") with time.now_ns as now
}

test_fail if {
	c.deny == {{"msg": "sam has shown no activity for 244 days (more than 180)", "path": "attributes.last_active_at"}} with input as m("admin", "2026-04-01T00:00:00Z") with time.now_ns as now
}

test_other_roles_exempt if {
	count(c.deny) == 0 with input as m("member", "2020-01-01T00:00:00Z") with time.now_ns as now
	count(c.unknown) == 0 with input as {"attributes": {"login": "sam", "role": "outside_collaborator"}}
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as {"attributes": {"login": "sam", "role": "admin"}}
	count(c.unknown) == 1 with input as {"attributes": {"login": "sam", "role": "admin"}}
	count(c.unknown) == 1 with input as m("admin", "yesterday") with time.now_ns as now
	count(c.unknown) == 1 with input as {"attributes": {"login": "sam"}}
}
