package terraform

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// gapIDs lists the scope IDs of the not-collected entries, once each.
func gapIDs(snap *evidence.Snapshot) map[string]string {
	out := map[string]string{}
	for _, g := range snap.NotCollected {
		out[g.ScopeID] = g.Reason
	}
	return out
}

// TestModuleUnknownCount: a module whose count or for_each is unknown, or
// over the limit, is evaluated once with an unknown index: the public
// bucket and the open SSH group inside it are still seen (they used to be
// dropped, and the gate passed).
func TestModuleUnknownCount(t *testing.T) {
	t.Parallel()
	res := load(t, "modcount", Options{})
	for _, m := range []string{"module.m[?]", "module.each[?]", "module.many[?]"} {
		sg := byID(t, res, m+".aws_security_group.ssh")
		require.Equal(t, []any{"0.0.0.0/0"}, sg.Attributes["ingress"].([]any)[0].(map[string]any)["cidr_ipv4"], m)
	}
	// name = "counted-${count.index}": index-dependent, so unknown, and
	// the bucket is named by its address.
	b := byID(t, res, "module.m[?].aws_s3_bucket.public")
	require.Equal(t, false, b.Attributes["public_access_block"].(map[string]any)["block_public_acls"])
	require.Equal(t, "module.m[?].aws_s3_bucket.public", b.Attributes["name"])
	byID(t, res, "module.each[?].aws_s3_bucket.public")
	byID(t, res, "arn:aws:s3:::fixed") // count = 10001: one instance, the name does not depend on the index
	require.Equal(t, []string{
		"main.tf:11:12: warning: Module count not known statically",
		"main.tf:17:14: warning: Module for_each not known statically",
		"main.tf:23:12: warning: Module count over the limit",
	}, diagLines(res.Diagnostics))
}

// TestModuleCycles: a module calling itself, mutual recursion, and
// folders only reachable through a cycle are errors naming the cycle.
func TestModuleCycles(t *testing.T) {
	t.Parallel()
	res := load(t, "modcycle", Options{})
	require.True(t, res.Diagnostics.HasErrors())
	require.Equal(t, []string{"b/main.tf:1:1: error: Module cycle", "main.tf:1:1: error: Module cycle"}, diagLines(res.Diagnostics))
	require.Contains(t, res.Diagnostics[0].Detail, `"a" → "b" → "a"`)
	require.Contains(t, res.Diagnostics[1].Detail, `module.self calls .`)

	orphan := load(t, "modorphan", Options{})
	require.Equal(t, []string{"a/main.tf:1:1: error: Module cycle", "b/main.tf:1:1: error: Module cycle"}, diagLines(orphan.Diagnostics))
}

// TestModuleSourceEscapes: module sources resolve inside the scanned
// folders only, lexically cleaned and then with symbolic links followed;
// anything else is a blocking gap naming the module block.
func TestModuleSourceEscapes(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		p := filepath.Join(root, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
	}
	write("infra/main.tf", `module "back" {
  source = "../infra/mod"
}

module "up" {
  source = "../shared"
}

module "link" {
  source = "./linked"
}

module "tmp" {
  source = "../../../../tmp/x"
}
`)
	write("infra/mod/main.tf", "resource \"aws_s3_bucket\" \"back\" {\n  bucket = \"back\"\n}\n")
	write("shared/main.tf", "resource \"aws_s3_bucket\" \"shared\" {\n  bucket = \"shared\"\n}\n")
	write("outside/main.tf", "resource \"aws_s3_bucket\" \"outside\" {\n  bucket = \"outside\"\n}\n")
	require.NoError(t, os.Symlink(filepath.Join(root, "outside"), filepath.Join(root, "infra", "linked")))

	res, err := Load(context.Background(), Dir(root), []string{"infra"}, Options{})
	require.NoError(t, err)
	require.False(t, res.Diagnostics.HasErrors(), "%v", res.Diagnostics)
	byID(t, res, "arn:aws:s3:::back")
	for _, r := range res.Snapshot.Resources {
		require.NotContains(t, []string{"arn:aws:s3:::shared", "arn:aws:s3:::outside"}, r.ID)
	}
	gaps := gapIDs(res.Snapshot)
	require.Len(t, gaps, 3)
	require.Contains(t, gaps["infra/module.up"], `module.up (infra/main.tf:5): source "../shared" is outside the scanned folders (infra)`)
	require.Contains(t, gaps["infra/module.link"], "symbolic link")
	require.Contains(t, gaps["infra/module.tmp"], "outside the scanned folders")
	for _, g := range res.Snapshot.NotCollected {
		require.Equal(t, "infra/main.tf", g.Scope.Path)
	}
}

