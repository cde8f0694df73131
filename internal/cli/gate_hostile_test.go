package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/report"
)

// The hostile-PR suite: pull requests written by someone who wants the
// gate to leak the runner's secrets, read files outside the scanned
// folders, crash or pass what it could not check. Each case builds a
// repository in a temporary folder the way actions/checkout leaves it (the
// job token in .git/config), runs the gate in-process and checks the exit
// code, that nothing panicked, that no secret reached any output and that
// the run left no files besides the reports it was asked for.
//
// Other hostile cases (module escapes, recursion, JSON configuration) live
// in gate_hostile_modules_test.go and use the same hostileCase/runHostile.

// hostileToken is what actions/checkout writes into .git/config. Reports
// may redact token-shaped strings, so every secret file also holds
// hostileCanary, which is not token-shaped: its absence proves the read
// itself was refused, not merely its output masked.
const (
	hostileToken  = "ghs_FAKEtoken1234567890abcdef"
	hostileCanary = "CANARY-not-a-token-7f3a"
)

// hostileGitConfig is .git/config as actions/checkout leaves it.
const hostileGitConfig = "[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: basic " + hostileToken + "\n# " + hostileCanary + "\n"

// hostileOutputs are the reports every case asks for, besides text on
// standard output: each is searched for the secrets.
var hostileOutputs = []string{"hostile-r.json", "hostile-r.sarif", "hostile-c.md", "hostile-j.xml"}

type hostileCase struct {
	name string
	// files are written under the repository (slash-separated paths).
	// "{outside}" and "{repo}" in contents are replaced by the absolute
	// paths of a folder outside the repository (holding secret.txt and
	// secret.tf, both with the canary) and of the repository.
	files map[string]string
	// symlinks maps a link (path in the repository) to its target, with
	// the same replacements.
	symlinks map[string]string
	// dir is the folder, relative to the repository, the gate runs in
	// (default: the repository root, where CI runs it).
	dir string
	// args follow "gate"; the report formats are appended.
	args     []string
	wantCode int
	// wantInStderr must all appear in standard error.
	wantInStderr []string
	// mustNotAppear is searched in every output besides the token and the canary.
	mustNotAppear []string
	// check inspects the JSON report; the case fails if it was not written.
	check func(t *testing.T, r *report.Report)
}

// runHostile runs one case; see hostileCase.
func runHostile(t *testing.T, c hostileCase) {
	t.Helper()
	repo, outside := t.TempDir(), t.TempDir()
	expand := func(s string) string {
		return strings.NewReplacer("{outside}", outside, "{repo}", repo).Replace(s)
	}
	writeFile(t, outside, "secret.txt", hostileCanary+"\n"+hostileToken+"\n")
	writeFile(t, outside, "secret.tf", "# "+hostileCanary+"\nresource \"aws_s3_bucket\" \"outside\" {\n  bucket = \""+hostileCanary+"\"\n}\n")
	writeFile(t, repo, ".git/config", hostileGitConfig)
	for name, body := range c.files {
		writeFile(t, repo, name, expand(body))
	}
	for link, target := range c.symlinks {
		p := filepath.Join(repo, filepath.FromSlash(link))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.Symlink(expand(target), p))
	}
	before := listFiles(t, repo)
	t.Chdir(filepath.Join(repo, filepath.FromSlash(c.dir)))

	args := append([]string{"gate"}, c.args...)
	args = append(args, "--format", "text")
	for _, o := range hostileOutputs {
		format := strings.TrimPrefix(filepath.Ext(o), ".")
		switch format {
		case "md":
			format = "markdown"
		case "xml":
			format = "junit"
		}
		args = append(args, "--format", format+"="+o)
	}
	res := run(t, args...)

	require.Equal(t, c.wantCode, res.code, "stderr:\n%s", res.stderr)
	for _, crash := range []string{"panic:", "goroutine ", "fatal error", "runtime error"} {
		require.NotContains(t, res.stderr, crash)
	}
	for _, want := range c.wantInStderr {
		require.Contains(t, res.stderr, want)
	}
	secrets := append([]string{hostileToken, hostileCanary}, c.mustNotAppear...)
	outputs := map[string]string{"standard output": res.stdout, "standard error": res.stderr}
	var extra []string
	for _, name := range listFiles(t, repo) {
		if slices.Contains(before, name) {
			continue
		}
		rel, err := filepath.Rel(filepath.Join(repo, filepath.FromSlash(c.dir)), filepath.Join(repo, name))
		require.NoError(t, err)
		if !slices.Contains(hostileOutputs, filepath.ToSlash(rel)) {
			extra = append(extra, name)
			continue
		}
		data, err := os.ReadFile(filepath.Join(repo, name))
		require.NoError(t, err)
		outputs[name] = string(data)
	}
	require.Empty(t, extra, "the run left files besides the reports it was asked for")
	for where, text := range outputs {
		for _, s := range secrets {
			require.NotContains(t, text, s, "%s leaks a secret", where)
		}
	}
	if c.check != nil {
		p := filepath.Join(repo, filepath.FromSlash(c.dir), "hostile-r.json")
		require.FileExists(t, p, "the case checks the JSON report")
		c.check(t, readReport(t, p))
	}
}

