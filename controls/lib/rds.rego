# RDS helpers shared by the controls on aws.rds.instance and aws.rds.cluster.
# A member of an Aurora or Multi-AZ DB cluster takes its backups, deletion
# protection, IAM authentication, copy-tags, log-export, port and master
# user settings from the cluster (RDS reports defaults on the member), so
# the controls of those settings judge the cluster, and skip its members.
package rampart.lib

# METADATA
# description: |-
#   rds_standalone holds for a cluster, and for an instance known to belong
#   to no cluster: one whose db_cluster_identifier is absent and not named in
#   the unknown map. A cluster member is skipped by the controls of settings
#   the cluster owns; an instance whose membership is unknown is not
#   standalone, and reports rds_membership_problem.
# custom:
#   example: |-
#     lib.rds_standalone
#   result: |-
#     true
#   input: |-
#     {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "orders"}}
rds_standalone if input.type == "aws.rds.cluster"

rds_standalone if {
	object.get(input, "type", "") != "aws.rds.cluster"
	not "db_cluster_identifier" in object.keys(input.attributes)
	not rds_membership_unknown
}

# METADATA
# description: |-
#   rds_membership_unknown holds for an instance whose cluster membership a
#   producer could not tell (db_cluster_identifier named in the unknown map,
#   or present but not a string): it may be stand-alone, so it is not
#   skipped; the controls report it through rds_membership_problem.
# custom:
#   example: |-
#     lib.rds_membership_unknown
#   result: |-
#     true
#   input: |-
#     {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "orders", "db_cluster_identifier": null}}
rds_membership_unknown if {
	object.get(input, "type", "") != "aws.rds.cluster"
	is_string(object.get(input, ["unknown", "db_cluster_identifier"], null))
}

rds_membership_unknown if {
	object.get(input, "type", "") != "aws.rds.cluster"
	"db_cluster_identifier" in object.keys(input.attributes)
	not is_string(input.attributes.db_cluster_identifier)
}

# METADATA
# description: |-
#   rds_membership_problem is the unknown the controls of cluster-owned
#   settings report for an instance whose membership is unknown
#   (rds_membership_unknown): neither judged nor skipped; empty otherwise.
# custom:
#   example: |-
#     lib.rds_membership_problem
#   result: |-
#     {{"msg": "whether the instance belongs to a DB cluster (whose settings would then apply) is unknown", "path": "attributes.db_cluster_identifier"}}
#   input: |-
#     {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "orders", "db_cluster_identifier": null}}
rds_membership_problem contains {"msg": "whether the instance belongs to a DB cluster (whose settings would then apply) is unknown", "path": "attributes.db_cluster_identifier"} if {
	rds_membership_unknown
}

# METADATA
# description: |-
#   rds_name names an instance or a cluster in a message: its
#   db_instance_identifier, else its db_cluster_identifier, else the resource
#   id, else "(unnamed database)".
# custom:
#   example: |-
#     lib.rds_name
#   result: |-
#     "orders-aurora"
#   input: |-
#     {"type": "aws.rds.cluster", "id": "arn:aws:rds:eu-west-1:111122223333:cluster:orders-aurora", "attributes": {"db_cluster_identifier": "orders-aurora"}}
rds_name := object.get(input.attributes, "db_instance_identifier", object.get(input.attributes, "db_cluster_identifier", object.get(input, "id", "(unnamed database)")))

# METADATA
# description: |-
#   rds_default_ports is the port RDS assigns each engine when none is
#   chosen; an engine missing from it has no known default, so its port is
#   not judged a default one.
# custom:
#   example: |-
#     lib.rds_default_ports["postgres"]
#   result: |-
#     5432
rds_default_ports := {
	"mysql": 3306, "mariadb": 3306, "aurora": 3306, "aurora-mysql": 3306,
	"postgres": 5432, "aurora-postgresql": 5432,
	"oracle-ee": 1521, "oracle-ee-cdb": 1521, "oracle-se2": 1521, "oracle-se2-cdb": 1521,
	"sqlserver-ee": 1433, "sqlserver-se": 1433, "sqlserver-ex": 1433, "sqlserver-web": 1433,
	"db2-ae": 50000, "db2-se": 50000,
}

