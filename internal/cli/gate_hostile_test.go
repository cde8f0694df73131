package cli

import (
	"encoding/base64"
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
	// env is the environment the gate sees (Params.Getenv).
	env map[string]string
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
	res := runEnv(t, c.env, args...)

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
	for _, c := range append(hostileFileCases(), hostileBombCases()...) {
		t.Run(c.name, func(t *testing.T) { runHostile(t, c) })
	}
}

// bucketPolicy is a bucket whose policy (what AWS-S3-003 reads) is expr.
func bucketPolicy(expr string) string {
	return `resource "aws_s3_bucket" "b" {
  bucket = "hostile-bucket"
}
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = ` + expr + `
}
`
}

// refusedPolicy checks the bucket's policy control could not evaluate
// because of the refusal, and the warning names it.
func refusedPolicy(refusal string) func(t *testing.T, r *report.Report) {
	return func(t *testing.T, r *report.Report) {
		requireResult(t, r, "AWS-S3-003", "hostile-bucket", finding.NotEvaluated, refusal)
		requireWarning(t, r, refusal)
	}
}

func hostileFileCases() []hostileCase {
	depth := strings.Repeat("[", 100_000) // 100 KB; with the rest of the line 200 KB
	return []hostileCase{
		{
			name:     "symlinked .tf leading outside",
			files:    map[string]string{"terraform/main.tf": openSSH},
			symlinks: map[string]string{"terraform/evil.tf": "{outside}/secret.tf"},
			args:     []string{"terraform"},
			wantCode: 2, wantInStderr: []string{"symbolic link leads outside the scanned folder"},
		},
		{
			// The reproduction as it stands: the name is the
			// address, the bucket is judged on what is known (no public
			// access block: a failure), the refusal is a warning.
			name:         "issue repro: bucket = file(\"../.git/config\")",
			files:        map[string]string{"terraform/main.tf": "resource \"aws_s3_bucket\" \"b\" {\n  bucket = file(\"../.git/config\")\n}\n"},
			args:         []string{"terraform"},
			wantCode:     1,
			wantInStderr: []string{`terraform/main.tf:2:12: Cannot evaluate statically: Error in function call: Call to function "file" failed: file("../.git/config"): refused: outside the scanned folder terraform`},
			check: func(t *testing.T, r *report.Report) {
				requireResult(t, r, "AWS-S3-001", "terraform/aws_s3_bucket.b", finding.Fail, `"aws_s3_bucket.b"`)
				requireWarning(t, r, "terraform/main.tf:2:12", `file("../.git/config"): refused: outside the scanned folder terraform`)
			},
		},
		{
			name:         "policy = file(\"../.git/config\") is not evaluated and blocks",
			files:        map[string]string{"terraform/main.tf": bucketPolicy(`file("../.git/config")`)},
			args:         []string{"terraform"},
			wantCode:     3,
			wantInStderr: []string{"terraform/main.tf:6:12:", `refused: outside the scanned folder terraform`},
			check:        refusedPolicy(`file("../.git/config"): refused: outside the scanned folder terraform`),
		},
		{
			name:     "gate . and file(\".git/config\")",
			files:    map[string]string{"main.tf": bucketPolicy(`file(".git/config")`)},
			args:     []string{"."},
			wantCode: 3,
			check:    refusedPolicy(`file(".git/config"): refused: .git/config is a hidden path (.git)`),
		},
		{
			name:     "gate without a path and file(\"./.git/../.git/config\")",
			files:    map[string]string{"main.tf": bucketPolicy(`file("./.git/../.git/config")`)},
			wantCode: 3,
			check:    refusedPolicy(`refused: .git/config is a hidden path (.git)`),
		},
		{
			name:          "link in the folder to /etc/passwd",
			files:         map[string]string{"terraform/main.tf": bucketPolicy(`file("policy.json")`)},
			symlinks:      map[string]string{"terraform/policy.json": "/etc/passwd"},
			args:          []string{"terraform"},
			wantCode:      3,
			mustNotAppear: []string{"root:x:0:0", "/bin/"},
			check:         refusedPolicy(`file("policy.json"): refused: terraform/policy.json is a symbolic link to /etc/passwd, outside the scanned folder terraform`),
		},
		{
			name:     "relative link in the folder to .git/config",
			files:    map[string]string{"terraform/main.tf": bucketPolicy(`file("policies/p.json")`)},
			symlinks: map[string]string{"terraform/policies/p.json": "../../.git/config"},
			args:     []string{"terraform"},
			wantCode: 3,
			check:    refusedPolicy(`refused: a symbolic link leads to .git/config, outside the scanned folder terraform`),
		},
		{
			name:     "link to a file outside the checkout",
			files:    map[string]string{"terraform/main.tf": bucketPolicy(`file("p.json")`)},
			symlinks: map[string]string{"terraform/p.json": "{outside}/secret.txt"},
			args:     []string{"terraform"},
			wantCode: 3,
			check:    refusedPolicy(`refused: terraform/p.json is a symbolic link to `),
		},
		{
			name: "fileexists outside says nothing",
			files: map[string]string{"terraform/main.tf": bucketPolicy(`fileexists("../.git/config") ? "ANSWER-EXISTS" : "ANSWER-MISSING"`),
				"terraform/x.tf": "# the answer must not be known either way\n"},
			args:     []string{"terraform"},
			wantCode: 3,
			check:    refusedPolicy(`fileexists("../.git/config"): refused: outside the scanned folder terraform`),
		},
		{
			name:     "templatefile outside",
			files:    map[string]string{"terraform/main.tf": bucketPolicy(`templatefile("../secret.tpl", {})`), "secret.tpl": hostileCanary + "\n"},
			args:     []string{"terraform"},
			wantCode: 3,
			check:    refusedPolicy(`templatefile("../secret.tpl"): refused: outside the scanned folder terraform`),
		},
		{
			name:          "filebase64 of a hidden file",
			files:         map[string]string{"terraform/main.tf": bucketPolicy(`filebase64(".env")`), "terraform/.env": hostileCanary + "\n"},
			args:          []string{"terraform"},
			wantCode:      3,
			mustNotAppear: []string{base64.StdEncoding.EncodeToString([]byte(hostileCanary + "\n"))},
			check: func(t *testing.T, r *report.Report) {
				requireNoPass(t, r, "hostile-bucket", "AWS-S3-003")
				requireWarning(t, r, `filebase64(".env"): refused: terraform/.env is a hidden path (.env)`)
			},
		},
		{
			name:     "a file inside the folder is read",
			files:    map[string]string{"terraform/main.tf": bucketPolicy(`file("${path.module}/policies/deny-http.json")`), "terraform/policies/deny-http.json": denyHTTP},
			args:     []string{"terraform"},
			wantCode: 1, // the bucket still has no public access block
			check: func(t *testing.T, r *report.Report) {
				requireResult(t, r, "AWS-S3-003", "hostile-bucket", finding.Pass)
			},
		},
		{
			name:         "depth bomb in a .tf",
			files:        map[string]string{"terraform/main.tf": "resource \"aws_s3_bucket\" \"b\" {\n  bucket = " + depth + "\n}\n"},
			args:         []string{"terraform"},
			wantCode:     2,
			wantInStderr: []string{"terraform/main.tf:2:139: Nesting too deep", "level 129 opens at line 2, column 139"},
		},
		{
			name:         "depth bomb in terraform.tfvars.json",
			files:        map[string]string{"terraform/main.tf": openSSH, "terraform/terraform.tfvars.json": `{"x": ` + depth + "}"},
			args:         []string{"terraform"},
			wantCode:     2,
			wantInStderr: []string{"terraform/terraform.tfvars.json:1:134: Nesting too deep"},
		},
		{
			name:         "depth bomb in a --var-file",
			files:        map[string]string{"terraform/main.tf": openSSH, "prod.tfvars": "\n\nx = " + depth},
			args:         []string{"terraform", "--var-file", "prod.tfvars"},
			wantCode:     2,
			wantInStderr: []string{"prod.tfvars:3:133: Nesting too deep"},
		},
		{
			name:         "depth bomb in the workspace",
			files:        map[string]string{"terraform/main.tf": openSSH, "workspace.hcl": "system \"x\" {\n  tags = " + depth + "\n}\n"},
			args:         []string{"terraform", "--workspace", "."},
			wantCode:     2,
			wantInStderr: []string{"Nesting too deep", "on workspace.hcl line 2", "level 129 opens at line 2, column 137"},
		},
		{
			// Found as the workspace by default: not valid HCL, so not used
			// (a note says so), and no crash.
			name:         "depth bomb in root HCL the gate inspects",
			files:        map[string]string{"terraform/main.tf": openSSH, "workspace.hcl": "tags = " + depth + "\n"},
			args:         []string{"terraform"},
			wantCode:     1,
			wantInStderr: []string{"note: workspace.hcl is not valid HCL"},
		},
		{
			name:         "depth bomb in a template",
			files:        map[string]string{"terraform/main.tf": bucketPolicy(`templatefile("p.tpl", {})`), "terraform/p.tpl": strings.Repeat("${", 100_000)},
			args:         []string{"terraform"},
			wantCode:     3,
			wantInStderr: []string{"p.tpl:1,258-259: Nesting too deep"},
		},
	}
}

