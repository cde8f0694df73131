package aws

import (
	"context"
	"slices"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// rdsInstanceDepth adds the settings of issue 18 that DescribeDBInstances
// already returns: no further call per instance.
func rdsInstanceDepth(db rdstypes.DBInstance, attrs map[string]any, unknown map[string]string) {
	attrs["iam_database_authentication_enabled"] = sdkaws.ToBool(db.IAMDatabaseAuthenticationEnabled)
	attrs["copy_tags_to_snapshot"] = sdkaws.ToBool(db.CopyTagsToSnapshot)
	attrs["enabled_cloudwatch_logs_exports"] = nonNilStrings(db.EnabledCloudwatchLogsExports)
	attrs["master_username"] = sdkaws.ToString(db.MasterUsername)
	if db.DBClusterIdentifier != nil {
		attrs["db_cluster_identifier"] = *db.DBClusterIdentifier
	}
	if db.MonitoringInterval != nil {
		attrs["monitoring_interval"] = int(*db.MonitoringInterval)
	} else {
		unknown["monitoring_interval"] = "DescribeDBInstances returned no MonitoringInterval for the instance"
	}
	// The endpoint appears only once the instance is available; the port it
	// will listen on is DbInstancePort until then.
	switch {
	case db.Endpoint != nil && db.Endpoint.Port != nil:
		attrs["port"] = int(*db.Endpoint.Port)
	case db.DbInstancePort != nil && *db.DbInstancePort != 0:
		attrs["port"] = int(*db.DbInstancePort)
	default:
		unknown["port"] = "DescribeDBInstances returned neither Endpoint.Port nor DbInstancePort for the instance"
	}
}

// rdsClusters lists Aurora and Multi-AZ DB clusters. DescribeDBClusters
// also answers for Neptune and DocumentDB clusters (same API); they are
// listed too, with their engine, so a control can tell them apart.
func (r *run) rdsClusters(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := rds.NewFromConfig(cfg)
	var out []evidence.Resource
	var clusters []rdstypes.DBCluster
	err := listAll(ctx, rds.NewDescribeDBClustersPaginator(c, &rds.DescribeDBClustersInput{}), func(page *rds.DescribeDBClustersOutput) (*string, error) {
		clusters = append(clusters, page.DBClusters...)
		for _, cl := range page.DBClusters {
			out = append(out, rdsClusterResource(sc, cl))
		}
		return page.Marker, nil
	})
	if err != nil {
		r.gap(ctx, TypeRDSCluster, sc, "rds:DescribeDBClusters", err)
		return nil
	}
	r.rdsClustersTLS(ctx, c, sc, clusters, out)
	for _, res := range out {
		r.add(res)
	}
	return nil
}

func rdsClusterResource(sc evidence.Scope, cl rdstypes.DBCluster) evidence.Resource {
	attrs := map[string]any{
		"db_cluster_identifier":               sdkaws.ToString(cl.DBClusterIdentifier),
		"arn":                                 sdkaws.ToString(cl.DBClusterArn),
		"engine":                              sdkaws.ToString(cl.Engine),
		"storage_encrypted":                   sdkaws.ToBool(cl.StorageEncrypted),
		"deletion_protection":                 sdkaws.ToBool(cl.DeletionProtection),
		"iam_database_authentication_enabled": sdkaws.ToBool(cl.IAMDatabaseAuthenticationEnabled),
		"multi_az":                            sdkaws.ToBool(cl.MultiAZ),
		"copy_tags_to_snapshot":               sdkaws.ToBool(cl.CopyTagsToSnapshot),
		"enabled_cloudwatch_logs_exports":     nonNilStrings(cl.EnabledCloudwatchLogsExports),
		"master_username":                     sdkaws.ToString(cl.MasterUsername),
		// BacktrackWindow is absent when Backtrack was never turned on.
		"backtrack_window": int(sdkaws.ToInt64(cl.BacktrackWindow)),
	}
	unknown := map[string]string{}
	if cl.KmsKeyId != nil {
		attrs["kms_key_id"] = *cl.KmsKeyId
	}
	if cl.BackupRetentionPeriod != nil {
		attrs["backup_retention_period"] = int(*cl.BackupRetentionPeriod)
	} else {
		unknown["backup_retention_period"] = "DescribeDBClusters returned no BackupRetentionPeriod for the cluster"
	}
	if cl.Port != nil {
		attrs["port"] = int(*cl.Port)
	} else {
		unknown["port"] = "DescribeDBClusters returned no Port for the cluster"
	}
	members := []string{}
	for _, m := range cl.DBClusterMembers {
		if id := sdkaws.ToString(m.DBInstanceIdentifier); id != "" {
			members = append(members, id)
		}
	}
	slices.Sort(members)
	attrs["members"] = members
	return evidence.Resource{Type: TypeRDSCluster, ID: sdkaws.ToString(cl.DBClusterArn), Scope: sc, Attributes: attrs, Unknown: unknown}
}

// nonNilStrings is the list as evidence holds it: [] rather than null when
// the answer has none.
func nonNilStrings(v []string) []string {
	if v == nil {
		return []string{}
	}
	return slices.Clone(v)
}
