package awstest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// GuardDutyFeature is a protection plan of the region's detector.
type GuardDutyFeature struct {
	Name       string            // S3_DATA_EVENTS, EKS_AUDIT_LOGS, RUNTIME_MONITORING …
	Status     string            // ENABLED, DISABLED
	Additional map[string]string // additional configuration name → status
}

// GuardDutyFinding is a finding of the region's detector.
type GuardDutyFinding struct {
	ID, Type, Title string
	Severity        float64
	ResourceType    string // Instance, AccessKey, S3Bucket …
	InstanceID      string // for ResourceType Instance
	UserName        string // for ResourceType AccessKey
	Created         time.Time
	Updated         time.Time
	Archived        bool
	Count           int
}

// guardDutyOperation names a GuardDuty REST request by its path.
func guardDutyOperation(c *call) string {
	p := strings.TrimSuffix(c.r.URL.Path, "/")
	switch {
	case p == "/detector":
		return "ListDetectors"
	case strings.HasSuffix(p, "/findings/get"):
		return "GetFindings"
	case strings.HasSuffix(p, "/findings"):
		return "ListFindings"
	case strings.HasPrefix(p, "/detector/") && strings.Count(p, "/") == 2:
		return "GetDetector"
	}
	return ""
}

// guardDutyFindings answers ListFindings (the open findings when the
// criterion asks for service.archived = false, as the collector does) and
// GetFindings.
func (s *Server) guardDutyFindings(c *call) error {
	var in struct {
		NextToken       string   `json:"nextToken"`
		FindingIDs      []string `json:"findingIds"`
		FindingCriteria struct {
			Criterion map[string]struct {
				Equals []string `json:"equals"`
				Eq     []string `json:"eq"`
			} `json:"criterion"`
		} `json:"findingCriteria"`
	}
	if len(c.body) > 0 {
		if err := json.Unmarshal(c.body, &in); err != nil {
			s.fail(c, http.StatusBadRequest, "BadRequestException", err.Error())
			return nil
		}
	}
	findings := c.regionData().GuardDutyFindings
	const t = "application/json"
	base := map[string]any{"Account": c.account.ID, "Region": c.region}
	switch c.op {
	case "ListFindings":
		archived := in.FindingCriteria.Criterion["service.archived"]
		want := append(archived.Equals, archived.Eq...)
		var matched []GuardDutyFinding
		for _, f := range findings {
			if len(want) == 0 || slices.Contains(want, fmt.Sprint(f.Archived)) {
				matched = append(matched, f)
			}
		}
		items, next := page(c, matched, in.NextToken, s.faults.PageSize)
		base["Items"], base["NextToken"] = items, next
		return render(c, t, "guardduty/ListFindings", base)
	case "GetFindings":
		var out []GuardDutyFinding
		for _, id := range in.FindingIDs {
			for _, f := range findings {
				if f.ID == id {
					out = append(out, f)
				}
			}
		}
		base["Items"] = out
		return render(c, t, "guardduty/GetFindings", base)
	}
	return fmt.Errorf("guardduty: unsupported operation %q", c.op)
}
