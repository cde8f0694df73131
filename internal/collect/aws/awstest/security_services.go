package awstest

import (
	"fmt"
	"net/http"
)

// The REST-JSON services of CIS AWS v3.0: IAM Access Analyzer (signing
// name access-analyzer), Macie (macie2), Security Hub and EFS
// (elasticfilesystem).

// restJSONOperation names a request of these services by its path.
func restJSONOperation(c *call) string {
	switch c.service + " " + c.r.URL.Path {
	case "access-analyzer /analyzer":
		return "ListAnalyzers"
	case "macie2 /macie":
		return "GetMacieSession"
	case "securityhub /accounts":
		return "DescribeHub"
	case "elasticfilesystem /2015-02-01/file-systems":
		return "DescribeFileSystems"
	}
	return ""
}

func (s *Server) securityServices(c *call) error {
	reg := c.regionData()
	const t = "application/json"
	switch c.service + ":" + c.op {
	case "access-analyzer:ListAnalyzers":
		items, next := page(c, reg.Analyzers, c.r.URL.Query().Get("nextToken"), s.faults.PageSize)
		return render(c, t, "access-analyzer/ListAnalyzers", map[string]any{"Account": c.account.ID, "Region": c.region, "Items": items, "NextToken": next})
	case "macie2:GetMacieSession":
		if reg.Macie == "" {
			// What Macie answers where it is off: the permission-error code.
			s.fail(c, http.StatusForbidden, "AccessDeniedException", "Macie is not enabled.")
			return nil
		}
		return render(c, t, "macie2/GetMacieSession", map[string]any{"Account": c.account.ID, "Status": reg.Macie})
	case "securityhub:DescribeHub":
		if !reg.SecurityHub {
			s.fail(c, http.StatusBadRequest, "InvalidAccessException", "Account "+c.account.ID+" is not subscribed to AWS Security Hub")
			return nil
		}
		return render(c, t, "securityhub/DescribeHub", map[string]any{"Account": c.account.ID, "Region": c.region})
	}
	return fmt.Errorf("%s: unsupported request %s %s", c.service, c.r.Method, c.r.URL.Path)
}

func (s *Server) efs(c *call) error {
	if c.op != "DescribeFileSystems" {
		return fmt.Errorf("elasticfilesystem: unsupported request %s %s", c.r.Method, c.r.URL.Path)
	}
	marker := c.r.URL.Query().Get("Marker")
	items, next := page(c, c.regionData().FileSystems, marker, s.faults.PageSize)
	return render(c, "application/json", "elasticfilesystem/DescribeFileSystems", map[string]any{
		"Account": c.account.ID, "Region": c.region, "Items": items, "Marker": marker, "NextMarker": next})
}
