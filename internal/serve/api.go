package serve

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/rampart-audit/rampart/docs/schema"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/history"
	"github.com/rampart-audit/rampart/internal/redact"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/store"
)

// OpenAPI is the API's description, served at /api/v1/openapi.json; the
// contract test holds it and the routes to each other.
//
//go:embed openapi.json
var OpenAPI []byte

// route is one registered endpoint. The router is built from routes, and
// the contract test walks the same table against OpenAPI.
type route struct {
	method, pattern string
	api             bool // described in openapi.json
	handle          func(s *Server, w http.ResponseWriter, r *http.Request)
}

var routes = []route{
	{"GET", "/healthz", false, (*Server).healthz},
	{"GET", "/readyz", false, (*Server).readyz},
	{"GET", "/metrics", false, func(s *Server, w http.ResponseWriter, r *http.Request) { s.metrics.handler().ServeHTTP(w, r) }},
	{"GET", "/login", false, (*Server).loginPage},
	{"POST", "/login", false, (*Server).loginPage},
	{"GET", "/api/v1/openapi.json", true, func(_ *Server, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(OpenAPI)
	}},
	// The report shapes of openapi.json $ref this document (relative to
	// it), so they are the report schema itself, not a copy of it.
	{"GET", "/api/v1/report.schema.json", true, func(_ *Server, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(schema.Report)
	}},
	{"GET", "/api/v1/runs", true, (*Server).apiRuns},
	{"POST", "/api/v1/runs", true, (*Server).apiTrigger},
	{"GET", "/api/v1/runs/{id}", true, (*Server).apiRun},
	{"GET", "/api/v1/runs/{id}/findings", true, (*Server).apiFindings},
	{"GET", "/api/v1/diff", true, (*Server).apiDiff},
	{"GET", "/api/v1/trends", true, (*Server).apiTrends},
	{"GET", "/api/v1/findings/{fingerprint}/history", true, (*Server).apiHistory},
	{"GET", "/api/v1/systems", true, (*Server).apiSystems},
	{"GET", "/api/v1/schedules", true, (*Server).apiSchedules},
	{"GET", "/{$}", false, (*Server).pageLatest},
	{"GET", "/runs/{id}", false, (*Server).pageRun},
	{"POST", "/runs", false, (*Server).pageTrigger},
	{"GET", "/systems/{system}", false, (*Server).pageSystem},
	{"GET", "/findings/{fingerprint}", false, (*Server).pageFinding},
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range routes {
		mux.HandleFunc(rt.method+" "+rt.pattern, func(w http.ResponseWriter, r *http.Request) { rt.handle(s, w, r) })
	}
	// Cross-origin POSTs from a browser are refused before anything else:
	// behind an authenticating proxy the browser's proxy cookie would
	// otherwise let any site start audits.
	return securityHeaders(http.NewCrossOriginProtection().Handler(s.authenticate(mux)))
}

// maxFormBytes bounds the dashboard's forms (a token, a schedule name).
const maxFormBytes = 4096

// securityHeaders: no script, style or image from anywhere but the page
// itself, no framing, no sniffing.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// Pinger is a store that can say it is reachable and migrated; a store
// without it is probed by listing one run, which reads the migrated schema.
type Pinger interface {
	Ping(ctx context.Context) error
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	var err error
	if p, ok := s.opts.Store.(Pinger); ok {
		err = p.Ping(ctx)
	} else {
		_, err = s.opts.Store.Runs(ctx, 1)
	}
	if err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "error": redact.String(err.Error())})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

