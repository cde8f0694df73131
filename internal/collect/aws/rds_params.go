package aws

import (
	"context"
	"strings"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"golang.org/x/sync/errgroup"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// Whether a database refuses clients that do not use TLS is a parameter of
// its parameter group (a DB parameter group for a stand-alone instance, the
// cluster parameter group for a cluster), not a setting of the database:
// rds.force_ssl for PostgreSQL and SQL Server, require_secure_transport for
// MySQL and MariaDB. The instance or cluster gets tls_required resolved
// through its group; each group in use is read once per region.

// tlsParameter is the parameter that requires TLS for an engine, and
// whether the engine has one at all (Oracle and Db2 require TLS through an
// option group or their own configuration, which is not read).
func tlsParameter(engine string) (string, bool) {
	switch {
	case engine == "postgres", engine == "aurora-postgresql", strings.HasPrefix(engine, "sqlserver-"):
		return "rds.force_ssl", true
	case engine == "mysql", engine == "mariadb", engine == "aurora-mysql", engine == "aurora":
		return "require_secure_transport", true
	}
	return "", false
}

// tlsRequired reads a parameter's value as the engine does. A parameter
// without a value runs at the engine's default, which requires nothing
// (PostgreSQL 15 and later answer rds.force_ssl with the value 1 in their
// default groups, so that default is read as a value); a group that does not
// list the parameter (MySQL 5.6 has no require_secure_transport) cannot
// require TLS either.
func tlsRequired(value *string) bool {
	switch strings.ToUpper(strings.TrimSpace(sdkaws.ToString(value))) {
	case "1", "ON", "TRUE":
		return true
	}
	return false
}

// rdsTLSParams is the two TLS parameters of one group: name → value (nil
// when the parameter is listed without one).
type rdsTLSParams map[string]*string

// readParamGroups reads every named group's TLS parameters with the
// region's fan-out limit. A group that cannot be read maps to the reason.
func (r *run) readParamGroups(ctx context.Context, sc evidence.Scope, names []string, read func(context.Context, string) (rdsTLSParams, error), action string) (map[string]rdsTLSParams, map[string]string) {
	params := make([]rdsTLSParams, len(names))
	errs := make([]error, len(names))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.opts.Concurrency)
	for i, name := range names {
		g.Go(func() error {
			params[i], errs[i] = read(gctx, name)
			return nil
		})
	}
	_ = g.Wait()
	ok, failed := map[string]rdsTLSParams{}, map[string]string{}
	for i, name := range names {
		if errs[i] != nil {
			failed[name] = r.unknownReason(sc, "parameter group "+name, action, errs[i])
			continue
		}
		ok[name] = params[i]
	}
	return ok, failed
}

func keepTLSParams(out rdsTLSParams, ps []rdstypes.Parameter) {
	for _, p := range ps {
		if n := sdkaws.ToString(p.ParameterName); n == "rds.force_ssl" || n == "require_secure_transport" {
			out[n] = p.ParameterValue
		}
	}
}

func dbParameterGroup(ctx context.Context, c *rds.Client, name string) (rdsTLSParams, error) {
	out := rdsTLSParams{}
	err := listAll(ctx, rds.NewDescribeDBParametersPaginator(c, &rds.DescribeDBParametersInput{DBParameterGroupName: sdkaws.String(name)}), func(page *rds.DescribeDBParametersOutput) (*string, error) {
		keepTLSParams(out, page.Parameters)
		return page.Marker, nil
	})
	return out, err
}

func clusterParameterGroup(ctx context.Context, c *rds.Client, name string) (rdsTLSParams, error) {
	out := rdsTLSParams{}
	err := listAll(ctx, rds.NewDescribeDBClusterParametersPaginator(c, &rds.DescribeDBClusterParametersInput{DBClusterParameterGroupName: sdkaws.String(name)}), func(page *rds.DescribeDBClusterParametersOutput) (*string, error) {
		keepTLSParams(out, page.Parameters)
		return page.Marker, nil
	})
	return out, err
}

// resolveTLS sets parameter_group and tls_required on each resource whose
// group was named (group[i] == "" skips the resource) from the groups read.
func resolveTLS(res []evidence.Resource, groups []string, params map[string]rdsTLSParams, failed map[string]string) {
	for i := range res {
		name := groups[i]
		if name == "" {
			continue
		}
		attrs, unknown := res[i].Attributes, res[i].Unknown
		engine, _ := attrs["engine"].(string)
		param, _ := tlsParameter(engine)
		if why, bad := failed[name]; bad {
			unknown["tls_required"] = why
			continue
		}
		value, listed := params[name][param]
		attrs["tls_required"] = listed && tlsRequired(value)
	}
}

// rdsInstancesTLS resolves tls_required of the stand-alone instances (a
// cluster member's TLS is its cluster's parameter).
func (r *run) rdsInstancesTLS(ctx context.Context, c *rds.Client, sc evidence.Scope, dbs []rdstypes.DBInstance, res []evidence.Resource) {
	groups := make([]string, len(res))
	var names []string
	seen := map[string]bool{}
	for i, db := range dbs {
		if db.DBClusterIdentifier != nil {
			continue
		}
		var name string
		for _, g := range db.DBParameterGroups {
			if n := sdkaws.ToString(g.DBParameterGroupName); n != "" {
				name = n
				break
			}
		}
		if name != "" {
			res[i].Attributes["parameter_group"] = name
		}
		if _, applies := tlsParameter(sdkaws.ToString(db.Engine)); !applies {
			continue
		}
		if name == "" {
			res[i].Unknown["tls_required"] = r.unknownReason(sc, "parameter group of "+sdkaws.ToString(db.DBInstanceIdentifier), "rds:DescribeDBInstances", errMissing("DBParameterGroups"))
			continue
		}
		groups[i] = name
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	params, failed := r.readParamGroups(ctx, sc, names, func(ctx context.Context, name string) (rdsTLSParams, error) {
		return dbParameterGroup(ctx, c, name)
	}, "rds:DescribeDBParameters")
	resolveTLS(res, groups, params, failed)
}

// rdsClustersTLS resolves tls_required of the clusters through their
// cluster parameter groups.
func (r *run) rdsClustersTLS(ctx context.Context, c *rds.Client, sc evidence.Scope, clusters []rdstypes.DBCluster, res []evidence.Resource) {
	groups := make([]string, len(res))
	var names []string
	seen := map[string]bool{}
	for i, cl := range clusters {
		name := sdkaws.ToString(cl.DBClusterParameterGroup)
		if name != "" {
			res[i].Attributes["parameter_group"] = name
		}
		if _, applies := tlsParameter(sdkaws.ToString(cl.Engine)); !applies {
			continue
		}
		if name == "" {
			res[i].Unknown["tls_required"] = r.unknownReason(sc, "parameter group of "+sdkaws.ToString(cl.DBClusterIdentifier), "rds:DescribeDBClusters", errMissing("DBClusterParameterGroup"))
			continue
		}
		groups[i] = name
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	params, failed := r.readParamGroups(ctx, sc, names, func(ctx context.Context, name string) (rdsTLSParams, error) {
		return clusterParameterGroup(ctx, c, name)
	}, "rds:DescribeDBClusterParameters")
	resolveTLS(res, groups, params, failed)
}
