package serve

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/rampart-audit/rampart/internal/browsertest"
	"github.com/rampart-audit/rampart/internal/report"
)

func TestDashboardPages(t *testing.T) {
	t.Parallel()
	st, first, second := nightRuns(t)
	ts := newTestServer(t, st, func(o *Options) { o.Schedules = append(o.Schedules, schedule(t, "nightly", "0 2 * * *", "github")) })
	ts.Scheduler().Start(ts.clock.Now())
	newFail := second.Findings[0].Fingerprint
	for _, f := range second.Findings {
		if strings.Contains(f.Message, "token ") {
			newFail = f.Fingerprint
		}
	}
	cases := []struct {
		path   string
		status int
		want   []string
		not    []string
	}{
		{"/", 200, []string{"Run 2", `id="coverage"`, "Since run 1", "Risk register over time", "Run now", "2026-12-01 02:00 UTC", "&lt;script&gt;", "[REDACTED:github-token]"},
			[]string{scriptInMessage, secretInMessage, "<script"}},
		{"/runs/1", 200, []string{"Run 1", fmt.Sprintf(`<span class="n">%d</span>results`, first.Summary.Total)}, nil},
		{"/runs/2?status=fail", 200, []string{`class="finding st-fail"`}, []string{`class="finding st-pass"`}},
		{"/runs/2?status=bogus", 400, []string{"bogus"}, nil},
		{"/runs/99", 404, []string{"not found"}, nil},
		{"/systems/shop", 200, []string{"System shop", "token lacks read:org"}, nil},
		{"/systems/" + url.PathEscape("<b>x</b>"), 404, []string{"&lt;b&gt;x&lt;/b&gt;"}, []string{"<b>x</b>"}},
		{"/findings/" + newFail, 200, []string{"History", `<a href="/runs/1">1</a>`, `<a href="/runs/2">2</a>`, `class="st-pass">pass`, `class="st-fail">fail`}, []string{secretInMessage}},
		{"/findings/nope", 404, nil, nil},
	}
	for _, c := range cases {
		w := ts.get(t, c.path)
		body := w.Body.String()
		assert.Equal(t, c.status, w.Code, c.path)
		assert.Equal(t, "text/html; charset=utf-8", w.Header().Get("Content-Type"), c.path)
		assert.Contains(t, w.Header().Get("Content-Security-Policy"), "default-src 'none'", c.path)
		for _, s := range c.want {
			assert.Contains(t, body, s, c.path)
		}
		for _, s := range c.not {
			assert.NotContains(t, body, s, c.path)
		}
	}
}

func TestDashboardWithoutRunsAndWithAnIncompleteOne(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	ts := newTestServer(t, st, nil)
	body := ts.get(t, "/").Body.String()
	assert.Contains(t, body, `id="no-run"`)

	id, err := st.Begin(t.Context(), storeStart("api"))
	require.NoError(t, err)
	require.NoError(t, st.Abort(t.Context(), id, "collect github: rate limit exhausted"))
	w := ts.get(t, "/runs/1")
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Contains(t, w.Body.String(), "This run is incomplete: collect github: rate limit exhausted")
	assert.Contains(t, ts.get(t, "/").Body.String(), "incomplete: collect github: rate limit exhausted", "listed among the recent runs")
}

