package rampart.github.secret.repo_rotation_test

import data.rampart.github.secret.repo_rotation as c

repo(secrets) := {"attributes": {"archived": false, "actions_secrets": secrets}}

at := time.parse_rfc3339_ns("2026-12-01T00:00:00Z")

test_pass if {
	count(c.deny) == 0 with input as repo([{"name": "NPM_TOKEN", "updated_at": "2026-06-01T00:00:00Z"}]) with time.now_ns as at
	count(c.unknown) == 0 with input as repo([{"name": "NPM_TOKEN", "updated_at": "2026-06-01T00:00:00Z"}]) with time.now_ns as at
}

test_fail if {
	c.deny == {{"msg": "repository secret OLD was last updated 699 days ago (more than 365)", "path": "attributes.actions_secrets"}} with input as repo([{"name": "OLD", "updated_at": "2025-01-01T00:00:00Z"}]) with time.now_ns as at
}

test_archived_passes if {
	count(c.deny) == 0 with input as {"attributes": {"archived": true, "actions_secrets": [{"name": "OLD", "updated_at": "2020-01-01T00:00:00Z"}]}} with time.now_ns as at
	count(c.unknown) == 0 with input as {"attributes": {"archived": true}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"archived": false}}
	count(c.deny) == 0 with input as {"attributes": {"archived": false}}
	count(c.unknown) == 1 with input as repo([{"name": "X", "updated_at": 5}]) with time.now_ns as at
	{"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} in c.unknown with input as {"attributes": {"archived": "no"}}
}
