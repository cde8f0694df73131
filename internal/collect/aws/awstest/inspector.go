package awstest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Inspector is Amazon Inspector in one region of an account.
type Inspector struct {
	Status                       string // ENABLED, DISABLED …
	EC2, ECR, Lambda, LambdaCode string // each scan's status
	Findings                     []InspectorFinding
}

// InspectorFinding is an active Inspector finding.
type InspectorFinding struct {
	ID, Title, Severity string // Severity: CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNTRIAGED
	Type                string // PACKAGE_VULNERABILITY, NETWORK_REACHABILITY, CODE_VULNERABILITY
	CVE, Package        string
	ResourceType        string // AWS_EC2_INSTANCE, AWS_ECR_CONTAINER_IMAGE, AWS_LAMBDA_FUNCTION
	Resource            string
	Fix                 string // YES, NO, PARTIAL
	FirstSeen, LastSeen time.Time
}

// inspectorOperation names an Inspector2 REST request by its path.
func inspectorOperation(c *call) string {
	switch c.r.URL.Path {
	case "/status/batch/get":
		return "BatchGetAccountStatus"
	case "/findings/list":
		return "ListFindings"
	}
	return ""
}

// inspectorDisabled is a region where the account never turned Inspector on.
var inspectorDisabled = &Inspector{Status: "DISABLED", EC2: "DISABLED", ECR: "DISABLED", Lambda: "DISABLED", LambdaCode: "DISABLED"}

func (s *Server) inspector2(c *call) error {
	var in struct {
		NextToken string `json:"nextToken"`
	}
	if len(c.body) > 0 {
		if err := json.Unmarshal(c.body, &in); err != nil {
			s.fail(c, http.StatusBadRequest, "ValidationException", err.Error())
			return nil
		}
	}
	insp := c.regionData().Inspector
	if insp == nil {
		insp = inspectorDisabled
	}
	const t = "application/json"
	base := map[string]any{"Account": c.account.ID, "Region": c.region, "Inspector": insp}
	switch c.op {
	case "BatchGetAccountStatus":
		return render(c, t, "inspector2/BatchGetAccountStatus", base)
	case "ListFindings":
		if insp.Status == "DISABLED" {
			s.fail(c, http.StatusForbidden, "AccessDeniedException", "Invoking account does not have access to this resource")
			return nil
		}
		items, next := page(c, insp.Findings, in.NextToken, s.faults.PageSize)
		views := make([]map[string]any, len(items))
		for i, f := range items {
			views[i] = map[string]any{"F": f, "First": epoch(f.FirstSeen), "Last": epoch(f.LastSeen)}
		}
		base["Items"], base["NextToken"] = views, next
		return render(c, t, "inspector2/ListFindings", base)
	}
	return fmt.Errorf("inspector2: unsupported operation %q", c.op)
}