# METADATA
# description: |-
#   rds_events_missing(source_type, needed) are the regions of an aws.account
#   whose RDS event subscriptions (regions.<region>.rds_event_subscriptions)
#   have no enabled subscription for every source of source_type that covers
#   each category in needed (an empty category list covers all). A region
#   whose subscriptions are not a list is left out here and reported by
#   rds_events_unknown instead, never passed.
# custom:
#   example: |-
#     lib.rds_events_missing("db-instance", ["failure"])
#   result: |-
#     {"eu-west-1"}
#   input: |-
#     {"type": "aws.account", "attributes": {"regions": {"eu-west-1": {"rds_event_subscriptions": []}, "us-east-1": {"rds_event_subscriptions": [{"enabled": true, "source_type": "db-instance", "source_ids": [], "event_categories": ["failure"]}]}}}}
rds_events_missing(source_type, needed) := {region |
	some region, r in input.attributes.regions
	is_array(object.get(r, "rds_event_subscriptions", null))
	not rds_events_covered(r.rds_event_subscriptions, source_type, needed)
}

# METADATA
# description: |-
#   rds_events_covered(subs, source_type, needed) holds when one subscription
#   of subs is enabled, is for source_type, names no source IDs (so it covers
#   every source) and covers each category in needed; rds_events_missing uses
#   it.
# custom:
#   example: |-
#     lib.rds_events_covered([{"enabled": true, "source_type": "db-instance", "source_ids": [], "event_categories": ["failure", "maintenance"]}], "db-instance", ["failure"])
#   result: |-
#     true
rds_events_covered(subs, source_type, needed) if {
	some s in subs
	s.enabled == true
	s.source_type == source_type
	count(s.source_ids) == 0
	every c in needed {
		rds_event_category(s, c)
	}
}

# METADATA
# description: |-
#   rds_event_category(s, c) holds when subscription s covers event category
#   c: it lists c, or lists no category (RDS then sends them all).
# custom:
#   example: |-
#     lib.rds_event_category({"event_categories": []}, "failure")
#   result: |-
#     true
rds_event_category(s, _) if count(s.event_categories) == 0

rds_event_category(s, c) if c in s.event_categories

# METADATA
# description: |-
#   rds_events_unknown are the problems that keep the RDS event subscription
#   controls from judging an account or a region: regions unknown or none
#   collected, a region whose subscriptions are not a list, a subscription
#   that is unreadable (rds_event_well_formed), or a path the unknown map
#   names. Each is reported unknown rather than read as a missing or a
#   present subscription.
# custom:
#   example: |-
#     lib.rds_events_unknown
#   result: |-
#     {{"msg": "the RDS event subscriptions of eu-west-1 are unknown", "path": "attributes.regions.eu-west-1.rds_event_subscriptions"}}
#   input: |-
#     {"type": "aws.account", "attributes": {"regions": {"eu-west-1": {}}}}
rds_events_unknown := ((({{"msg": "the account's regions are unknown", "path": "attributes.regions"} | not is_object(attr("regions"))} | {{"msg": "no region of the account was collected", "path": "attributes.regions"} | attr("regions") == {}}) | {p |
	some region, r in input.attributes.regions
	not is_array(object.get(r, "rds_event_subscriptions", null))
	p := {"msg": sprintf("the RDS event subscriptions of %s are unknown", [region]), "path": sprintf("attributes.regions.%s.rds_event_subscriptions", [region])}
}) | {p |
	some region, r in input.attributes.regions
	some i, s in object.get(r, "rds_event_subscriptions", [])
	not rds_event_well_formed(s)
	p := {"msg": sprintf("RDS event subscription %d of %s is unreadable", [i, region]), "path": sprintf("attributes.regions.%s.rds_event_subscriptions[%d]", [region, i])}
}) | {p |
	some path in region_unknown("rds_event_subscriptions")
	p := {"msg": sprintf("%s could not be collected", [path]), "path": sprintf("attributes.%s", [path])}
}

# METADATA
# description: |-
#   rds_event_well_formed(s) holds when subscription s has the shape the
#   controls read: a boolean enabled, a string source_type, and lists of
#   source_ids and event_categories; rds_events_unknown reports any other.
# custom:
#   example: |-
#     lib.rds_event_well_formed({"enabled": true, "source_type": "db-cluster", "source_ids": [], "event_categories": ["failure"]})
#   result: |-
#     true
rds_event_well_formed(s) if {
	is_boolean(s.enabled)
	is_string(s.source_type)
	is_array(s.source_ids)
	is_array(s.event_categories)
}