// apiRun is a run as the API shows it.
type apiRun struct {
	ID                 store.RunID     `json:"id"`
	State              store.State     `json:"state"`
	Reason             string          `json:"reason,omitempty"`
	Trigger            string          `json:"trigger"`
	Workspace          string          `json:"workspace"`
	Collectors         []string        `json:"collectors"`
	StartedAt          time.Time       `json:"started_at"`
	FinishedAt         *time.Time      `json:"finished_at,omitempty"`
	CatalogVersion     string          `json:"catalog_version,omitempty"`
	Summary            finding.Summary `json:"summary"`
	EvidenceIncomplete bool            `json:"evidence_incomplete"`
	Resources          int             `json:"resources"`
	// Queued: rampart worker processes run it (a PostgreSQL store), so a
	// running, queued run is waiting for or being worked by them.
	Queued bool `json:"queued"`
	// Incremental: results of an earlier run were reused where every input
	// was unchanged; ResultsReused is how many.
	Incremental   bool `json:"incremental"`
	ResultsReused int  `json:"results_reused"`
}

func toAPIRun(r store.Run) apiRun {
	out := apiRun{ID: r.ID, State: r.State, Reason: r.Reason, Trigger: r.Trigger, Workspace: r.Workspace,
		Collectors: r.Collectors, StartedAt: r.StartedAt.UTC(), CatalogVersion: r.CatalogVersion, Summary: r.Summary,
		EvidenceIncomplete: r.EvidenceIncomplete, Resources: r.Resources, Queued: r.Queued,
		Incremental: r.Incremental, ResultsReused: r.Reused}
	if out.Collectors == nil {
		out.Collectors = []string{}
	}
	if !r.FinishedAt.IsZero() {
		f := r.FinishedAt.UTC()
		out.FinishedAt = &f
	}
	return out
}

func (s *Server) apiRuns(w http.ResponseWriter, r *http.Request) {
	limit, ok := intParam(w, r, "limit", 50, 1, 1000)
	if !ok {
		return
	}
	runs, err := s.opts.Store.Runs(r.Context(), limit)
	if err != nil {
		s.storeError(w, err)
		return
	}
	out := make([]apiRun, 0, len(runs))
	for _, run := range runs {
		out = append(out, toAPIRun(run))
	}
	writeJSON(w, http.StatusOK, map[string]any{"runs": out})
}

func (s *Server) apiTrigger(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Schedule string `json:"schedule"`
	}
	if r.ContentLength != 0 {
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			writeProblem(w, http.StatusBadRequest, "request body: "+err.Error())
			return
		}
	}
	job, err := s.jobFor(req.Schedule)
	if err != nil {
		writeProblem(w, http.StatusBadRequest, err.Error())
		return
	}
	if err := s.scheduler.Trigger(job); err != nil {
		status := http.StatusServiceUnavailable
		if errors.Is(err, ErrBusy) {
			status = http.StatusConflict
		}
		writeProblem(w, status, err.Error())
		return
	}
	w.Header().Set("Location", "/api/v1/runs")
	writeJSON(w, http.StatusAccepted, map[string]string{"status": "started", "trigger": job.Trigger, "schedule": job.Schedule})
}

// jobFor is an API run: like the named schedule, or over the workspace's
// recorded evidence.
func (s *Server) jobFor(schedule string) (Job, error) {
	if schedule == "" {
		return Job{Trigger: "api"}, nil
	}
	for _, sc := range s.opts.Schedules {
		if sc.Name == schedule {
			j := JobOf(sc)
			j.Trigger = "api"
			return j, nil
		}
	}
	return Job{}, fmt.Errorf("no schedule %q in the workspace", schedule)
}

// recorded reads a complete run with its report redacted: pages and API
// answers never carry what a control quoted from the evidence.
func (s *Server) recorded(ctx context.Context, id store.RunID) (*store.Recorded, error) {
	rec, err := s.opts.Store.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if rec.Report != nil {
		safe, err := redact.Value(rec.Report)
		if err != nil {
			return nil, fmt.Errorf("redact run %d: %w", id, err)
		}
		cp := *rec
		cp.Report = safe
		rec = &cp
	}
	return rec, nil
}

func (s *Server) runParam(w http.ResponseWriter, r *http.Request) (*store.Recorded, bool) {
	n, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || n < 1 {
		writeProblem(w, http.StatusBadRequest, "run ID must be a positive integer")
		return nil, false
	}
	rec, err := s.recorded(r.Context(), store.RunID(n))
	if err != nil {
		s.storeError(w, err)
		return nil, false
	}
	return rec, true
}

