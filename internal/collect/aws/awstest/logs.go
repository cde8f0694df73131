package awstest

import (
	"encoding/json"
	"net/http"
)

// LogGroup is a CloudWatch Logs log group.
type LogGroup struct {
	Name string
	// RetentionDays is retentionInDays; 0 leaves it out of the answer,
	// which is how CloudWatch Logs says "never expire".
	RetentionDays int
	// RetentionPolicy names the account-level retention policy that sets
	// RetentionDays; "" is the group's own setting.
	RetentionPolicy string
	KMSKey          string // kmsKeyId (an ARN); "" is CloudWatch Logs' own encryption
	Class           string // logGroupClass; "" leaves it out of the answer
	DataProtection  string // dataProtectionStatus; "" is none
}

// logs answers CloudWatch Logs (AWS JSON 1.1, target prefix Logs_20140328):
// DescribeLogGroups here, the metric filters in jsonService.
func (s *Server) logs(c *call) error {
	if c.op != "DescribeLogGroups" {
		return s.jsonService(c)
	}
	var in struct {
		NextToken string `json:"nextToken"`
	}
	if len(c.body) > 0 {
		if err := json.Unmarshal(c.body, &in); err != nil {
			s.fail(c, http.StatusBadRequest, "SerializationException", err.Error())
			return nil
		}
	}
	items, next := page(c, c.regionData().LogGroups, in.NextToken, s.faults.PageSize)
	return render(c, jsonType, "logs/DescribeLogGroups", map[string]any{"Account": c.account.ID, "Region": c.region, "Items": items, "NextToken": next})
}
