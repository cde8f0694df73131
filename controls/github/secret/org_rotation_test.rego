package rampart.github.secret.org_rotation_test

import data.rampart.github.secret.org_rotation as c

org(secrets) := {"attributes": {"actions_secrets": secrets}}

now := "2026-12-01T00:00:00Z"

at := time.parse_rfc3339_ns(now)

test_pass if {
	count(c.deny) == 0 with input as org([{"name": "NPM_TOKEN", "updated_at": "2026-06-01T00:00:00Z"}]) with time.now_ns as at
	count(c.unknown) == 0 with input as org([{"name": "NPM_TOKEN", "updated_at": "2026-06-01T00:00:00Z"}]) with time.now_ns as at
	count(c.deny) == 0 with input as org([]) with time.now_ns as at
}

test_fail if {
	c.deny == {{"msg": "organization secret DEPLOY_KEY was last updated 699 days ago (more than 365)", "path": "attributes.actions_secrets"}} with input as org([{"name": "DEPLOY_KEY", "updated_at": "2025-01-01T00:00:00Z"}, {"name": "NPM_TOKEN", "updated_at": "2026-06-01T00:00:00Z"}]) with time.now_ns as at
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as org([{"name": "X"}]) with time.now_ns as at
	count(c.unknown) == 1 with input as org([{"name": "X", "updated_at": "last year"}]) with time.now_ns as at
	count(c.deny) == 0 with input as org([{"name": "X", "updated_at": "last year"}]) with time.now_ns as at
}
