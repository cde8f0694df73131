package awstest

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
