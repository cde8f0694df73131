package serve

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/history"
	"github.com/rampart-audit/rampart/internal/store"
)

// The dashboard is server-rendered: every page works without JavaScript
// and loads nothing from elsewhere (the CSS is inline, the bars are CSS
// widths), which the Content-Security-Policy of securityHeaders enforces.
//
//go:embed templates/*.html
var templateFS embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return "—"
		}
		return t.UTC().Format("2006-01-02 15:04 UTC")
	},
	"pct": func(n, total int) string {
		if total == 0 {
			return "0%"
		}
		return strconv.FormatFloat(float64(n)*100/float64(total), 'f', 1, 64) + "%"
	},
	"hours":      history.Hours,
	"severities": func() []finding.Severity { return finding.Severities },
	"statuses":   func() []finding.Status { return finding.Statuses },
	"count":      func(m map[finding.Severity]int, s finding.Severity) int { return m[s] },
}).ParseFS(templateFS, "templates/*.html"))

// render writes a page whole or not at all: a template error halfway
// would otherwise leave half a page with a 200.
func (s *Server) render(w http.ResponseWriter, name string, data map[string]any) {
	data["Workspace"] = s.opts.Workspace
	if _, ok := data["Title"]; !ok {
		data["Title"] = name
	}
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, name, data); err != nil {
		s.log.printf("render %s: %v", name, err)
		http.Error(w, "the page could not be rendered (see the server log)", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
}

func (s *Server) pageError(w http.ResponseWriter, status int, msg string) {
	w.WriteHeader(status)
	s.render(w, "error", map[string]any{"Status": status, "Message": msg})
}

// riskRow is one risk's residual across the runs of the trends.
type riskRow struct {
	ID, Title string
	Cells     []riskCell
}

type riskCell struct {
	Residual int
	Over     bool
	Present  bool
}

func riskRows(v *trendsView) []riskRow {
	col := map[store.RunID]int{}
	for i, p := range v.Runs {
		col[p.Run] = i
	}
	out := make([]riskRow, 0, len(v.Risks))
	for _, rt := range v.Risks {
		row := riskRow{ID: rt.ID, Title: rt.Title, Cells: make([]riskCell, len(v.Runs))}
		for _, p := range rt.Points {
			if i, ok := col[p.Run]; ok {
				row.Cells[i] = riskCell{Residual: p.Residual, Over: p.Appetite == "over", Present: true}
			}
		}
		out = append(out, row)
	}
	slices.SortFunc(out, func(a, b riskRow) int { return strings.Compare(a.ID, b.ID) })
	return out
}

func (s *Server) pageLatest(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	data := map[string]any{"Schedules": s.scheduler.Plan()}
	if job, since, busy := s.scheduler.Running(); busy {
		data["Running"] = map[string]any{"Trigger": job.Trigger, "Since": since}
	}
	runs, err := s.opts.Store.Runs(ctx, 10)
	if err != nil {
		s.storeFailure(w, err)
		return
	}
	data["Runs"] = runs
	rec, err := s.latest(ctx)
	if err != nil {
		s.storeFailure(w, err)
		return
	}
	if rec != nil {
		data["Latest"] = rec
		data["Systems"] = systems(rec.Report)
		data["Failing"] = (filter{status: []finding.Status{finding.Fail, finding.Error, finding.NotEvaluated}}).apply(rec.Report.Findings)
		v, err := s.trends(ctx, 30)
		if err != nil {
			s.storeFailure(w, err)
			return
		}
		data["Trends"], data["RiskRows"] = v, riskRows(v)
		prev, err := s.previousComplete(ctx, rec.ID)
		if err != nil {
			s.storeFailure(w, err)
			return
		}
		if prev != nil {
			d := history.Compute(prev, rec)
			data["Diff"] = d
			data["NewCritical"], data["NewHigh"], data["WaiversExpired"] = newFailures(d, finding.Critical), newFailures(d, finding.High), expiredWaivers(d)
		}
	}
	s.render(w, "latest", data)
}

func (s *Server) pageRun(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || n < 1 {
		s.pageError(w, http.StatusBadRequest, "a run ID is a positive integer")
		return
	}
	rec, err := s.recorded(r.Context(), store.RunID(n))
	if err != nil {
		s.storeFailure(w, err)
		return
	}
	f, err := parseFilter(r)
	if err != nil {
		s.pageError(w, http.StatusBadRequest, err.Error())
		return
	}
	data := map[string]any{"Run": rec, "Status": r.URL.Query().Get("status")}
	if rec.Report != nil {
		data["Findings"] = f.apply(rec.Report.Findings)
	}
	s.render(w, "run", data)
}

func (s *Server) pageSystem(w http.ResponseWriter, r *http.Request) {
	rec, err := s.latest(r.Context())
	if err != nil {
		s.storeFailure(w, err)
		return
	}
	if rec == nil {
		s.pageError(w, http.StatusNotFound, "no complete run yet")
		return
	}
	name := r.PathValue("system")
	var view *systemView
	for _, v := range systems(rec.Report) {
		if v.System == name {
			view = &v
		}
	}
	if view == nil {
		s.pageError(w, http.StatusNotFound, fmt.Sprintf("the latest run has no results for system %q", name))
		return
	}
	sys := name
	if name == unclaimed {
		sys = ""
	}
	findings := (filter{system: sys, hasSys: true}).apply(rec.Report.Findings)
	slices.SortStableFunc(findings, func(a, b finding.Finding) int { return statusOrder(a.Status) - statusOrder(b.Status) })
	var nc []any
	for _, n := range rec.Report.Evidence.NotCollected {
		if n.System == sys {
			nc = append(nc, n)
		}
	}
	s.render(w, "system", map[string]any{"Run": rec, "View": view, "Findings": findings, "NotCollected": nc})
}

// statusOrder puts what needs attention first.
func statusOrder(st finding.Status) int {
	return map[finding.Status]int{finding.Fail: 0, finding.Error: 1, finding.NotEvaluated: 2, finding.Waived: 3, finding.Pass: 4}[st]
}

func (s *Server) pageFinding(w http.ResponseWriter, r *http.Request) {
	fp := r.PathValue("fingerprint")
	h, err := s.history(r.Context(), fp)
	if err != nil {
		s.storeFailure(w, err)
		return
	}
	if len(h) == 0 {
		s.pageError(w, http.StatusNotFound, "no complete run evaluated this finding")
		return
	}
	// The newest run that has it names the control and the resource.
	var current *finding.Finding
	if rec, err := s.recorded(r.Context(), h[len(h)-1].Run); err == nil && rec.Report != nil {
		for i := range rec.Report.Findings {
			if rec.Report.Findings[i].Fingerprint == fp {
				current = &rec.Report.Findings[i]
			}
		}
	}
	s.render(w, "finding", map[string]any{"Fingerprint": fp, "History": h, "Finding": current})
}

// pageTrigger is the dashboard's "Run now" button: a form POST, so it
// works without JavaScript (and the session cookie is SameSite=Strict).
func (s *Server) pageTrigger(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	job, err := s.jobFor(r.PostFormValue("schedule"))
	if err != nil {
		s.pageError(w, http.StatusBadRequest, err.Error())
		return
	}
	if err := s.scheduler.Trigger(job); err != nil {
		s.pageError(w, http.StatusConflict, err.Error())
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) storeFailure(w http.ResponseWriter, err error) {
	if isNotFound(err) {
		s.pageError(w, http.StatusNotFound, err.Error())
		return
	}
	s.log.printf("store: %v", err)
	s.pageError(w, http.StatusInternalServerError, "the store could not be read (see the server log)")
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
