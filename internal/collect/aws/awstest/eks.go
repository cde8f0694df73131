package awstest

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// EKSCluster is an EKS cluster of the estate.
type EKSCluster struct {
	Name               string
	Version            string
	Public, Private    bool     // endpoint access
	CIDRs              []string // public access CIDRs
	SecretsKey         string   // KMS key ARN encrypting secrets, "" when none
	Logs               []string // enabled control-plane log types
	DeletionProtection bool
}

// eksLogTypes are the five control-plane log types.
var eksLogTypes = []string{"api", "audit", "authenticator", "controllerManager", "scheduler"}

// DisabledLogs are the log types not in Logs.
func (c EKSCluster) DisabledLogs() []string {
	var out []string
	for _, t := range eksLogTypes {
		on := false
		for _, l := range c.Logs {
			on = on || l == t
		}
		if !on {
			out = append(out, t)
		}
	}
	return out
}

// eksOperation names an EKS REST request by its path.
func eksOperation(c *call) string {
	p := strings.TrimSuffix(c.r.URL.Path, "/")
	switch {
	case p == "/clusters":
		return "ListClusters"
	case strings.HasPrefix(p, "/clusters/") && strings.Count(p, "/") == 2:
		return "DescribeCluster"
	}
	return ""
}

func (s *Server) eks(c *call) error {
	reg := c.regionData()
	const t = "application/json"
	base := map[string]any{"Account": c.account.ID, "Region": c.region}
	switch c.op {
	case "ListClusters":
		items, next := page(c, reg.Clusters, c.r.URL.Query().Get("nextToken"), s.faults.PageSize)
		base["Items"], base["NextToken"] = items, next
		return render(c, t, "eks/ListClusters", base)
	case "DescribeCluster":
		name, err := url.PathUnescape(strings.TrimPrefix(c.r.URL.Path, "/clusters/"))
		if err != nil {
			return fmt.Errorf("eks: cluster name: %w", err)
		}
		for _, cl := range reg.Clusters {
			if cl.Name == name {
				base["Cluster"] = cl
				return render(c, t, "eks/DescribeCluster", base)
			}
		}
		s.fail(c, http.StatusNotFound, "ResourceNotFoundException", "No cluster found for name: "+name+".")
		return nil
	}
	return fmt.Errorf("eks: unsupported request %s %s", c.r.Method, c.r.URL.Path)
}