func TestRunNowButton(t *testing.T) {
	t.Parallel()
	a := newBlockingAuditor()
	ts := newTestServer(t, &memStore{}, func(o *Options) {
		o.Audit = a.audit
		o.Schedules = append(o.Schedules, schedule(t, "nightly", "0 2 * * *", "aws"))
	})
	form := func(v url.Values) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/runs", strings.NewReader(v.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return r
	}
	w := ts.do(t, form(url.Values{"schedule": {"nightly"}}), true)
	assert.Equal(t, http.StatusSeeOther, w.Code)
	job := <-a.started
	assert.Equal(t, "api", job.Trigger)
	assert.Equal(t, []string{"aws"}, job.Collect, "like the schedule")
	assert.Equal(t, http.StatusConflict, ts.do(t, form(nil), true).Code)
	cross := form(nil)
	cross.Header.Set("Sec-Fetch-Site", "cross-site")
	assert.Equal(t, http.StatusForbidden, ts.do(t, cross, true).Code, "a form posted from another site is refused")
	other := post("/api/v1/runs", "")
	other.Header.Set("Origin", "https://evil.example")
	assert.Equal(t, http.StatusForbidden, ts.do(t, other, true).Code)
	assert.Contains(t, ts.get(t, "/").Body.String(), `id="running"`)
	close(a.release)
	<-a.finished
	ts.Scheduler().Shutdown(0)
}

// bearerProxy stands in for the reverse proxy a browser reaches the
// server through: it adds the token, which Chromium cannot be told to send.
func bearerProxy(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Set("Authorization", "Bearer "+testToken)
		h.ServeHTTP(w, r)
	})
}

// TestDashboardInChromium loads the main page of a store holding two
// recorded runs of the example in headless Chromium, checks the DOM the
// browser built, and takes a screenshot checked by its structure: the
// size, the dark header band, the red of the failure count and the
// coverage banner's background — not bytes, which change with the fonts
// of the machine.
func TestDashboardInChromium(t *testing.T) {
	t.Parallel()
	st, _, second := nightRuns(t)
	ts := newTestServer(t, st, nil)
	srv := httptest.NewServer(bearerProxy(ts.Handler()))
	t.Cleanup(srv.Close)

	doc := browsertest.DumpDOM(t, srv.URL+"/")
	cards := map[string]string{}
	for _, c := range findAll(doc, func(n *html.Node) bool { return hasClass(n, "card") }) {
		classes, _ := attr(c, "class")
		n := findAll(c, func(n *html.Node) bool { return hasClass(n, "n") })
		require.Len(t, n, 1)
		cards[strings.Fields(classes)[1]] = text(n[0])
	}
	s := second.Summary
	assert.Equal(t, map[string]string{"total": strconv.Itoa(s.Total), "fail": strconv.Itoa(s.Fail), "error": strconv.Itoa(s.Error),
		"not_evaluated": strconv.Itoa(s.NotEvaluated), "waived": strconv.Itoa(s.Waived), "pass": strconv.Itoa(s.Pass)}, cards)
	require.NotNil(t, byID(doc, "coverage"), "the not-collected banner")
	assert.Len(t, findAll(byID(doc, "coverage"), func(n *html.Node) bool { return hasClass(n, "not-collected") }), len(second.Evidence.NotCollected))
	assert.Equal(t, "1", text(byID(doc, "diff-regressed")))
	assert.Equal(t, "1", text(byID(doc, "diff-resolved")))
	assert.Equal(t, "1", text(byID(doc, "diff-unverified")))
	assert.Equal(t, "1", text(byID(doc, "diff-coverage")))
	assert.Equal(t, "1", text(byID(doc, "diff-waivers-ended")))
	assert.Len(t, findAll(doc, func(n *html.Node) bool { return hasClass(n, "trend") }), 2)
	assert.Len(t, findAll(doc, func(n *html.Node) bool { return hasClass(n, "risk") }), len(second.Risks))
	systems := findAll(doc, func(n *html.Node) bool { return hasClass(n, "system") })
	assert.Len(t, systems, len(systemsOf(second)))

	// Nothing runs and nothing loads from elsewhere; the quoted markup is text.
	assert.Empty(t, findAll(doc, func(n *html.Node) bool { return n.Data == "script" || n.Data == "iframe" || n.Data == "img" }))
	for _, a := range findAll(doc, func(n *html.Node) bool { return n.Data == "a" || n.Data == "link" || n.Data == "form" }) {
		for _, k := range []string{"href", "action"} {
			if v, ok := attr(a, k); ok {
				assert.True(t, strings.HasPrefix(v, "/"), "%s %s=%q leaves the server", a.Data, k, v)
			}
		}
	}
	page := text(doc)
	assert.Contains(t, page, scriptInMessage, "shown as text")
	assert.NotContains(t, page, secretInMessage)

	shot := browsertest.Screenshot(t, srv.URL+"/", 1280, 3000)
	if dir := os.Getenv("RAMPART_SCREENSHOT_DIR"); dir != "" { // to look at it: RAMPART_SCREENSHOT_DIR=/tmp/x go test -run Chromium
		require.NoError(t, os.WriteFile(filepath.Join(dir, "dashboard.png"), shot, 0o644))
	}
	img, err := png.Decode(bytes.NewReader(shot))
	require.NoError(t, err)
	assert.Equal(t, image.Rect(0, 0, 1280, 3000), img.Bounds())
	assert.Greater(t, share(img, 0, 0, 1280, 20, rgb(0x1d, 0x24, 0x30)), 0.8, "the header band runs across the top")
	assert.Greater(t, share(img, 0, 40, 1280, 600, rgb(0xb3, 0x26, 0x1e)), 0.0001, "the failure count is red")
	banner := share(img, 0, 40, 1280, 600, rgb(0xff, 0xf6, 0xe0)) + share(img, 0, 40, 1280, 600, rgb(0xfd, 0xec, 0xea))
	assert.Greater(t, banner, 0.02, "the coverage banner is on the first screen")
	// Each result bar of the trends and systems tables is a red run (fail)
	// followed on the same pixel row by a longer green one (pass).
	assert.GreaterOrEqual(t, barRows(img), 8*2, "two trend bars at least, each some 12 pixels high")
}