func (s *Server) apiRun(w http.ResponseWriter, r *http.Request) {
	rec, ok := s.runParam(w, r)
	if !ok {
		return
	}
	out := map[string]any{"run": toAPIRun(rec.Run)}
	if rec.Report != nil {
		out["evidence"] = rec.Report.Evidence
		out["warnings"] = nonNilStrings(rec.Report.Warnings)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiFindings(w http.ResponseWriter, r *http.Request) {
	rec, ok := s.runParam(w, r)
	if !ok {
		return
	}
	if rec.Report == nil {
		writeProblem(w, http.StatusConflict, fmt.Sprintf("run %d is %s: it has no findings (%s)", rec.ID, rec.State, rec.Reason))
		return
	}
	f, err := parseFilter(r)
	if err != nil {
		writeProblem(w, http.StatusBadRequest, err.Error())
		return
	}
	out := f.apply(rec.Report.Findings)
	writeJSON(w, http.StatusOK, map[string]any{"run": rec.ID, "total": len(out), "findings": out})
}

// filter selects findings by the query: status, severity (each
// repeatable), control, system.
type filter struct {
	status   []finding.Status
	severity []finding.Severity
	control  string
	system   string
	hasSys   bool
}

func parseFilter(r *http.Request) (filter, error) {
	q := r.URL.Query()
	var f filter
	for _, st := range q["status"] {
		if !slices.Contains(finding.Statuses, finding.Status(st)) {
			return f, fmt.Errorf("status %q is not one of %v", st, finding.Statuses)
		}
		f.status = append(f.status, finding.Status(st))
	}
	for _, sev := range q["severity"] {
		v, err := finding.ParseSeverity(sev)
		if err != nil {
			return f, err
		}
		f.severity = append(f.severity, v)
	}
	f.control = q.Get("control")
	f.system, f.hasSys = q.Get("system"), q.Has("system")
	return f, nil
}

func (f filter) apply(fs []finding.Finding) []finding.Finding {
	out := []finding.Finding{}
	for _, x := range fs {
		if (len(f.status) > 0 && !slices.Contains(f.status, x.Status)) ||
			(len(f.severity) > 0 && !slices.Contains(f.severity, x.Severity)) ||
			(f.control != "" && x.ControlID != f.control) ||
			(f.hasSys && x.Resource.System != f.system) {
			continue
		}
		out = append(out, x)
	}
	return out
}

// pair returns the two runs to compare: ?from=&to=, defaulting to the
// last two complete runs.
func (s *Server) pair(ctx context.Context, r *http.Request) (from, to *store.Recorded, status int, err error) {
	ids := [2]store.RunID{}
	q := r.URL.Query()
	given := 0
	for i, k := range []string{"from", "to"} {
		if v := q.Get(k); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 1 {
				return nil, nil, http.StatusBadRequest, fmt.Errorf("%s must be a positive run ID", k)
			}
			ids[i] = store.RunID(n)
			given++
		}
	}
	if given == 1 {
		return nil, nil, http.StatusBadRequest, errors.New("give both from and to, or neither (the last two complete runs)")
	}
	if given == 0 {
		latest, err := s.opts.Store.Latest(ctx, 2)
		if err != nil {
			return nil, nil, http.StatusInternalServerError, err
		}
		if len(latest) < 2 {
			return nil, nil, http.StatusNotFound, fmt.Errorf("a diff needs two complete runs; the store holds %d", len(latest))
		}
		ids = [2]store.RunID{latest[1].ID, latest[0].ID}
	}
	var recs [2]*store.Recorded
	for i, id := range ids {
		rec, err := s.recorded(ctx, id)
		if err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return nil, nil, http.StatusNotFound, fmt.Errorf("run %d: %w", id, err)
			}
			return nil, nil, http.StatusInternalServerError, err
		}
		if rec.Report == nil {
			return nil, nil, http.StatusConflict, fmt.Errorf("run %d is %s: it has no findings to compare", id, rec.State)
		}
		recs[i] = rec
	}
	return recs[0], recs[1], 0, nil
}

