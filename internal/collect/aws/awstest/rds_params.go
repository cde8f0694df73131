package awstest

import (
	"sort"
	"strings"
)

// defaultParamGroup is the name RDS gives an engine's default parameter
// group (default.<family>); the stand-in's families are one version each.
func defaultParamGroup(engine string) string {
	switch engine {
	case "postgres":
		return "default.postgres14"
	case "aurora-postgresql":
		return "default.aurora-postgresql14"
	case "aurora-mysql":
		return "default.aurora-mysql8.0"
	case "sqlserver-ee", "sqlserver-se", "sqlserver-ex", "sqlserver-web":
		return "default." + engine + "-16.0"
	case "", "mysql":
		return "default.mysql8.0"
	}
	return "default." + engine
}

// ParameterGroup is the DB parameter group the instance names.
func (d DB) ParameterGroup() string {
	if d.ParamGroup != "" {
		return d.ParamGroup
	}
	return defaultParamGroup(d.Engine)
}

// ParameterGroup is the cluster parameter group the cluster names.
func (d DBCluster) ParameterGroup() string {
	if d.ParamGroup != "" {
		return d.ParamGroup
	}
	return defaultParamGroup(d.Engine)
}

// rdsParameter is one row of DescribeDBParameters.
type rdsParameter struct {
	Name, Value, Source, Type string
	HasValue                  bool
}

// engineDefaults is what a group of the family lists before anything is
// set in it: the TLS parameter at the engine default (MySQL lists
// require_secure_transport without a value, PostgreSQL 14 rds.force_ssl as
// 0) among others, so that page size 2 pages through it.
func engineDefaults(group string) []rdsParameter {
	rows := []rdsParameter{{Name: "autocommit", Value: "1", HasValue: true, Type: "boolean"}}
	switch {
	case strings.Contains(group, "postgres"), strings.Contains(group, "sqlserver"):
		rows = append(rows, rdsParameter{Name: "rds.force_ssl", Value: "0", HasValue: true, Type: "boolean"})
	default:
		rows = append(rows, rdsParameter{Name: "require_secure_transport", Type: "boolean"})
	}
	rows = append(rows, rdsParameter{Name: "max_connections", Value: "{DBInstanceClassMemory/12582880}", HasValue: true, Type: "integer"})
	for i := range rows {
		rows[i].Source = "engine-default"
	}
	return rows
}

// rdsParameters answers DescribeDBParameters and
// DescribeDBClusterParameters: a custom group's set values over the
// defaults of its family, a default group's defaults, any other name
// DBParameterGroupNotFound as RDS answers it.
func (s *Server) rdsParameters(c *call) error {
	cluster := c.op == "DescribeDBClusterParameters"
	key, tmpl := "DBParameterGroupName", "rds/DescribeDBParameters"
	if cluster {
		key, tmpl = "DBClusterParameterGroupName", "rds/DescribeDBClusterParameters"
	}
	name := c.form[key]
	var rows []rdsParameter
	found := strings.HasPrefix(name, "default.")
	if found {
		rows = engineDefaults(name)
	}
	for _, g := range c.regionData().ParamGroups {
		if g.Name != name || g.Cluster != cluster {
			continue
		}
		found = true
		rows = engineDefaults(name)
		set := make([]string, 0, len(g.Values))
		for k := range g.Values {
			set = append(set, k)
		}
		sort.Strings(set)
		for _, k := range set {
			replaced := false
			for i := range rows {
				if rows[i].Name == k {
					rows[i] = rdsParameter{Name: k, Value: g.Values[k], HasValue: true, Source: "user", Type: rows[i].Type}
					replaced = true
				}
			}
			if !replaced {
				rows = append(rows, rdsParameter{Name: k, Value: g.Values[k], HasValue: true, Source: "user", Type: "string"})
			}
		}
	}
	if !found {
		// RDS answers both operations with this code.
		s.fail(c, 404, "DBParameterGroupNotFound", "DBParameterGroup not found: "+name)
		return nil
	}
	items, next := page(c, rows, c.form["Marker"], s.faults.PageSize)
	return render(c, xmlType, tmpl, map[string]any{"Items": items, "Marker": next})
}
