package rampart.aws.rds.cluster_events_test

import data.rampart.aws.rds.cluster_events as c

acct(subs) := {"attributes": {"regions": {"eu-west-1": {"rds_event_subscriptions": subs}}}}

sub(cats) := {"name": "s", "source_type": "db-cluster", "event_categories": cats, "source_ids": [], "enabled": true}

test_pass if {
	count(c.deny) == 0 with input as acct([sub([x | some x in c.needed])])
	count(c.unknown) == 0 with input as acct([sub([x | some x in c.needed])])
	count(c.deny) == 0 with input as acct([sub([])])
}

test_fail if {
	count(c.deny) == 1 with input as acct([])
	count(c.deny) == 1 with input as acct([object.union(sub([]), {"enabled": false})])
	count(c.deny) == 1 with input as acct([object.union(sub([]), {"source_ids": ["one-db"]})])
	count(c.deny) == 1 with input as acct([object.union(sub([]), {"source_type": "db-snapshot"})])
	count(c.deny) == 1 with input as acct([sub(["deletion"])])
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"regions": {"eu-west-1": {}}}}
	count(c.deny) == 0 with input as {"attributes": {"regions": {"eu-west-1": {}}}}
	count(c.unknown) == 1 with input as acct([{"name": "s"}])
	inp := {"attributes": {"regions": {"eu-west-1": {}}}, "unknown": {"regions.eu-west-1.rds_event_subscriptions": "access denied"}}
	count(c.unknown) == 2 with input as inp
}