// hostileBombCases are function calls sized to exhaust the runner: each is
// refused before it allocates, the policy it feeds is not_evaluated with
// the cap in its reason, and the gate blocks (exit 3).
func hostileBombCases() []hostileCase {
	const locals = `locals {
  mb     = format("%1000000s", "")
  commas = join("", [for j in range(200) : "1,"])
}
`
	bomb := func(name, expr, reason string) hostileCase {
		return hostileCase{
			name:     name,
			files:    map[string]string{"terraform/main.tf": locals + bucketPolicy(expr)},
			args:     []string{"terraform"},
			wantCode: 3,
			check:    refusedPolicy(reason),
		}
	}
	return []hostileCase{
		bomb("setproduct 300×300×300", `jsonencode(setproduct(range(300), range(300), range(300)))`, "setproduct: elements in the product: 108000000, over rampart's cap of 100000 elements"),
		bomb("join repeating 1 MB a thousand times", `join("", [for i in range(1000) : local.mb])`, "join: more than the string bytes allowed in the arguments"),
		bomb("format width", `format("%999999999d", 1)`, "format: bytes of padding in the format"),
		bomb("formatlist over repeated megabytes", `jsonencode(formatlist("%s", [for i in range(1000) : local.mb]))`, "formatlist: more than the string bytes allowed in the arguments"),
		bomb("flatten of repeated lists", `jsonencode(flatten([for i in range(200) : range(1000)]))`, "flatten: more than the elements allowed in the arguments"),
		bomb("jsondecode of 200,000 values", `jsonencode(jsondecode("[${join("", [for i in range(1000) : local.commas])}1]"))`, "jsondecode: possible elements in the document: 200002"),
		bomb("replace inserting a megabyte everywhere", `replace(local.mb, "", local.mb)`, "replace: bytes in the result"),
	}
}

// denyHTTP is a bucket policy AWS-S3-003 accepts.
const denyHTTP = `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
  "Resource": ["arn:aws:s3:::hostile-bucket", "arn:aws:s3:::hostile-bucket/*"],
  "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
`

// TestAuditDepthBomb: rampart audit and rampart fmt stop at a workspace
// file nested too deep, with its position, exit 2, instead of a stack overflow.
func TestAuditDepthBomb(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "w.hcl", "system \"x\" {\n  tags = "+strings.Repeat("[", 100_000)+"\n}\n")
	res := run(t, "audit", dir, "--evidence", "../../examples/acme/evidence/github.json")
	require.Equal(t, 2, res.code, res.stderr)
	require.Contains(t, res.stderr, "w.hcl line 2")
	require.Contains(t, res.stderr, "level 129 opens at line 2, column 137")
	res = run(t, "fmt", "--check", filepath.Join(dir, "w.hcl"))
	require.Equal(t, 2, res.code, res.stderr)
	require.Contains(t, res.stderr, "Nesting too deep")
}
