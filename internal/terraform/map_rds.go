package terraform

import (
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// rdsInstanceDepth maps the aws_db_instance arguments of issue 18 with the
// provider's defaults, as DescribeDBInstances reports them after apply.
func rdsInstanceDepth(b *builder, in *Instance) {
	if v := get(in.Body, "cluster_identifier"); v != cty.NilVal {
		b.set("db_cluster_identifier", v, nil)
	}
	b.set("monitoring_interval", get(in.Body, "monitoring_interval"), int64(0))
	b.set("copy_tags_to_snapshot", get(in.Body, "copy_tags_to_snapshot"), false)
	b.set("enabled_cloudwatch_logs_exports", get(in.Body, "enabled_cloudwatch_logs_exports"), []any{})
	setRDSPort(b, in)
	switch v := get(in.Body, "username"); {
	case v != cty.NilVal:
		b.set("master_username", v, nil)
	case get(in.Body, "cluster_identifier") == cty.NilVal:
		// A restored or replicated instance takes its user from the source.
		b.unknown("master_username", "not set in the configuration: it comes from the snapshot or source database")
	}
}

// mapRDSClusters maps aws_rds_cluster (Aurora and Multi-AZ DB clusters).
func mapRDSClusters(m *mapper) {
	for _, in := range m.byType["aws_rds_cluster"] {
		b := newBuilder(evidence.TypeAWSRDSCluster, id(in), in, awsScope(in))
		setRegion(b, in)
		b.identifier("db_cluster_identifier", get(in.Body, "cluster_identifier"), in)
		b.set("engine", get(in.Body, "engine"), "aurora")
		// Aurora Serverless v1 is always encrypted; every other cluster
		// defaults to unencrypted.
		encDefault := false
		if mode, ok := str(get(in.Body, "engine_mode")); ok && mode == "serverless" {
			encDefault = true
		}
		b.set("storage_encrypted", get(in.Body, "storage_encrypted"), encDefault)
		if v := get(in.Body, "kms_key_id"); v != cty.NilVal {
			b.set("kms_key_id", v, nil)
		}
		b.set("deletion_protection", get(in.Body, "deletion_protection"), false)
		b.set("iam_database_authentication_enabled", get(in.Body, "iam_database_authentication_enabled"), false)
		b.set("backup_retention_period", get(in.Body, "backup_retention_period"), int64(1))
		b.set("backtrack_window", get(in.Body, "backtrack_window"), int64(0))
		b.set("copy_tags_to_snapshot", get(in.Body, "copy_tags_to_snapshot"), false)
		b.set("enabled_cloudwatch_logs_exports", get(in.Body, "enabled_cloudwatch_logs_exports"), []any{})
		if v := get(in.Body, "master_username"); v != cty.NilVal {
			b.set("master_username", v, nil)
		} else {
			b.unknown("master_username", "not set in the configuration: it comes from the snapshot or source cluster")
		}
		setRDSPort(b, in)
		m.rdsTLS(b, in, "db_cluster_parameter_group_name", "aws_rds_cluster_parameter_group")
		// A Multi-AZ DB cluster (db_cluster_instance_class) always spans
		// three zones; an Aurora cluster is Multi-AZ when its instances run
		// in more than one zone, which the cluster block does not say.
		if v := get(in.Body, "db_cluster_instance_class"); v != cty.NilVal {
			if _, ok := str(v); ok {
				b.r.Attributes["multi_az"] = true
			} else {
				b.unknown("multi_az", unknownReason(v))
			}
		} else {
			b.unknown("multi_az", "known only live: an Aurora cluster is Multi-AZ when its aws_rds_cluster_instance resources run in more than one Availability Zone")
		}
		m.emit(b)
	}
}

// setRDSPort writes port: the configured one, else the engine's default.
func setRDSPort(b *builder, in *Instance) {
	if v := get(in.Body, "port"); v != cty.NilVal {
		b.set("port", v, nil)
		return
	}
	engine, ok := str(get(in.Body, "engine"))
	if !ok && in.Type == "aws_rds_cluster" && get(in.Body, "engine") == cty.NilVal {
		engine, ok = "aurora", true
	}
	if !ok {
		b.unknown("port", "no port is configured and the engine, whose default port it would be, is not known statically")
		return
	}
	port, known := rdsDefaultPort(engine)
	if !known {
		b.unknown("port", "no port is configured and engine "+engine+" has no default port known to Rampart")
		return
	}
	b.r.Attributes["port"] = port
}

// rdsDefaultPort is the port RDS assigns an engine when none is given.
func rdsDefaultPort(engine string) (int64, bool) {
	switch {
	case engine == "mysql" || engine == "mariadb" || engine == "aurora" || engine == "aurora-mysql":
		return 3306, true
	case engine == "postgres" || engine == "aurora-postgresql":
		return 5432, true
	case strings.HasPrefix(engine, "oracle-"):
		return 1521, true
	case strings.HasPrefix(engine, "sqlserver-"):
		return 1433, true
	case strings.HasPrefix(engine, "db2-"):
		return 50000, true
	}
	return 0, false
}
