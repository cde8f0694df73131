// Package browsertest runs Debian's headless Chromium for the tests of
// what Rampart renders as HTML: the report (internal/report) and the
// dashboard of `rampart serve` (internal/serve). The browser is required,
// not optional: a missing browser fails the test, so no page ships
// untested.
package browsertest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// ChromiumPath is Debian's chromium package (apt-get install chromium).
const ChromiumPath = "/usr/bin/chromium"

// run starts Chromium headless with a profile in a temporary folder and
// no network of its own beyond the page, and returns its standard output.
func run(t *testing.T, args ...string) []byte {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		t.Fatalf("this test needs Chromium at %s (install it with: apt-get install -y chromium): %v", ChromiumPath, err)
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
		"--user-data-dir=" + filepath.Join(dir, "profile")}
	cmd := exec.CommandContext(ctx, ChromiumPath, append(base, args...)...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, stderr.String())
	}
	return stdout.Bytes()
}

// DumpDOM opens url and returns the DOM after its scripts ran.
func DumpDOM(t *testing.T, url string) *html.Node {
	t.Helper()
	out := run(t, "--dump-dom", url)
	if len(out) == 0 {
		t.Fatalf("chromium printed no DOM for %s", url)
	}
	doc, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("parse the DOM of %s: %v", url, err)
	}
	return doc
}

// Screenshot renders url in a window of width × height CSS pixels and
// returns the PNG.
func Screenshot(t *testing.T, url string, width, height int) []byte {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "screenshot.png")
	run(t, "--hide-scrollbars", "--force-device-scale-factor=1",
		"--window-size="+strconv.Itoa(width)+","+strconv.Itoa(height), "--screenshot="+file, url)
	png, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("chromium wrote no screenshot of %s: %v", url, err)
	}
	return png
}

// Attr is the value of an element's attribute, and whether it has it.
func Attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// HasClass reports whether an element's class list holds class.
func HasClass(n *html.Node, class string) bool {
	v, _ := Attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

// FindAll returns the elements under n (n included) that match, in
// document order; none under a nil node.
func FindAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	if n != nil {
		walk(n)
	}
	return out
}
