package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// collectedSnapshot is one AWS account with a multi-region trail that
// delivers to CloudWatch Logs, and no metric filter; collected is the
// snapshot's "collected" member, or "" for a snapshot written before it.
func collectedSnapshot(collected string) string {
	s := `{"schema": "rampart.evidence/v1", "collectors": ["aws"],`
	if collected != "" {
		s += ` "collected": ` + collected + `,`
	}
	return s + ` "resources": [
  {"type": "aws.account", "id": "arn:aws:iam::111122223333:root", "scope": {"platform": "aws", "account_id": "111122223333"},
   "attributes": {"account_id": "111122223333"}},
  {"type": "aws.cloudtrail.trail", "id": "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main",
   "scope": {"platform": "aws", "account_id": "111122223333", "region": "eu-west-1"},
   "attributes": {"name": "main", "is_multi_region_trail": true, "is_logging": true, "s3_bucket_name": "logs",
     "cloud_watch_logs_log_group_arn": "arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail:*"}}]}`
}

// TestAuditSnapshotMissingAType: a snapshot that lists the trails it read
// but not the metric filters cannot make "no metric filter exists" a
// failure: the CIS 4.x controls are not_evaluated naming the type and the
// scope (exit 3), while the trail controls, whose type is listed, judge.
// A snapshot without the list says so once in the warnings.
func TestAuditSnapshotMissingAType(t *testing.T) {
	t.Parallel()
	const withoutFilters = `[
  {"scope": {"platform": "aws", "account_id": "111122223333"}, "types": ["aws.account", "aws.s3.bucket"]},
  {"scope": {"platform": "aws", "account_id": "111122223333", "region": "eu-west-1"},
   "types": ["aws.cloudtrail.trail", "aws.cloudwatch.alarm", "aws.sns.subscription"]}]`
	for _, tc := range []struct {
		name, collected, cw001, ct010 string
		warnings                      int
	}{
		{"metric filters not listed", withoutFilters,
			"related metric_filters: aws.logs.metric_filter was not collected for aws:111122223333/eu-west-1", "pass", 0},
		{"no list at all (a snapshot from before it)", "",
			"related alarms: aws.cloudwatch.alarm was not collected for aws:111122223333: the snapshot does not say which types it collected", "not_evaluated", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ev := filepath.Join(t.TempDir(), "aws.json")
			require.NoError(t, os.WriteFile(ev, []byte(collectedSnapshot(tc.collected)), 0o644))
			r := run(t, "audit", "testdata/small", "--evidence", ev, "--format", "json")
			require.Equal(t, 3, r.code, r.stderr)
			var rep struct {
				Findings []struct {
					ControlID string `json:"control_id"`
					Status    string `json:"status"`
					Message   string `json:"message"`
				} `json:"findings"`
				Warnings []string `json:"warnings"`
			}
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
			status := map[string]string{}
			for _, f := range rep.Findings {
				status[f.ControlID] = f.Status
				if f.ControlID == "AWS-CW-001" {
					assert.Equal(t, "not_evaluated", f.Status)
					assert.Contains(t, f.Message, tc.cw001)
				}
			}
			require.Contains(t, status, "AWS-CW-001")
			assert.Equal(t, tc.ct010, status["AWS-CT-010"], "the trail control on the listed trails")
			unlisted := 0
			for _, w := range rep.Warnings {
				if strings.Contains(w, "does not list the resource types it collected") {
					unlisted++
				}
			}
			assert.Equal(t, tc.warnings, unlisted, "%q", rep.Warnings)
		})
	}
}
