package model

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseCron(t *testing.T) {
	t.Parallel()
	from := time.Date(2026, 3, 28, 12, 0, 0, 0, time.UTC) // a Saturday, the eve of Europe's DST switch
	cases := []struct {
		name, expr, tz string
		next           time.Time
		err            string
	}{
		{"five fields in UTC", "0 2 * * *", "", time.Date(2026, 3, 29, 2, 0, 0, 0, time.UTC), ""},
		{"descriptor", "@daily", "", time.Date(2026, 3, 29, 0, 0, 0, 0, time.UTC), ""},
		{"every", "@every 6h", "", from.Add(6 * time.Hour), ""},
		{"weekdays in a zone", "30 6 * * 1-5", "Europe/Berlin", time.Date(2026, 3, 30, 4, 30, 0, 0, time.UTC), ""},
		{"four fields", "0 2 * *", "", time.Time{}, "expected exactly 5 fields"},
		{"seconds field refused", "0 0 2 * * *", "", time.Time{}, "expected exactly 5 fields"},
		{"inline zone refused", "CRON_TZ=Europe/Berlin 0 2 * * *", "", time.Time{}, "timezone attribute"},
		{"unknown zone", "@daily", "Mars/Olympus", time.Time{}, "not an IANA zone"},
		{"server zone refused", "@daily", "Local", time.Time{}, "not an IANA zone"},
		{"out of range", "61 * * * *", "", time.Time{}, "above maximum"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s, err := ParseCron(c.expr, c.tz)
			if c.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), c.err)
				return
			}
			require.NoError(t, err)
			assert.True(t, c.next.Equal(s.Next(from)), "next %v, want %v", s.Next(from).UTC(), c.next)
		})
	}
}

func TestScheduleAndNotifyDecode(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := `schedule "nightly" {
  cron       = "0 2 * * *"
  collect    = ["github", "aws"]
  frameworks = ["iso27001-2022"]
}
schedule "recorded" {
  cron             = "@hourly"
  evidence         = ["evidence"]
  training_records = "records.csv"
}
notify "ops" {
  webhook_env = "OPS_WEBHOOK"
  format      = "slack"
  on          = ["new_critical", "coverage_lost"]
}
notify "audit" {
  webhook = "https://hooks.example.com/rampart"
  on      = ["waiver_expired"]
}
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "s.hcl"), []byte(src), 0o644))
	ws, diags := Load(Input{Dir: dir, KnownControl: known})
	require.False(t, diags.HasErrors(), "%v", diags)
	require.Len(t, ws.Schedules, 2)
	assert.Equal(t, []string{"github", "aws"}, ws.Schedules[0].Collect)
	assert.NotNil(t, ws.Schedules[0].Spec)
	assert.Equal(t, "records.csv", ws.Schedules[1].TrainingRecords)
	require.Len(t, ws.Notifies, 2)
	assert.Equal(t, "slack", ws.Notifies[0].Format)
	assert.Equal(t, "json", ws.Notifies[1].Format, "json is the default format")

	assert.Empty(t, ws.CheckScheduleCollectors([]string{"aws", "github"}))
	d := ws.CheckScheduleCollectors([]string{"github"})
	require.Len(t, d, 1)
	assert.Equal(t, hcl.DiagError, d[0].Severity)
	assert.Contains(t, d[0].Detail, `collector "aws" is not one of github`)
	assert.Equal(t, 3, d[0].Subject.Start.Line)
	assert.Equal(t, 27, d[0].Subject.Start.Column, "points at the list element")
}

func TestWebhookErrorsNeverQuoteTheURL(t *testing.T) {
	t.Parallel()
	err := CheckWebhookURL("hooks.slack.com/services/T000/B000/XXXXsecret")
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "XXXXsecret")
	assert.NoError(t, CheckWebhookURL("https://hooks.slack.com/services/T000/B000/XXXXsecret"))
}

// TestCronAcrossDaylightSaving pins what docs/serve.md says about DST: a
// wall-clock time that does not exist that day is skipped, one that
// occurs twice runs twice (robfig/cron's rule; one audit at a time keeps
// the second from overlapping the first).
func TestCronAcrossDaylightSaving(t *testing.T) {
	t.Parallel()
	s, err := ParseCron("30 2 * * *", "Europe/Berlin")
	require.NoError(t, err)
	next := func(from time.Time, n int) []time.Time {
		var out []time.Time
		for range n {
			from = s.Next(from)
			out = append(out, from.UTC())
		}
		return out
	}
	assert.Equal(t, []time.Time{time.Date(2026, 3, 28, 1, 30, 0, 0, time.UTC), time.Date(2026, 3, 30, 0, 30, 0, 0, time.UTC)},
		next(time.Date(2026, 3, 27, 12, 0, 0, 0, time.UTC), 2), "02:30 does not exist on 29 March")
	assert.Equal(t, []time.Time{time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), time.Date(2026, 10, 26, 1, 30, 0, 0, time.UTC)},
		next(time.Date(2026, 10, 24, 12, 0, 0, 0, time.UTC), 3), "02:30 happens twice on 25 October")
}
