package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/report"
)

// These tests look at the example's HTML report as its reader does: the
// first screen in a 1280×900 window, and the PDF Chromium prints from it.

const chromium = "/usr/bin/chromium"

// exampleHTML is the HTML report of `make demo` (examples/acme with its
// training records and the ISO 27001 view) at a fixed clock.
func exampleHTML(t *testing.T) []byte {
	t.Helper()
	r, err := pipeline.Run(context.Background(), pipeline.Config{
		Workspace: filepath.Join("..", "..", "examples", "acme"), WorkspaceEvidence: true,
		Records:    filepath.Join("..", "..", "examples", "acme", "training-records.csv"),
		Frameworks: []string{"iso27001-2022"},
		Now:        func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) },
	})
	require.NoError(t, err)
	require.True(t, r.Evidence.Incomplete, "the example has a scope it could not collect")
	write, err := report.Lookup("html")
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, write(&buf, r))
	return buf.Bytes()
}

func runChromium(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		t.Fatalf("the HTML report test needs Chromium at %s (install it with: apt-get install -y chromium): %v", chromium, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
		"--hide-scrollbars", "--user-data-dir=" + filepath.Join(dir, "profile")}
	cmd := exec.CommandContext(ctx, chromium, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, stderr.String())
	}
	return stdout.Bytes()
}

// geometryProbe is added to a copy of the page: once it has loaded, it
// records where the elements a reader must see first ended up, for
// --dump-dom to carry out.
const geometryProbe = `<script>
window.addEventListener("load", function () {
  var out = {viewport: [window.innerWidth, window.innerHeight]};
  ["title", "incomplete", "toc", "summary", "findings-table"].forEach(function (id) {
    var el = document.getElementById(id);
    if (el) { var r = el.getBoundingClientRect(); out[id] = [r.top, r.bottom, r.width]; }
  });
  out.cards = Array.prototype.map.call(document.querySelectorAll("#summary .card"), function (c) { return c.getBoundingClientRect().bottom; });
  document.body.setAttribute("data-geometry", JSON.stringify(out));
});
</script></body>`

func TestExampleHTMLFirstScreen(t *testing.T) {
	t.Parallel()
	page := exampleHTML(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "report.html")
	require.NoError(t, os.WriteFile(file, page, 0o644))
	probe := filepath.Join(dir, "probe.html")
	require.NoError(t, os.WriteFile(probe, bytes.Replace(page, []byte("</body>"), []byte(geometryProbe), 1), 0o644))

	t.Run("screenshot", func(t *testing.T) {
		shot := filepath.Join(dir, "first-screen.png")
		runChromium(t, t.TempDir(), "--window-size=1280,900", "--screenshot="+shot, "file://"+file)
		f, err := os.Open(shot)
		require.NoError(t, err)
		defer f.Close()
		img, err := png.Decode(f)
		require.NoError(t, err)
		require.Equal(t, 1280, img.Bounds().Dx())
		require.Equal(t, 900, img.Bounds().Dy())
		// Not a blank page: the banner's yellow and the alarm red are drawn.
		colours := map[uint32]bool{}
		for y := 0; y < 900; y += 3 {
			for x := 0; x < 1280; x += 3 {
				r, g, b, _ := img.At(x, y).RGBA()
				colours[(r>>8)<<16|(g>>8)<<8|b>>8] = true
			}
		}
		assert.Greater(t, len(colours), 50, "the first screen has content")
		assert.True(t, colours[0xfff8c5], "the coverage banner's background is on the first screen")
	})

	t.Run("what the first screen holds", func(t *testing.T) {
		dom := runChromium(t, t.TempDir(), "--window-size=1280,900", "--dump-dom", "file://"+probe)
		m := regexp.MustCompile(`data-geometry="([^"]*)"`).FindSubmatch(dom)
		require.NotNil(t, m, "the probe ran")
		var geo map[string]any
		require.NoError(t, json.Unmarshal([]byte(strings.ReplaceAll(string(m[1]), "&quot;", `"`)), &geo))
		// Headless Chromium's --dump-dom window keeps room for browser
		// chrome, so its viewport is shorter than the screenshot's: the
		// elements must fit the shorter one.
		height := geo["viewport"].([]any)[1].(float64)
		require.InDelta(t, 830, height, 100, "a window of about 1280×900")
		for _, id := range []string{"title", "incomplete", "toc"} {
			box, ok := geo[id].([]any)
			require.True(t, ok, "%s is on the page", id)
			assert.Less(t, box[1].(float64), height, "%s ends within the first screen", id)
		}
		cards := geo["cards"].([]any)
		require.NotEmpty(t, cards)
		for i, bottom := range cards {
			assert.Less(t, bottom.(float64), height, "summary card %d is within the first screen", i)
		}
		// The results come after the governance story, not on the first screen.
		assert.Greater(t, geo["findings-table"].([]any)[0].(float64), height)
	})
}

// pageObject is a page of the PDF's page tree (not the /Pages nodes).
var (
	pageObject = regexp.MustCompile(`/Type\s*/Page[^s]`)
	pageCount  = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b`)
)

// TestExampleHTMLPrintsShort: the example prints to a short document (it
// printed to 84 pages before the report put the governance story first and
// folded the passes; 17 once the catalogue reached 250 controls and the
// example 211 failures). Pages are counted twice, as page objects and as
// the page tree's root count, and the two must agree.
func TestExampleHTMLPrintsShort(t *testing.T) {
	t.Parallel()
	page := exampleHTML(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "report.html")
	require.NoError(t, os.WriteFile(file, page, 0o644))
	pdf := filepath.Join(dir, "report.pdf")
	runChromium(t, dir, "--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+file)
	data, err := os.ReadFile(pdf)
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(data, []byte("%PDF-")), "a PDF")
	objects := len(pageObject.FindAll(data, -1))
	root := 0
	for _, m := range pageCount.FindAllSubmatch(data, -1) {
		for _, g := range m[1:] {
			if n, err := strconv.Atoi(string(g)); err == nil && n > root {
				root = n
			}
		}
	}
	require.Equal(t, objects, root, "page objects and the page tree agree")
	t.Logf("the example prints to %d pages", objects)
	assert.GreaterOrEqual(t, objects, 3, "the governance story is there")
	assert.LessOrEqual(t, objects, 20, "a short document")
}

// TestExampleSARIFForCodeScanning: the example's audit SARIF is valid
// SARIF 2.1.0 and meets GitHub's ingestion rules (CheckGitHubSARIF) — every
// live result located at its system's block.
func TestExampleSARIFForCodeScanning(t *testing.T) {
	t.Parallel()
	r, err := pipeline.Run(context.Background(), pipeline.Config{
		Workspace: filepath.Join("..", "..", "examples", "acme"), WorkspaceEvidence: true,
		Now: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) },
	})
	require.NoError(t, err)
	write, err := report.Lookup("sarif")
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, write(&buf, r))
	assert.Empty(t, report.CheckGitHubSARIF(buf.Bytes()))

	schemaDoc, err := os.ReadFile(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	require.NoError(t, err)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaDoc))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("sarif-schema-2.1.0.json", doc))
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	require.NoError(t, err)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	require.NoError(t, schema.Validate(inst))
	assert.Contains(t, buf.String(), `"uri": "examples/acme/systems.hcl"`, "relative to the checkout, not the folder the run started in")
}
