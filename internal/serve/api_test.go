package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/docs/schema"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/store"
)

// openAPIDoc is openapi.json decoded, for walking its paths.
type openAPIDoc struct {
	Paths map[string]map[string]struct {
		Responses map[string]struct {
			Content map[string]struct {
				Schema json.RawMessage `json:"schema"`
			} `json:"content"`
		} `json:"responses"`
	} `json:"paths"`
}

const (
	docURL          = "https://rampart.invalid/openapi.json"
	reportSchemaURL = "https://rampart.invalid/report.schema.json"
)

func pointer(parts ...string) string {
	r := strings.NewReplacer("~", "~0", "/", "~1")
	for i, p := range parts {
		parts[i] = r.Replace(p)
	}
	return "/" + strings.Join(parts, "/")
}

func openAPICompiler(t *testing.T) *jsonschema.Compiler {
	t.Helper()
	schemaDoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(OpenAPI))
	require.NoError(t, err)
	compiler := jsonschema.NewCompiler()
	require.NoError(t, compiler.AddResource(docURL, schemaDoc))
	// Where the relative $refs to report.schema.json resolve: the route
	// beside openapi.json.
	reportDoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.Report))
	require.NoError(t, err)
	require.NoError(t, compiler.AddResource(reportSchemaURL, reportDoc))
	return compiler
}

// compileMu serialises Compile: a jsonschema.Compiler caches what it has
// compiled in plain maps, and the store subtests share one in parallel.
var compileMu sync.Mutex

// validateAnswer checks a body against the schema openapi.json gives the
// operation's response.
func validateAnswer(t *testing.T, compiler *jsonschema.Compiler, pattern, method string, status int, body []byte) {
	t.Helper()
	compileMu.Lock()
	defer compileMu.Unlock()
	sch, err := compiler.Compile(docURL + "#" + pointer("paths", pattern, strings.ToLower(method), "responses", strconv.Itoa(status), "content", "application/json", "schema"))
	require.NoError(t, err)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	require.NoError(t, err)
	require.NoError(t, sch.Validate(inst), "%s %s answered against its schema:\n%s", method, pattern, body)
}

// apiCase is one request of the contract test, against one server state.
type apiCase struct {
	pattern, method, path, body string
	status                      int
	check                       func(t *testing.T, body map[string]any)
}