// listFiles lists every file and link under root (slash paths, sorted).
func listFiles(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	require.NoError(t, err)
	slices.Sort(out)
	return out
}

// requireResult asserts the finding of control on the resource whose ID
// contains resource has status, and that its message contains each of
// msg: a refused read must say so where the result is read.
func requireResult(t *testing.T, r *report.Report, control, resource string, status finding.Status, msg ...string) {
	t.Helper()
	var seen []string
	for _, f := range r.Findings {
		if f.ControlID != control || !strings.Contains(f.Resource.ID, resource) {
			continue
		}
		require.Equal(t, status, f.Status, "%s on %s: %s", control, f.Resource.ID, f.Message)
		for _, m := range msg {
			require.Contains(t, f.Message, m, "%s on %s", control, f.Resource.ID)
		}
		return
	}
	for _, f := range r.Findings {
		seen = append(seen, f.ControlID+" "+f.Resource.ID)
	}
	t.Fatalf("no finding of %s on a resource matching %q; have %v", control, resource, seen)
}

// requireNoPass asserts no finding on a resource whose ID contains
// resource passed: what the gate could not read must not look checked.
func requireNoPass(t *testing.T, r *report.Report, resource string, controls ...string) {
	t.Helper()
	for _, f := range r.Findings {
		if strings.Contains(f.Resource.ID, resource) && slices.Contains(controls, f.ControlID) {
			require.NotEqual(t, finding.Pass, f.Status, "%s on %s", f.ControlID, f.Resource.ID)
		}
	}
}

// requireWarning asserts the report's warnings contain each of want in one warning.
func requireWarning(t *testing.T, r *report.Report, want ...string) {
	t.Helper()
	for _, w := range r.Warnings {
		ok := true
		for _, s := range want {
			ok = ok && strings.Contains(w, s)
		}
		if ok {
			return
		}
	}
	t.Fatalf("no warning with all of %q in %q", want, r.Warnings)
}

// TestGateHostile is the table of hostile pull requests about file reads,
// symbolic links, hidden paths and resource exhaustion.
func TestGateHostile(t *testing.T) {
	for _, c := range hostileFileCases() {
		t.Run(c.name, func(t *testing.T) { runHostile(t, c) })
	}
}

func hostileFileCases() []hostileCase {
	return []hostileCase{
		{
			name:     "symlinked .tf leading outside",
			files:    map[string]string{"terraform/main.tf": openSSH},
			symlinks: map[string]string{"terraform/evil.tf": "{outside}/secret.tf"},
			args:     []string{"terraform"},
			wantCode: 2, wantInStderr: []string{"symbolic link leads outside the scanned folder"},
		},
	}
}
