package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/store"
)

const serveToken = "cli-test-token-0123456789"

func TestServeRefusesToStartUnsafely(t *testing.T) {
	t.Parallel()
	badSchedule := t.TempDir()
	src, err := os.ReadFile("../../examples/acme/people.hcl")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(badSchedule, "people.hcl"), src, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(badSchedule, "schedule.hcl"), []byte("schedule \"x\" {\n  cron    = \"@daily\"\n  collect = [\"gitlab\"]\n}\n"+
		"schedule \"y\" {\n  cron             = \"@daily\"\n  frameworks       = [\"iso9001\"]\n  training_records = \"missing.csv\"\n}\n"), 0o644))
	cases := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"no authentication", nil, nil, "no authentication: set RAMPART_SERVE_TOKEN"},
		{"short token", map[string]string{"RAMPART_SERVE_TOKEN": "short"}, nil, "RAMPART_SERVE_TOKEN is 5 characters; use at least 16"},
		{"header without trust", nil, []string{"--auth-header", "X-Forwarded-User"}, "--auth-header needs --trust-proxy"},
		{"trust without header", nil, []string{"--trust-proxy"}, "--trust-proxy needs --auth-header"},
		{"both", map[string]string{"RAMPART_SERVE_TOKEN": serveToken}, []string{"--trust-proxy", "--auth-header", "X-User"}, "not both"},
		{"unknown collector", map[string]string{"RAMPART_SERVE_TOKEN": serveToken}, []string{"--workspace-dir", badSchedule}, "schedule.hcl line 3, in schedule \"x\":\n   3:   collect = [\"gitlab\"]\n\nschedule \"x\": collector \"gitlab\" is not one of aws, github."},
		{"unknown framework", map[string]string{"RAMPART_SERVE_TOKEN": serveToken}, []string{"--workspace-dir", badSchedule}, "schedule.hcl line 7, in schedule \"y\":\n   7:   frameworks       = [\"iso9001\"]"},
		{"missing training records", map[string]string{"RAMPART_SERVE_TOKEN": serveToken}, []string{"--workspace-dir", badSchedule}, "schedule.hcl line 8, in schedule \"y\":\n   8:   training_records = \"missing.csv\""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ws := "../../examples/acme"
			args := []string{}
			for i := 0; i < len(c.args); i++ {
				if c.args[i] == "--workspace-dir" {
					ws = c.args[i+1]
					i++
					continue
				}
				args = append(args, c.args[i])
			}
			var stderr strings.Builder
			code := Run(context.Background(), append([]string{"serve", ws, "--store", "file:" + filepath.Join(t.TempDir(), "runs.db"), "--addr", "127.0.0.1:0"}, args...), Params{
				Stdout: io.Discard, Stderr: &stderr, Getenv: func(k string) string { return c.env[k] },
			})
			assert.Equal(t, 2, code, stderr.String())
			assert.Contains(t, stderr.String(), c.want)
		})
	}
}

// lines feeds the command's log to the test line by line, so the test
// waits for what the server says instead of sleeping.
func lines(t *testing.T, r io.Reader) <-chan string {
	ch := make(chan string, 1024)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			ch <- sc.Text()
		}
	}()
	return ch
}

func waitFor(t *testing.T, log <-chan string, re *regexp.Regexp) []string {
	t.Helper()
	timeout := time.After(2 * time.Minute)
	for {
		select {
		case l, ok := <-log:
			require.True(t, ok, "the log ended before %s", re)
			if m := re.FindStringSubmatch(l); m != nil {
				return m
			}
		case <-timeout:
			t.Fatalf("no log line matching %s", re)
		}
	}
}

// TestServeRecordsARunAndServesIt runs `rampart serve examples/acme` on a
// SQLite store, starts a run through the API, reads it back through the
// API, the dashboard and the metrics, and stops it as SIGINT would.
func TestServeRecordsARunAndServesIt(t *testing.T) {
	t.Parallel()
	dbPath := filepath.Join(t.TempDir(), "runs.db")
	pr, pw := io.Pipe()
	log := lines(t, pr)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	exited := make(chan int, 1)
	go func() {
		exited <- Run(ctx, []string{"serve", "../../examples/acme", "--store", "file:" + dbPath, "--addr", "127.0.0.1:0", "--grace", "1m"}, Params{
			Stdout: io.Discard, Stderr: pw, Now: time.Now,
			Getenv: func(k string) string { return map[string]string{"RAMPART_SERVE_TOKEN": serveToken}[k] },
		})
		pw.Close()
	}()
	m := waitFor(t, log, regexp.MustCompile(`^rampart serve: \.\./\.\./examples/acme on (http://127\.0\.0\.1:\d+)/ \(store .*runs\.db; runs: in this process; schedules: nightly\)$`))
	base := m[1]

	call := func(method, path string) (int, []byte) {
		req, err := http.NewRequest(method, base+path, nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+serveToken)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, body
	}
	resp, err := http.Get(base + "/api/v1/runs")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)

	code, body := call(http.MethodPost, "/api/v1/runs")
	require.Equal(t, http.StatusAccepted, code, string(body))
	waitFor(t, log, regexp.MustCompile(`^serve: run 1 \(api\): complete: \d+ findings`))

	code, body = call(http.MethodGet, "/api/v1/runs")
	require.Equal(t, http.StatusOK, code)
	var runs struct {
		Runs []struct {
			ID      int    `json:"id"`
			State   string `json:"state"`
			Trigger string `json:"trigger"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal(body, &runs))
	require.Len(t, runs.Runs, 1)
	assert.Equal(t, "complete", runs.Runs[0].State)
	assert.Equal(t, "api", runs.Runs[0].Trigger)

	code, body = call(http.MethodGet, "/api/v1/runs/1/findings?status=fail&severity=critical")
	require.Equal(t, http.StatusOK, code)
	assert.Contains(t, string(body), `"control_id":"AWS-EC2-001"`)
	code, body = call(http.MethodGet, "/")
	require.Equal(t, http.StatusOK, code)
	assert.Contains(t, string(body), "Run 1")
	assert.Contains(t, string(body), "nightly")
	code, body = call(http.MethodGet, "/metrics")
	require.Equal(t, http.StatusOK, code)
	assert.Contains(t, string(body), `rampart_runs_total{result="complete"} 1`)
	code, _ = call(http.MethodGet, "/readyz")
	assert.Equal(t, http.StatusOK, code)

	// Like the nightly schedule: its framework view and training records.
	req, err := http.NewRequest(http.MethodPost, base+"/api/v1/runs", strings.NewReader(`{"schedule":"nightly"}`))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+serveToken)
	resp, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusAccepted, resp.StatusCode)
	waitFor(t, log, regexp.MustCompile(`^serve: run 2 \(api\): complete`))

	cancel() // SIGINT
	waitFor(t, log, regexp.MustCompile(`^rampart serve: stopped$`))
	assert.Equal(t, 0, <-exited)

	st, err := store.Open(context.Background(), "file:"+dbPath)
	require.NoError(t, err)
	defer st.Close()
	rec, err := st.Get(context.Background(), 1)
	require.NoError(t, err)
	assert.Equal(t, store.Complete, rec.State)
	assert.Empty(t, rec.Report.Frameworks, "a run without a schedule: recorded evidence, no framework view")
	rec, err = st.Get(context.Background(), 2)
	require.NoError(t, err)
	assert.Equal(t, store.Complete, rec.State)
	require.Len(t, rec.Report.Frameworks, 1, "the schedule's frameworks")
	assert.Contains(t, rec.Report.Frameworks[0].Name, "27001")
}