func (s *Server) apiDiff(w http.ResponseWriter, r *http.Request) {
	from, to, status, err := s.pair(r.Context(), r)
	if err != nil {
		writeProblem(w, status, redact.String(err.Error()))
		return
	}
	writeJSON(w, http.StatusOK, history.Compute(from, to))
}

// trendPoint is one complete run's counts in the trends.
type trendPoint struct {
	Run                store.RunID     `json:"run"`
	StartedAt          time.Time       `json:"started_at"`
	Summary            finding.Summary `json:"summary"`
	EvidenceIncomplete bool            `json:"evidence_incomplete"`
}

// trendsView is the trends of the last complete runs: each run's counts,
// and internal/history's reading of them (time to resolve and age of open
// failures per control and system, residual per risk, pass rate per
// framework reference).
type trendsView struct {
	Runs       []trendPoint             `json:"runs"`
	Controls   []history.Resolution     `json:"controls"`
	Systems    []history.Resolution     `json:"systems"`
	Risks      []history.RiskTrend      `json:"risks"`
	Frameworks []history.ReferenceTrend `json:"frameworks"`
}

// trends reads the last limit complete runs, oldest first, from the
// store's rows (store.Trends): no report is decoded, however large.
func (s *Server) trends(ctx context.Context, limit int) (*trendsView, error) {
	data, err := s.opts.Store.Trends(ctx, limit)
	if err != nil {
		return nil, err
	}
	t, err := history.TrendsFromRows(ctx, data, s.opts.Store.EvidenceMap)
	if err != nil {
		return nil, err
	}
	// The strings come from the workspace and the controls, not the
	// evidence, but pages and answers carry no secret whatever its origin.
	safe, err := redact.Value(t)
	if err != nil {
		return nil, fmt.Errorf("redact trends: %w", err)
	}
	v := &trendsView{Runs: []trendPoint{}}
	for _, r := range data.Runs {
		v.Runs = append(v.Runs, trendPoint{Run: r.ID, StartedAt: r.StartedAt.UTC(), Summary: r.Summary, EvidenceIncomplete: r.EvidenceIncomplete})
	}
	v.Controls, v.Systems, v.Risks, v.Frameworks = safe.Controls, safe.Systems, safe.Risks, safe.Frameworks
	return v, nil
}