// TestOpenAPIContract holds the route table and openapi.json to each
// other: every API route is described and every described operation is
// routed; every documented response is produced by some request below and
// every answer is documented and valid against its schema.
func TestOpenAPIContract(t *testing.T) {
	t.Parallel()
	var doc openAPIDoc
	require.NoError(t, json.Unmarshal(OpenAPI, &doc))
	compiler := openAPICompiler(t)

	routed := map[string]bool{}
	for _, rt := range routes {
		if !rt.api {
			continue
		}
		op := strings.ToLower(rt.method) + " " + rt.pattern
		routed[op] = true
		_, ok := doc.Paths[rt.pattern][strings.ToLower(rt.method)]
		assert.True(t, ok, "route %s is not in openapi.json", op)
	}
	documented := map[string]bool{} // "get /path 200"
	for p, ops := range doc.Paths {
		for m, o := range ops {
			assert.True(t, routed[m+" "+p], "openapi.json describes %s %s, which no route serves", m, p)
			for status := range o.Responses {
				documented[m+" "+p+" "+status] = true
			}
		}
	}

	exercised := map[string]bool{}
	run := func(t *testing.T, ts *testServer, cases []apiCase) {
		for _, c := range cases {
			var r *http.Request
			if c.method == http.MethodPost {
				r = post(c.path, c.body)
			} else {
				r = httptest.NewRequest(c.method, c.path, nil)
			}
			w := ts.do(t, r, c.status != http.StatusUnauthorized)
			require.Equal(t, c.status, w.Code, "%s %s: %s", c.method, c.path, w.Body.String())
			key := strings.ToLower(c.method) + " " + c.pattern + " " + strconv.Itoa(c.status)
			require.True(t, documented[key], "%s answered %d, which openapi.json does not document", c.path, c.status)
			exercised[key] = true
			validateAnswer(t, compiler, c.pattern, c.method, c.status, w.Body.Bytes())
			if c.check != nil {
				var v map[string]any
				require.NoError(t, json.Unmarshal(w.Body.Bytes(), &v))
				c.check(t, v)
			}
		}
	}

	st, first, second := nightRuns(t)
	// A third run that was cut short: listed, without findings.
	id, err := st.Begin(context.Background(), store.Start{Trigger: "api", Workspace: "examples/acme", StartedAt: second.GeneratedAt})
	require.NoError(t, err)
	require.NoError(t, st.Abort(context.Background(), id, "interrupted: the server shut down"))
	release := make(chan struct{})
	full := newTestServer(t, st, func(o *Options) {
		o.Schedules = append(o.Schedules, schedule(t, "nightly", "0 2 * * *", "github"))
		o.Audit = func(ctx context.Context, _ Job) (store.RunID, error) { <-release; return 0, fmt.Errorf("test auditor") }
	})
	full.Scheduler().Start(full.clock.Now())
	fp := second.Findings[0].Fingerprint
	var cases []apiCase
	for p, ops := range doc.Paths {
		for m := range ops {
			path := strings.NewReplacer("{id}", "1", "{fingerprint}", fp).Replace(p)
			cases = append(cases, apiCase{pattern: p, method: strings.ToUpper(m), path: path, status: 401})
		}
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].path+cases[i].method < cases[j].path+cases[j].method })
	cases = append(cases,
		apiCase{pattern: "/api/v1/openapi.json", method: "GET", path: "/api/v1/openapi.json", status: 200},
		apiCase{pattern: "/api/v1/report.schema.json", method: "GET", path: "/api/v1/report.schema.json", status: 200, check: func(t *testing.T, b map[string]any) {
			assert.Equal(t, "https://github.com/rampart-audit/rampart/docs/schema/report.schema.json", b["$id"])
		}},
		apiCase{pattern: "/api/v1/runs", method: "GET", path: "/api/v1/runs", status: 200, check: func(t *testing.T, b map[string]any) {
			runs := b["runs"].([]any)
			require.Len(t, runs, 3)
			assert.Equal(t, "incomplete", runs[0].(map[string]any)["state"], "newest first, incomplete runs listed")
			assert.Equal(t, "interrupted: the server shut down", runs[0].(map[string]any)["reason"])
		}},
		apiCase{pattern: "/api/v1/runs", method: "GET", path: "/api/v1/runs?limit=1", status: 200, check: func(t *testing.T, b map[string]any) {
			assert.Len(t, b["runs"], 1)
		}},
		apiCase{pattern: "/api/v1/runs", method: "GET", path: "/api/v1/runs?limit=0", status: 400},
		apiCase{pattern: "/api/v1/runs/{id}", method: "GET", path: "/api/v1/runs/2", status: 200, check: func(t *testing.T, b map[string]any) {
			ev := b["evidence"].(map[string]any)
			assert.Len(t, ev["not_collected"], len(second.Evidence.NotCollected))
		}},
		apiCase{pattern: "/api/v1/runs/{id}", method: "GET", path: "/api/v1/runs/3", status: 200, check: func(t *testing.T, b map[string]any) {
			assert.NotContains(t, b, "evidence", "an incomplete run has no report")
		}},
		apiCase{pattern: "/api/v1/runs/{id}", method: "GET", path: "/api/v1/runs/x", status: 400},
		apiCase{pattern: "/api/v1/runs/{id}", method: "GET", path: "/api/v1/runs/99", status: 404},
		apiCase{pattern: "/api/v1/runs/{id}/findings", method: "GET", path: "/api/v1/runs/1/findings", status: 200, check: func(t *testing.T, b map[string]any) {
			assert.EqualValues(t, len(first.Findings), b["total"], "pass included")
		}},
		apiCase{pattern: "/api/v1/runs/{id}/findings", method: "GET", path: "/api/v1/runs/2/findings?status=fail&severity=critical", status: 200, check: func(t *testing.T, b map[string]any) {
			fs := b["findings"].([]any)
			require.NotEmpty(t, fs)
			for _, f := range fs {
				assert.Equal(t, "fail", f.(map[string]any)["status"])
				assert.Equal(t, "critical", f.(map[string]any)["severity"])
			}
			assert.Contains(t, fmt.Sprint(fs), "[REDACTED:", "the token in a message is redacted")
			assert.NotContains(t, fmt.Sprint(fs), secretInMessage)
		}},
		apiCase{pattern: "/api/v1/runs/{id}/findings", method: "GET", path: "/api/v1/runs/2/findings?system=shop&status=pass&status=fail", status: 200, check: func(t *testing.T, b map[string]any) {
			for _, f := range b["findings"].([]any) {
				m := f.(map[string]any)
				assert.Equal(t, "shop", m["resource"].(map[string]any)["system"])
				assert.Contains(t, []any{"pass", "fail"}, m["status"])
			}
		}},
		apiCase{pattern: "/api/v1/runs/{id}/findings", method: "GET", path: "/api/v1/runs/2/findings?status=passed", status: 400},
		apiCase{pattern: "/api/v1/runs/{id}/findings", method: "GET", path: "/api/v1/runs/99/findings", status: 404},
		apiCase{pattern: "/api/v1/runs/{id}/findings", method: "GET", path: "/api/v1/runs/3/findings", status: 409},
		apiCase{pattern: "/api/v1/diff", method: "GET", path: "/api/v1/diff", status: 200, check: func(t *testing.T, b map[string]any) {
			assert.EqualValues(t, 1, b["from"].(map[string]any)["id"])
			assert.EqualValues(t, 2, b["to"].(map[string]any)["id"])
			assert.Len(t, b["regressed"], 1, "the pass that now fails")
			assert.Len(t, b["resolved"], 1)
			assert.Len(t, b["unverified"], 1, "a failure the later run has no result for is not resolved")
			assert.Len(t, b["waivers_ended"], 1)
			assert.Len(t, b["coverage_lost"], 1)
		}},
		apiCase{pattern: "/api/v1/diff", method: "GET", path: "/api/v1/diff?from=2&to=1", status: 200},
		apiCase{pattern: "/api/v1/diff", method: "GET", path: "/api/v1/diff?from=1", status: 400},
		apiCase{pattern: "/api/v1/diff", method: "GET", path: "/api/v1/diff?from=1&to=99", status: 404},
		apiCase{pattern: "/api/v1/diff", method: "GET", path: "/api/v1/diff?from=1&to=3", status: 409},
		apiCase{pattern: "/api/v1/trends", method: "GET", path: "/api/v1/trends", status: 200, check: func(t *testing.T, b map[string]any) {
			runs := b["runs"].([]any)
			require.Len(t, runs, 2, "complete runs only")
			assert.EqualValues(t, 1, runs[0].(map[string]any)["run"], "oldest first")
			assert.Len(t, b["risks"], len(second.Risks))
			assert.NotEmpty(t, b["controls"])
		}},
		apiCase{pattern: "/api/v1/trends", method: "GET", path: "/api/v1/trends?limit=x", status: 400},
		apiCase{pattern: "/api/v1/findings/{fingerprint}/history", method: "GET", path: "/api/v1/findings/" + fp + "/history", status: 200, check: func(t *testing.T, b map[string]any) {
			assert.Len(t, b["history"], 2)
		}},
		apiCase{pattern: "/api/v1/findings/{fingerprint}/history", method: "GET", path: "/api/v1/findings/0000/history", status: 404},
		apiCase{pattern: "/api/v1/systems", method: "GET", path: "/api/v1/systems", status: 200, check: func(t *testing.T, b map[string]any) {
			var names []string
			for _, s := range b["systems"].([]any) {
				names = append(names, s.(map[string]any)["system"].(string))
			}
			assert.Contains(t, names, "shop")
			claimed := slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == unclaimed })
			assert.True(t, slices.IsSorted(claimed), "systems by name: %v", names)
			if i := slices.Index(names, unclaimed); i >= 0 {
				assert.Equal(t, len(names)-1, i, "unclaimed resources last")
			}
		}},
		apiCase{pattern: "/api/v1/schedules", method: "GET", path: "/api/v1/schedules", status: 200, check: func(t *testing.T, b map[string]any) {
			s := b["schedules"].([]any)[0].(map[string]any)
			assert.Equal(t, "nightly", s["name"])
			assert.Equal(t, "UTC", s["timezone"])
			assert.Equal(t, "2026-12-01T02:00:00Z", s["next"])
			assert.Nil(t, b["running"])
		}},
		apiCase{pattern: "/api/v1/runs", method: "POST", path: "/api/v1/runs", body: `{"schedule":"weekly"}`, status: 400},
		apiCase{pattern: "/api/v1/runs", method: "POST", path: "/api/v1/runs", body: `{"scheduled":"nightly"}`, status: 400},
		apiCase{pattern: "/api/v1/runs", method: "POST", path: "/api/v1/runs", body: `{"schedule":"nightly"}`, status: 202},
		apiCase{pattern: "/api/v1/runs", method: "POST", path: "/api/v1/runs", status: 409},
		apiCase{pattern: "/api/v1/schedules", method: "GET", path: "/api/v1/schedules", status: 200, check: func(t *testing.T, b map[string]any) {
			assert.Equal(t, "api", b["running"].(map[string]any)["trigger"])
		}},
	)
	run(t, full, cases)
	close(release)
	full.Scheduler().Shutdown(0)
	run(t, full, []apiCase{{pattern: "/api/v1/runs", method: "POST", path: "/api/v1/runs", status: 503}})

	empty := newTestServer(t, &memStore{}, nil)
	run(t, empty, []apiCase{
		{pattern: "/api/v1/systems", method: "GET", path: "/api/v1/systems", status: 404},
		{pattern: "/api/v1/diff", method: "GET", path: "/api/v1/diff", status: 404},
		{pattern: "/api/v1/runs", method: "GET", path: "/api/v1/runs", status: 200, check: func(t *testing.T, b map[string]any) {
			assert.Empty(t, b["runs"])
		}},
	})

	var missing []string
	for k := range documented {
		if !exercised[k] {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	assert.Empty(t, missing, "documented responses no request produced")
}

func TestProbes(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	ts := newTestServer(t, st, nil)
	for _, p := range []string{"/healthz", "/readyz"} {
		w := ts.do(t, httptest.NewRequest(http.MethodGet, p, nil), false)
		assert.Equal(t, http.StatusOK, w.Code, p)
	}
	st.broken = fmt.Errorf("no such table: runs (token ghp_abcdefghijklmnopqrstuvwxyz0123456789)")
	w := ts.do(t, httptest.NewRequest(http.MethodGet, "/readyz", nil), false)
	assert.Equal(t, http.StatusServiceUnavailable, w.Code)
	assert.Contains(t, w.Body.String(), "no such table")
	assert.NotContains(t, w.Body.String(), "ghp_abcdefghij", "redacted")
	w = ts.do(t, httptest.NewRequest(http.MethodGet, "/healthz", nil), false)
	assert.Equal(t, http.StatusOK, w.Code, "the process is up even when the store is not")
}

func TestFilterIsExact(t *testing.T) {
	t.Parallel()
	fs := []finding.Finding{
		{ControlID: "A", Status: finding.Fail, Severity: finding.High, Resource: &finding.ResourceRef{System: "shop"}},
		{ControlID: "A", Status: finding.Pass, Severity: finding.High, Resource: &finding.ResourceRef{}},
		{ControlID: "B", Status: finding.Fail, Severity: finding.Low, Resource: &finding.ResourceRef{System: "shop"}},
	}
	cases := []struct {
		name string
		f    filter
		want int
	}{
		{"none", filter{}, 3},
		{"status", filter{status: []finding.Status{finding.Fail}}, 2},
		{"severity", filter{severity: []finding.Severity{finding.Low}}, 1},
		{"control", filter{control: "A"}, 2},
		{"system", filter{system: "shop", hasSys: true}, 2},
		{"unclaimed", filter{system: "", hasSys: true}, 1},
		{"all at once", filter{status: []finding.Status{finding.Fail}, control: "A", system: "shop", hasSys: true}, 1},
	}
	for _, c := range cases {
		assert.Len(t, c.f.apply(fs), c.want, c.name)
	}
}
