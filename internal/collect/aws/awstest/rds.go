package awstest

import "fmt"

// rdsDepth answers the RDS operations of issue 18.
func (s *Server) rdsDepth(c *call) error {
	reg := c.regionData()
	data := func(items any, next string) map[string]any {
		return map[string]any{"Items": items, "Marker": next, "Account": c.account.ID, "Region": c.region}
	}
	var instance, cluster []DBSnapshot
	for _, sn := range reg.DBSnapshots {
		if sn.Cluster {
			cluster = append(cluster, sn)
		} else {
			instance = append(instance, sn)
		}
	}
	find := func(list []DBSnapshot, id string) (DBSnapshot, bool) {
		for _, sn := range list {
			if sn.ID == id {
				return sn, true
			}
		}
		return DBSnapshot{}, false
	}
	switch c.op {
	case "DescribeDBClusters":
		return s.rdsClusters(c)
	case "DescribeDBSnapshots":
		items, next := page(c, instance, c.form["Marker"], s.faults.PageSize)
		return render(c, xmlType, "rds/DescribeDBSnapshots", data(items, next))
	case "DescribeDBClusterSnapshots":
		items, next := page(c, cluster, c.form["Marker"], s.faults.PageSize)
		return render(c, xmlType, "rds/DescribeDBClusterSnapshots", data(items, next))
	case "DescribeDBSnapshotAttributes":
		if sn, ok := find(instance, c.form["DBSnapshotIdentifier"]); ok {
			return render(c, xmlType, "rds/DescribeDBSnapshotAttributes", sn)
		}
		s.fail(c, 404, "DBSnapshotNotFound", "DBSnapshot "+c.form["DBSnapshotIdentifier"]+" not found.")
		return nil
	case "DescribeDBClusterSnapshotAttributes":
		if sn, ok := find(cluster, c.form["DBClusterSnapshotIdentifier"]); ok {
			return render(c, xmlType, "rds/DescribeDBClusterSnapshotAttributes", sn)
		}
		s.fail(c, 404, "DBClusterSnapshotNotFoundFault", "DBClusterSnapshot "+c.form["DBClusterSnapshotIdentifier"]+" not found.")
		return nil
	case "DescribeDBParameters", "DescribeDBClusterParameters":
		return s.rdsParameters(c)
	case "DescribeEventSubscriptions":
		items, next := page(c, reg.EventSubs, c.form["Marker"], s.faults.PageSize)
		return render(c, xmlType, "rds/DescribeEventSubscriptions", data(items, next))
	}
	return fmt.Errorf("rds: unsupported action %q", c.op)
}

// rdsClusters answers DescribeDBClusters; the members of a cluster are the
// region's DBs that name it, as RDS derives them.
func (s *Server) rdsClusters(c *call) error {
	reg := c.regionData()
	type clusterItem struct {
		DBCluster
		Members []string
	}
	var all []clusterItem
	for _, cl := range reg.DBClusters {
		item := clusterItem{DBCluster: cl}
		for _, db := range reg.DBs {
			if db.Cluster == cl.ID {
				item.Members = append(item.Members, db.ID)
			}
		}
		all = append(all, item)
	}
	items, next := page(c, all, c.form["Marker"], s.faults.PageSize)
	return render(c, xmlType, "rds/DescribeDBClusters", map[string]any{"Items": items, "Marker": next, "Account": c.account.ID, "Region": c.region})
}

// rdsDefaultPort is the port RDS gives an engine when none is chosen.
func rdsDefaultPort(engine string, port int) int {
	if port != 0 {
		return port
	}
	switch engine {
	case "postgres", "aurora-postgresql":
		return 5432
	case "sqlserver-ee", "sqlserver-se", "sqlserver-ex", "sqlserver-web":
		return 1433
	case "oracle-ee", "oracle-se2":
		return 1521
	}
	return 3306
}
