# RDS helpers shared by the controls on aws.rds.instance and aws.rds.cluster.
# A member of an Aurora or Multi-AZ DB cluster takes its backups, deletion
# protection, IAM authentication, copy-tags, log-export, port and master
# user settings from the cluster (RDS reports defaults on the member), so
# the controls of those settings judge the cluster, and skip its members.
package rampart.lib

# rds_standalone holds for a cluster, and for an instance known to belong
# to no cluster.
rds_standalone if input.type == "aws.rds.cluster"

rds_standalone if {
	object.get(input, "type", "") != "aws.rds.cluster"
	not "db_cluster_identifier" in object.keys(input.attributes)
	not rds_membership_unknown
}

# rds_membership_unknown holds for an instance whose cluster membership a
# producer could not tell: it may be stand-alone, so it is not skipped; the
# controls report it through rds_membership_problem.
rds_membership_unknown if {
	object.get(input, "type", "") != "aws.rds.cluster"
	is_string(object.get(input, ["unknown", "db_cluster_identifier"], null))
}

rds_membership_unknown if {
	object.get(input, "type", "") != "aws.rds.cluster"
	"db_cluster_identifier" in object.keys(input.attributes)
	not is_string(input.attributes.db_cluster_identifier)
}

rds_membership_problem contains {"msg": "whether the instance belongs to a DB cluster (whose settings would then apply) is unknown", "path": "attributes.db_cluster_identifier"} if {
	rds_membership_unknown
}

# rds_name names an instance or a cluster in a message.
rds_name := object.get(input.attributes, "db_instance_identifier", object.get(input.attributes, "db_cluster_identifier", object.get(input, "id", "(unnamed database)")))

# rds_default_ports is the port RDS assigns each engine when none is chosen.
rds_default_ports := {
	"mysql": 3306, "mariadb": 3306, "aurora": 3306, "aurora-mysql": 3306,
	"postgres": 5432, "aurora-postgresql": 5432,
	"oracle-ee": 1521, "oracle-ee-cdb": 1521, "oracle-se2": 1521, "oracle-se2-cdb": 1521,
	"sqlserver-ee": 1433, "sqlserver-se": 1433, "sqlserver-ex": 1433, "sqlserver-web": 1433,
	"db2-ae": 50000, "db2-se": 50000,
}

# rds_events_missing(source_type, needed) are the regions of an aws.account
# whose RDS event subscriptions (regions.<region>.rds_event_subscriptions)
# have no enabled subscription for every source of source_type that covers
# each category in needed (an empty category list covers all).
rds_events_missing(source_type, needed) := {region |
	some region, r in input.attributes.regions
	is_array(object.get(r, "rds_event_subscriptions", null))
	not rds_events_covered(r.rds_event_subscriptions, source_type, needed)
}

rds_events_covered(subs, source_type, needed) if {
	some s in subs
	s.enabled == true
	s.source_type == source_type
	count(s.source_ids) == 0
	every c in needed {
		rds_event_category(s, c)
	}
}

rds_event_category(s, _) if count(s.event_categories) == 0

rds_event_category(s, c) if c in s.event_categories

# rds_events_unknown(source_type) are the problems that keep the event
# subscription controls from judging a region.
rds_events_unknown := {{"msg": "the account's regions are unknown", "path": "attributes.regions"} | not is_object(attr("regions"))} | {{"msg": "no region of the account was collected", "path": "attributes.regions"} | attr("regions") == {}} | {p |
	some region, r in input.attributes.regions
	not is_array(object.get(r, "rds_event_subscriptions", null))
	p := {"msg": sprintf("the RDS event subscriptions of %s are unknown", [region]), "path": sprintf("attributes.regions.%s.rds_event_subscriptions", [region])}
} | {p |
	some region, r in input.attributes.regions
	some i, s in object.get(r, "rds_event_subscriptions", [])
	not rds_event_well_formed(s)
	p := {"msg": sprintf("RDS event subscription %d of %s is unreadable", [i, region]), "path": sprintf("attributes.regions.%s.rds_event_subscriptions[%d]", [region, i])}
} | {p |
	some path in region_unknown("rds_event_subscriptions")
	p := {"msg": sprintf("%s could not be collected", [path]), "path": sprintf("attributes.%s", [path])}
}

rds_event_well_formed(s) if {
	is_boolean(s.enabled)
	is_string(s.source_type)
	is_array(s.source_ids)
	is_array(s.event_categories)
}