// TestRunInstanceBudget: nested counts and huge for_each are capped per
// run, not per level; the run finishes quickly, holds at most the budget
// (plus one instance per construct), and is a blocking gap.
func TestRunInstanceBudget(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"main.tf": {Data: []byte(`module "outer" {
  source = "./outer"
  count  = 3000
}

variable "keys" {
  type = set(string)
}

resource "aws_s3_bucket" "keys" {
  for_each = var.keys
  bucket   = "b-${each.key}"
}
`)},
		"terraform.tfvars.json": {Data: []byte(manyKeys(40000))},
		"outer/main.tf": {Data: []byte(`module "inner" {
  source = "../inner"
  count  = 3000
}
`)},
		"inner/main.tf": {Data: []byte("resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n}\n")},
	}
	start := time.Now()
	res, err := Load(context.Background(), fsys, []string{"."}, Options{})
	require.NoError(t, err)
	require.Less(t, time.Since(start), 60*time.Second)
	require.False(t, res.Diagnostics.HasErrors(), "%v", res.Diagnostics)
	require.LessOrEqual(t, len(res.Snapshot.Resources), maxRunInstances+3001)
	require.NotEmpty(t, res.Snapshot.NotCollected, "instances past the budget make the run not_evaluated")
	byID(t, res, "aws_s3_bucket.keys[?]")
	require.Contains(t, diagLines(res.Diagnostics), "main.tf:11:14: warning: for_each not known statically", "40,000 keys are over the limit")
	budget := 0
	for _, d := range res.Diagnostics {
		if d.Summary == "Instance budget exhausted" {
			budget++
		}
	}
	require.Positive(t, budget)
	gaps := gapIDs(res.Snapshot)
	require.Len(t, gaps, 1, "one gap per run for the budget")
	for id, why := range gaps {
		require.True(t, strings.HasPrefix(id, "module.outer["), id)
		require.Contains(t, why, "budget of 20000 instances per run")
	}
}

// TestRemoteModules: remote modules are read where terraform init
// installed them (.terraform/modules/modules.json, keys "vpc", "vpc.sub");
// a module not installed, installed for another source, or whose folder
// leaves the root module is a blocking gap.
func TestRemoteModules(t *testing.T) {
	t.Parallel()
	res := load(t, "remote", Options{})
	sg := byID(t, res, "module.vpc.aws_security_group.default")
	require.Equal(t, ".terraform/modules/vpc/main.tf", sg.Source.File)
	require.Equal(t, []any{"0.0.0.0/0"}, sg.Attributes["ingress"].([]any)[0].(map[string]any)["cidr_ipv4"])
	byID(t, res, "arn:aws:s3:::vpc-sub")
	require.Equal(t, false, byID(t, res, "module.vpc.module.nested.aws_kms_key.nested").Attributes["rotation_enabled"])
	gaps := gapIDs(res.Snapshot)
	require.Len(t, gaps, 3)
	require.Contains(t, gaps["module.missing"], `has no module "missing"`)
	require.Contains(t, gaps["module.stale"], `installed "registry.terraform.io/example/old/aws"`)
	require.Contains(t, gaps["module.escape"], `"../../etc" is outside the scanned folders`)
}

// TestModuleManifestErrors: a broken modules.json is an input error with
// its byte offset; without one, remote modules are gaps.
func TestModuleManifestErrors(t *testing.T) {
	t.Parallel()
	main := []byte("module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n")
	res, err := Load(context.Background(), fstest.MapFS{
		"main.tf":                         {Data: main},
		".terraform/modules/modules.json": {Data: []byte(`{"Modules": [{"Key": "vpc",, }]}`)},
	}, []string{"."}, Options{})
	require.NoError(t, err)
	require.Equal(t, []string{".terraform/modules/modules.json:1:28: error: Invalid module manifest", "main.tf:1:1: warning: Remote module not evaluated"}, diagLines(res.Diagnostics))
	require.Contains(t, res.Diagnostics[0].Detail, "byte offset 28")

	res, err = Load(context.Background(), fstest.MapFS{"main.tf": {Data: main}}, []string{"."}, Options{})
	require.NoError(t, err)
	require.Contains(t, gapIDs(res.Snapshot)["module.vpc"], "terraform init has not installed it (no .terraform/modules/modules.json)")
}