func (s *Server) apiTrends(w http.ResponseWriter, r *http.Request) {
	limit, ok := intParam(w, r, "limit", 30, 1, 200)
	if !ok {
		return
	}
	v, err := s.trends(r.Context(), limit)
	if err != nil {
		s.storeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

type historyPoint struct {
	Run       store.RunID      `json:"run"`
	StartedAt time.Time        `json:"started_at"`
	Status    finding.Status   `json:"status"`
	Severity  finding.Severity `json:"severity"`
	Message   string           `json:"message"`
}

func (s *Server) history(ctx context.Context, fp string) ([]historyPoint, error) {
	h, err := s.opts.Store.History(ctx, fp)
	if err != nil {
		return nil, err
	}
	out := make([]historyPoint, 0, len(h))
	for _, x := range h {
		out = append(out, historyPoint{Run: x.Run, StartedAt: x.StartedAt.UTC(), Status: x.Status, Severity: x.Severity, Message: redact.String(x.Message)})
	}
	return out, nil
}

func (s *Server) apiHistory(w http.ResponseWriter, r *http.Request) {
	fp := r.PathValue("fingerprint")
	h, err := s.history(r.Context(), fp)
	if err != nil {
		s.storeError(w, err)
		return
	}
	if len(h) == 0 {
		writeProblem(w, http.StatusNotFound, "no complete run evaluated fingerprint "+strconv.Quote(fp))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"fingerprint": fp, "history": h})
}

// systemView is one system's results in a run.
type systemView struct {
	System  string          `json:"system"`
	Summary finding.Summary `json:"summary"`
	// Failing counts fail results by severity.
	Failing      map[finding.Severity]int `json:"failing"`
	NotCollected int                      `json:"not_collected"`
}

// unclaimed names the findings of resources no system claims.
const unclaimed = "(unclaimed)"

func systems(rep *report.Report) []systemView {
	by := map[string][]finding.Finding{}
	for _, f := range rep.Findings {
		name := f.Resource.System
		if name == "" {
			name = unclaimed
		}
		by[name] = append(by[name], f)
	}
	nc := map[string]int{}
	for _, n := range rep.Evidence.NotCollected {
		name := n.System
		if name == "" {
			name = unclaimed
		}
		nc[name]++
		if by[name] == nil {
			by[name] = []finding.Finding{}
		}
	}
	out := make([]systemView, 0, len(by))
	for name, fs := range by {
		v := systemView{System: name, Summary: finding.Summarize(fs), Failing: map[finding.Severity]int{}, NotCollected: nc[name]}
		for _, f := range fs {
			if f.Status == finding.Fail {
				v.Failing[f.Severity]++
			}
		}
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b systemView) int {
		if a.System == unclaimed || b.System == unclaimed {
			return boolInt(a.System == unclaimed) - boolInt(b.System == unclaimed)
		}
		if a.System < b.System {
			return -1
		}
		return boolInt(a.System > b.System)
	})
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// latest is the newest complete run, or nil when there is none.
func (s *Server) latest(ctx context.Context) (*store.Recorded, error) {
	runs, err := s.opts.Store.Latest(ctx, 1)
	if err != nil || len(runs) == 0 {
		return nil, err
	}
	return s.recorded(ctx, runs[0].ID)
}

func (s *Server) apiSystems(w http.ResponseWriter, r *http.Request) {
	rec, err := s.latest(r.Context())
	if err != nil {
		s.storeError(w, err)
		return
	}
	if rec == nil {
		writeProblem(w, http.StatusNotFound, "no complete run yet")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"run": rec.ID, "systems": systems(rec.Report)})
}

type apiSchedule struct {
	Name     string    `json:"name"`
	Cron     string    `json:"cron"`
	Timezone string    `json:"timezone"`
	Collect  []string  `json:"collect"`
	Next     time.Time `json:"next"`
}

func (s *Server) apiSchedules(w http.ResponseWriter, _ *http.Request) {
	next := map[string]time.Time{}
	for _, p := range s.scheduler.Plan() {
		next[p.Name] = p.Next
	}
	out := []apiSchedule{}
	for _, sc := range s.opts.Schedules {
		tz := sc.Timezone
		if tz == "" {
			tz = "UTC"
		}
		out = append(out, apiSchedule{Name: sc.Name, Cron: sc.Cron, Timezone: tz, Collect: nonNilStrings(sc.Collect), Next: next[sc.Name].UTC()})
	}
	body := map[string]any{"schedules": out, "running": nil}
	if job, since, busy := s.scheduler.Running(); busy {
		body["running"] = map[string]any{"trigger": job.Trigger, "since": since.UTC()}
	}
	writeJSON(w, http.StatusOK, body)
}

func (s *Server) storeError(w http.ResponseWriter, err error) {
	if errors.Is(err, store.ErrNotFound) {
		writeProblem(w, http.StatusNotFound, err.Error())
		return
	}
	s.log.printf("store: %v", err)
	writeProblem(w, http.StatusInternalServerError, "the store could not be read (see the server log)")
}

func intParam(w http.ResponseWriter, r *http.Request, name string, def, lo, hi int) (int, bool) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		writeProblem(w, http.StatusBadRequest, fmt.Sprintf("%s must be an integer from %d to %d", name, lo, hi))
		return 0, false
	}
	return n, true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, `{"error":"encode response"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}

func writeProblem(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
