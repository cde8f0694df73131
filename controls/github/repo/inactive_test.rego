package rampart.github.repo.inactive_test

import data.rampart.github.repo.inactive as c

repo(pushed, days) := {"settings": {"inactive_repository_days": days}, "attributes": {"archived": false, "pushed_at": pushed}}

now := time.parse_rfc3339_ns("2026-12-01T00:00:00Z")

test_pass if {
	count(c.deny) == 0 with input as repo("2026-11-01T00:00:00Z", 90) with time.now_ns as now
	count(c.unknown) == 0 with input as repo("2026-11-01T00:00:00Z", 90) with time.now_ns as now
}

test_fail if {
	c.deny == {{"msg": "no push for 244 days (the limit is 90) and the repository is not archived", "path": "attributes.pushed_at"}} with input as repo("2026-04-01T00:00:00Z", 90) with time.now_ns as now
}

# The limit is the workspace's: 365 days lets the same repository pass.
test_setting_changes_the_limit if {
	count(c.deny) == 0 with input as repo("2026-04-01T00:00:00Z", 365) with time.now_ns as now
}

test_archived_passes if {
	count(c.deny) == 0 with input as {"settings": {"inactive_repository_days": 90}, "attributes": {"archived": true, "pushed_at": "2020-01-01T00:00:00Z"}} with time.now_ns as now
	count(c.unknown) == 0 with input as {"attributes": {"archived": true}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"settings": {"inactive_repository_days": 90}, "attributes": {"archived": false}}
	count(c.unknown) == 1 with input as repo("last year", 90) with time.now_ns as now
	count(c.deny) == 0 with input as {"attributes": {"archived": false, "pushed_at": "2020-01-01T00:00:00Z"}} with time.now_ns as now
	count(c.unknown) == 1 with input as {"attributes": {"archived": false, "pushed_at": "2020-01-01T00:00:00Z"}} with time.now_ns as now
	{"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} in c.unknown with input as repo("2020-01-01T00:00:00Z", 90) with input.attributes.archived as "no"
}