// barRows counts the pixel rows that cross a result bar: at least 10
// pixels of the fail colour, then, further right, at least 40 of the pass
// colour.
func barRows(img image.Image) int {
	red, green := rgb(0xb3, 0x26, 0x1e), rgb(0x1f, 0x7a, 0x3f)
	rows := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		redRun, greenRun, sawRed := 0, 0, false
		for x := b.Min.X; x < b.Max.X; x++ {
			switch c := img.At(x, y); {
			case near(c, red):
				redRun++
				if redRun >= 10 {
					sawRed = true
				}
				greenRun = 0
			case near(c, green) && sawRed:
				greenRun++
				redRun = 0
			default:
				redRun = 0
			}
			if greenRun >= 40 {
				rows++
				break
			}
		}
	}
	return rows
}

func systemsOf(r *report.Report) []systemView { return systems(r) }

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{R: r, G: g, B: b, A: 255} }

// share is the fraction of the pixels in the rectangle within a small
// distance of c (anti-aliasing and colour management move them slightly).
func share(img image.Image, x0, y0, x1, y1 int, c color.RGBA) float64 {
	n, all := 0, 0
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			all++
			if near(img.At(x, y), c) {
				n++
			}
		}
	}
	return float64(n) / float64(all)
}

// near: within a small distance of c (anti-aliasing and colour management
// move pixels slightly).
func near(px color.Color, c color.RGBA) bool {
	r, g, b, _ := px.RGBA()
	return absDiff(r>>8, c.R) <= 6 && absDiff(g>>8, c.G) <= 6 && absDiff(b>>8, c.B) <= 6
}

func absDiff(a uint32, b uint8) uint32 {
	if a > uint32(b) {
		return a - uint32(b)
	}
	return uint32(b) - a
}

func byID(doc *html.Node, id string) *html.Node {
	nodes := findAll(doc, func(n *html.Node) bool { v, _ := attr(n, "id"); return v == id })
	if len(nodes) == 0 {
		return nil
	}
	return nodes[0]
}

func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// The DOM helpers are browsertest's, shared with the other HTML tests.
var (
	attr     = browsertest.Attr
	hasClass = browsertest.HasClass
	findAll  = browsertest.FindAll
)