// TestJSONConfiguration: *.tf.json is read with Terraform's block schema
// and maps to exactly the evidence of the same configuration in native
// syntax (override files, dynamic blocks, modules, providers included);
// only the source file and line differ. It used to be skipped with a
// warning, so moving a failing resource into JSON passed the gate.
func TestJSONConfiguration(t *testing.T) {
	t.Parallel()
	js := load(t, "json", Options{})
	twin, err := Load(context.Background(), os.DirFS(filepath.Join("testdata", "jsontwin")), []string{"."}, Options{})
	require.NoError(t, err)
	require.Empty(t, js.Diagnostics)
	require.Empty(t, twin.Diagnostics)
	strip := func(rs []evidence.Resource) []evidence.Resource {
		out := make([]evidence.Resource, len(rs))
		for i, r := range rs {
			r.Source, r.Scope.Path = evidence.Source{}, ""
			out[i] = r
		}
		return out
	}
	require.Equal(t, strip(twin.Snapshot.Resources), strip(js.Snapshot.Resources))
	web := byID(t, js, "aws_security_group.web")
	require.Equal(t, evidence.Source{Kind: "terraform", File: "main.tf.json", Line: 38}, web.Source)
	require.Equal(t, json.Number("22"), web.Attributes["ingress"].([]any)[0].(map[string]any)["from_port"], "web_override.tf.json replaces the ingress rules")
}

// TestIAMAttachmentForms: a policy attached only through a role's
// managed_policy_arns, an *_policy_attachments_exclusive resource or
// aws_iam_policy_attachment counts as attached (it counted 0, and an admin
// policy passed AWS-IAM-010); a list that cannot be known leaves the count
// unknown.
func TestIAMAttachmentForms(t *testing.T) {
	t.Parallel()
	res := load(t, "iam", Options{})
	for id, want := range map[string]json.Number{
		"aws_iam_policy.via_role":              "1",
		"aws_iam_policy.via_role_exclusive":    "1",
		"aws_iam_policy.via_user_exclusive":    "1",
		"aws_iam_policy.via_group_exclusive":   "1",
		"aws_iam_policy.via_policy_attachment": "3", // two users and a role
		"aws_iam_policy.unattached":            "0",
	} {
		require.Equal(t, want, byID(t, res, id).Attributes["attachment_count"], id)
	}
	maybe := byID(t, load(t, "iamunknown", Options{}), "aws_iam_policy.maybe")
	require.NotContains(t, maybe.Attributes, "attachment_count")
	require.Contains(t, maybe.Unknown["attachment_count"], "managed_policy_arns")
}

// manyKeys is a tfvars.json setting keys to n distinct strings.
func manyKeys(n int) string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("%q", fmt.Sprint("k", i))
	}
	return `{"keys": [` + strings.Join(keys, ",") + `]}`
}

// TestBudgetStarvedModuleIsNotACycle: a module folder the evaluation never
// reached because the budget was spent is a blocking gap, not mistaken for
// a module cycle (exit 3, not 2).
func TestBudgetStarvedModuleIsNotACycle(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"main.tf": {Data: []byte(`module "big" {
  source = "./big"
  count  = 10000
}

module "late" {
  source = "./late"
}
`)},
		"big/main.tf":  {Data: []byte("resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n}\n")},
		"late/main.tf": {Data: []byte(openSSHForTest)},
	}
	res, err := Load(context.Background(), fsys, []string{"."}, Options{})
	require.NoError(t, err)
	require.False(t, res.Diagnostics.HasErrors(), "%v", diagLines(res.Diagnostics))
	require.Contains(t, diagLines(res.Diagnostics), "main.tf:6:1: warning: Instance budget exhausted")
	require.Contains(t, gapIDs(res.Snapshot)["module.late"], "budget of 20000 instances per run is spent")
}

const openSSHForTest = `resource "aws_security_group" "ssh" {
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`
