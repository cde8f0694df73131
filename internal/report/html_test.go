package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/rampart-audit/rampart/internal/browsertest"
)

// renderInChromium opens the page in headless Chromium (internal/browsertest)
// and returns the DOM after its scripts ran.
func renderInChromium(t *testing.T, page []byte, fragment string) *html.Node {
	t.Helper()
	file := filepath.Join(t.TempDir(), "report.html")
	require.NoError(t, os.WriteFile(file, page, 0o644))
	return browsertest.DumpDOM(t, "file://"+file+fragment)
}

func byID(doc *html.Node, id string) *html.Node {
	nodes := findAll(doc, func(n *html.Node) bool { v, _ := attr(n, "id"); return v == id })
	if len(nodes) == 0 {
		return nil
	}
	return nodes[0]
}

func text(n *html.Node) string {
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

func findingRows(doc *html.Node) []*html.Node {
	return findAll(doc, func(n *html.Node) bool { return n.Data == "tr" && hasClass(n, "finding") })
}

func visible(rows []*html.Node) []*html.Node {
	var out []*html.Node
	for _, r := range rows {
		if _, hidden := attr(r, "hidden"); !hidden {
			out = append(out, r)
		}
	}
	return out
}

func TestWriteHTMLInChromium(t *testing.T) {
	t.Parallel()
	r := governanceFixture(t)
	var buf bytes.Buffer
	require.NoError(t, WriteHTML(&buf, r))
	page := buf.Bytes()

	// Self-contained: nothing is fetched from anywhere (links to alerts are
	// navigation, not assets, and the CSP would block any fetch anyway).
	for _, ref := range []string{`src=`, `<link`, `@import`, `url(`, `<iframe`, `<img`} {
		assert.NotContains(t, string(page), ref)
	}
	assert.Contains(t, string(page), `Content-Security-Policy" content="default-src 'none'`)

	t.Run("unfiltered page", func(t *testing.T) {
		doc := renderInChromium(t, page, "")
		body := findAll(doc, func(n *html.Node) bool { return n.Data == "body" })[0]
		ready, _ := attr(body, "data-ready")
		require.Equal(t, "true", ready, "the page script ran to the end")

		rows := findingRows(doc)
		require.Len(t, rows, len(r.Findings))
		assert.Len(t, visible(rows), len(r.Findings))
		assert.Equal(t, fmt.Sprint(len(r.Findings)), text(byID(doc, "shown-count")))

		// Two 5×5 heat maps; each risk sits in its cell.
		maps := findAll(doc, func(n *html.Node) bool { return n.Data == "figure" && hasClass(n, "heatmap") })
		require.Len(t, maps, 2)
		for _, m := range maps {
			kind, _ := attr(m, "data-kind")
			cells := findAll(m, func(n *html.Node) bool { return n.Data == "td" && hasClass(n, "heat-cell") })
			require.Len(t, cells, 25, kind)
			placed := map[string]string{}
			for _, c := range cells {
				risks, _ := attr(c, "data-risks")
				l, _ := attr(c, "data-likelihood")
				i, _ := attr(c, "data-impact")
				for _, id := range strings.Fields(risks) {
					placed[id] = l + "x" + i
					// The cell names its risks in text, so they survive printing.
					assert.Contains(t, text(c), id, "%s cell %sx%s", kind, l, i)
				}
			}
			want := map[string]string{}
			for _, rk := range r.Risks {
				l := rk.Likelihood
				if kind == "residual" {
					l = rk.ResidualLikelihood
				}
				want[rk.ID] = fmt.Sprintf("%dx%d", l, rk.Impact)
			}
			assert.Equal(t, want, placed, kind)
		}

		// Training gaps grouped by person, policies, waivers and alerts rendered.
		people := findAll(doc, func(n *html.Node) bool { return hasClass(n, "person") })
		assert.Len(t, people, 2)
		assert.Len(t, findAll(doc, func(n *html.Node) bool { return n.Data == "tr" && hasClass(n, "waiver") }), 2)
		overdue := findAll(doc, func(n *html.Node) bool { v, _ := attr(n, "data-overdue"); return v == "true" })
		assert.Len(t, overdue, 1)
		pol := findAll(doc, func(n *html.Node) bool { v, _ := attr(n, "data-review"); return n.Data == "tr" && v == "overdue" })
		assert.Len(t, pol, 1)
		// Fail, error and not evaluated first; passes and waivers folded
		// in a closed <details> that opens without the script.
		for _, row := range findingRows(byID(doc, "findings-table")) {
			st, _ := attr(row, "data-status")
			assert.Contains(t, []string{"fail", "error", "not_evaluated"}, st)
		}
		passed := byID(doc, "passed")
		require.NotNil(t, passed)
		assert.Equal(t, "details", passed.Data)
		_, open := attr(passed, "open")
		assert.False(t, open, "passes are one click away, not on the first screen")
		for _, row := range findingRows(passed) {
			st, _ := attr(row, "data-status")
			assert.Contains(t, []string{"pass", "waived"}, st)
		}
		// Enums read as words.
		assert.Contains(t, text(byID(doc, "findings-table")), "not evaluated")
		assert.NotContains(t, text(byID(doc, "findings-table")), "not_evaluated")
		// A risk without an owner says so.
		assert.Contains(t, text(byID(doc, "risk-table")), "no owner")
		// Every contents link points at a section of the page.
		for _, a := range findAll(byID(doc, "toc"), func(n *html.Node) bool { return n.Data == "a" }) {
			href, _ := attr(a, "href")
			assert.NotNil(t, byID(doc, strings.TrimPrefix(href, "#")), href)
		}
		// Text from the audited estate is escaped, not interpreted.
		assert.Contains(t, text(byID(doc, "findings-table")), `see =HYPERLINK("x")`)
	})

	t.Run("filter by status from the link", func(t *testing.T) {
		doc := renderInChromium(t, page, "#status=fail")
		shown := visible(findingRows(doc))
		require.Len(t, shown, 1)
		ctl, _ := attr(shown[0], "data-control")
		assert.Equal(t, "GH-REPO-001", ctl)
		assert.Equal(t, "1", text(byID(doc, "shown-count")))
	})

	t.Run("asking for passes opens their table", func(t *testing.T) {
		doc := renderInChromium(t, page, "#status=pass")
		shown := visible(findingRows(doc))
		require.Len(t, shown, 1)
		_, open := attr(byID(doc, "passed"), "open")
		assert.True(t, open)
	})

	t.Run("filter by framework, system and text", func(t *testing.T) {
		doc := renderInChromium(t, page, "#framework=soc2&system=payments&q=403")
		shown := visible(findingRows(doc))
		require.Len(t, shown, 1)
		st, _ := attr(shown[0], "data-status")
		assert.Equal(t, "not_evaluated", st)
	})

	t.Run("sort by severity, then by control descending", func(t *testing.T) {
		doc := renderInChromium(t, page, "#sort=severity")
		var sev []string
		for _, row := range findingRows(byID(doc, "findings-table")) {
			s, _ := attr(row, "data-severity")
			sev = append(sev, s)
		}
		assert.Equal(t, []string{"high", "medium", "medium"}, sev, "each table is sorted on its own")

		doc = renderInChromium(t, page, "#sort=-resource")
		var ids []string
		for _, row := range findingRows(byID(doc, "findings-table")) {
			id, _ := attr(row, "data-resource")
			ids = append(ids, id)
		}
		assert.Equal(t, []string{"github.com/acme/web", "github.com/acme/api", "github.com/acme/api"}, ids)
		th := findAll(byID(doc, "findings-table"), func(n *html.Node) bool { v, _ := attr(n, "data-sort"); return n.Data == "th" && v == "resource" })
		require.Len(t, th, 1)
		dir, _ := attr(th[0], "aria-sort")
		assert.Equal(t, "descending", dir)
	})
}

// A report without governance sections (no workspace risks, no alert
// tracking) still renders every section with an explicit empty state.
func TestWriteHTMLEmptyReport(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	r := &Report{Schema: SchemaV1, GeneratedAt: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), Evidence: EvidenceInfo{CutShort: true, IncompleteReason: "rate limit exhausted"}}
	AssessCoverage(r)
	require.NoError(t, WriteHTML(&buf, r))
	doc, err := html.Parse(&buf)
	require.NoError(t, err)
	assert.Contains(t, text(byID(doc, "incomplete")), "rate limit exhausted")
	assert.Contains(t, text(byID(doc, "risk-table")), "No risks are defined.")
	assert.Contains(t, text(byID(doc, "waiver-table")), "No waivers.")
	assert.Nil(t, byID(doc, "threats"), "no alert section without alert tracking")
	assert.Empty(t, findingRows(doc))
}

// The DOM helpers are browsertest's, shared with the other HTML tests.
var (
	attr     = browsertest.Attr
	hasClass = browsertest.HasClass
	findAll  = browsertest.FindAll
)
