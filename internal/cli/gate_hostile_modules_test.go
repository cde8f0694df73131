package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/report"
)

// The hostile-PR cases about Terraform constructs the gate cannot read
// (docs/terraform.md): unknown module counts, JSON configuration, remote
// modules, module sources leaving the scanned folder, recursion and
// instance bombs. None may pass: a failure still fails, what could not be
// read is not_evaluated (exit 3 unless --allow-unknown), a cycle is an
// input error (exit 2).

// publicModule is a module with a public bucket and an open SSH group,
// whose settings do not depend on the instance index.
const publicModule = `variable "name" {
  type    = string
  default = "x"
}

resource "aws_s3_bucket" "public" {
  bucket = "hostile-public"
}

resource "aws_s3_bucket_public_access_block" "public" {
  bucket                  = aws_s3_bucket.public.id
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}

` + openSSH

// openSSHJSON is openSSH in JSON syntax.
const openSSHJSON = `{"resource": {"aws_security_group": {"bastion": {
  "name": "bastion",
  "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]}]
}}}}`

func TestGateHostileModules(t *testing.T) {
	for _, c := range hostileModuleCases() {
		t.Run(c.name, func(t *testing.T) { runHostile(t, c) })
	}
}

func hostileModuleCases() []hostileCase {
	return []hostileCase{
		{
			name: "module count unknown",
			files: map[string]string{
				"terraform/main.tf":     "variable \"n\" {\n  type = number\n}\n\nmodule \"m\" {\n  source = \"./mod\"\n  count  = var.n\n}\n",
				"terraform/mod/main.tf": publicModule,
			},
			args:     []string{"terraform", "--allow-unknown"},
			wantCode: 1, wantInStderr: []string{"Module count not known statically"},
			check: func(t *testing.T, r *report.Report) {
				requireResult(t, r, "AWS-EC2-001", "module.m[?].aws_security_group.bastion", finding.Fail)
				requireResult(t, r, "AWS-S3-001", "hostile-public", finding.Fail)
			},
		},
		{
			name: "module for_each unknown",
			files: map[string]string{
				"terraform/main.tf":     "variable \"names\" {\n  type = set(string)\n}\n\nmodule \"m\" {\n  source   = \"./mod\"\n  for_each = var.names\n  name     = each.key\n}\n",
				"terraform/mod/main.tf": publicModule,
			},
			args:     []string{"terraform", "--allow-unknown"},
			wantCode: 1, wantInStderr: []string{"Module for_each not known statically"},
			check: func(t *testing.T, r *report.Report) {
				requireResult(t, r, "AWS-EC2-001", "module.m[?].aws_security_group.bastion", finding.Fail)
			},
		},
		{
			name: "module count over the limit",
			files: map[string]string{
				"terraform/main.tf":     "module \"m\" {\n  source = \"./mod\"\n  count  = 10001\n}\n",
				"terraform/mod/main.tf": publicModule,
			},
			args:     []string{"terraform", "--allow-unknown"},
			wantCode: 1, wantInStderr: []string{"Module count over the limit"},
			check: func(t *testing.T, r *report.Report) {
				requireResult(t, r, "AWS-EC2-001", "module.m[?].aws_security_group.bastion", finding.Fail)
			},
		},
		{
			name:     "failing resource in JSON syntax",
			files:    map[string]string{"terraform/main.tf.json": openSSHJSON},
			args:     []string{"terraform", "--allow-unknown"},
			wantCode: 1,
			check: func(t *testing.T, r *report.Report) {
				requireResult(t, r, "AWS-EC2-001", "aws_security_group.bastion", finding.Fail)
			},
		},
		{
			name:     "JSON override opens SSH",
			files:    map[string]string{"terraform/main.tf": strings.Replace(openSSH, "0.0.0.0/0", "10.0.0.0/8", 1), "terraform/open_override.tf.json": openSSHJSON},
			args:     []string{"terraform", "--allow-unknown"},
			wantCode: 1,
			check: func(t *testing.T, r *report.Report) {
				requireResult(t, r, "AWS-EC2-001", "aws_security_group.bastion", finding.Fail)
			},
		},
		{
			name:     "remote module not installed",
			files:    map[string]string{"terraform/main.tf": "module \"vpc\" {\n  source  = \"terraform-aws-modules/vpc/aws\"\n  version = \"5.0.0\"\n}\n"},
			args:     []string{"terraform"},
			wantCode: 3, wantInStderr: []string{"Remote module not evaluated", "AWS-EC2-001 on terraform/module.vpc not evaluated"},
			check: func(t *testing.T, r *report.Report) {
				requireResult(t, r, "AWS-EC2-001", "terraform/module.vpc", finding.NotEvaluated, "terraform init has not installed it")
				requireNoPass(t, r, "module.vpc")
			},
		},
		{
			name: "remote module installed by terraform init",
			files: map[string]string{
				"terraform/main.tf":                         "module \"vpc\" {\n  source  = \"terraform-aws-modules/vpc/aws\"\n  version = \"5.0.0\"\n}\n",
				"terraform/.terraform/modules/modules.json": `{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Version":"5.0.0","Dir":".terraform/modules/vpc"}]}`,
				"terraform/.terraform/modules/vpc/main.tf":  openSSH,
			},
			args:     []string{"terraform", "--allow-unknown"},
			wantCode: 1,
			check: func(t *testing.T, r *report.Report) {
				requireResult(t, r, "AWS-EC2-001", "module.vpc.aws_security_group.bastion", finding.Fail)
			},
		},
		{
			name: "modules.json pointing outside",
			files: map[string]string{
				"terraform/main.tf":                         "module \"vpc\" {\n  source = \"example/vpc/aws\"\n}\n",
				"terraform/.terraform/modules/modules.json": `{"Modules":[{"Key":"vpc","Source":"registry.terraform.io/example/vpc/aws","Dir":"{outside}"}]}`,
			},
			args:     []string{"terraform"},
			wantCode: 3, wantInStderr: []string{"not a path inside the root module"},
			check: func(t *testing.T, r *report.Report) { requireNoPass(t, r, "module.vpc") },
		},
		{
			name:     "module source climbing out",
			files:    map[string]string{"terraform/main.tf": "module \"x\" {\n  source = \"../../../../../../../../tmp/x\"\n}\n"},
			args:     []string{"terraform"},
			wantCode: 3, wantInStderr: []string{"terraform/main.tf:1:1", "outside the scanned folders (terraform)"},
			check: func(t *testing.T, r *report.Report) { requireNoPass(t, r, "module.x") },
		},
		{
			name:     "module source to a sibling of the scanned folder",
			files:    map[string]string{"terraform/main.tf": "module \"x\" {\n  source = \"../other\"\n}\n", "other/main.tf": openSSH},
			args:     []string{"terraform"},
			wantCode: 3, wantInStderr: []string{"outside the scanned folders (terraform)"},
			check: func(t *testing.T, r *report.Report) {
				requireNoPass(t, r, "module.x")
				for _, f := range r.Findings {
					require.NotContains(t, f.Resource.Source.File, "other/", "the sibling folder was read")
				}
			},
		},
		{
			name:     "module source through a symbolic link out",
			files:    map[string]string{"terraform/main.tf": "module \"x\" {\n  source = \"./mods\"\n}\n"},
			symlinks: map[string]string{"terraform/mods": "{outside}"},
			args:     []string{"terraform"},
			wantCode: 3, wantInStderr: []string{"symbolic link"},
			check: func(t *testing.T, r *report.Report) { requireNoPass(t, r, "module.x") },
		},
		{
			name:     "module leaving and coming back in through a link",
			files:    map[string]string{"terraform/main.tf": "module \"x\" {\n  source = \"../terraform/mods\"\n}\n"},
			symlinks: map[string]string{"terraform/mods": "{outside}"},
			args:     []string{"terraform"},
			wantCode: 3, wantInStderr: []string{"symbolic link"},
			check: func(t *testing.T, r *report.Report) { requireNoPass(t, r, "module.x") },
		},
		{
			name:     "module calling itself",
			files:    map[string]string{"terraform/main.tf": "module \"self\" {\n  source = \"./\"\n}\n"},
			args:     []string{"terraform"},
			wantCode: 2, wantInStderr: []string{"terraform/main.tf:1:1", "Module cycle", `"terraform" → "terraform"`},
		},
		{
			name: "mutual module recursion",
			files: map[string]string{
				"terraform/main.tf":   "module \"a\" {\n  source = \"./a\"\n}\n",
				"terraform/a/main.tf": "module \"b\" {\n  source = \"../b\"\n}\n",
				"terraform/b/main.tf": "module \"a\" {\n  source = \"../a\"\n}\n",
			},
			args:     []string{"terraform"},
			wantCode: 2, wantInStderr: []string{"terraform/b/main.tf:1:1", `"terraform/a" → "terraform/b" → "terraform/a"`},
		},
		{
			name: "module count inside module count",
			files: map[string]string{
				"terraform/main.tf":       "module \"outer\" {\n  source = \"./outer\"\n  count  = 3000\n}\n",
				"terraform/outer/main.tf": "module \"inner\" {\n  source = \"../inner\"\n  count  = 3000\n}\n",
				"terraform/inner/main.tf": "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n}\n",
			},
			args:     []string{"terraform"},
			wantCode: 3, wantInStderr: []string{"Instance budget exhausted", "budget of 20000 instances per run"},
		},
		{
			name: "for_each over 40,000 keys",
			files: map[string]string{
				"terraform/main.tf":               "variable \"keys\" {\n  type = set(string)\n}\n\nresource \"aws_security_group\" \"many\" {\n  for_each = var.keys\n  name     = each.key\n  ingress {\n    protocol    = \"tcp\"\n    from_port   = 22\n    to_port     = 22\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n",
				"terraform/terraform.tfvars.json": manyKeys(40000),
			},
			args:     []string{"terraform", "--allow-unknown"},
			wantCode: 1, wantInStderr: []string{"for_each of 40000 keys is over rampart's limit of 10000 instances"},
			check: func(t *testing.T, r *report.Report) {
				requireResult(t, r, "AWS-EC2-001", `aws_security_group.many[?]`, finding.Fail)
			},
		},
	}
}

// TestGateJSONMoveIsNotFixed: moving a failing resource from main.tf into
// main.tf.json keeps the finding (unchanged against the baseline), where
// it used to be reported as fixed and the JSON skipped.
func TestGateJSONMoveIsNotFixed(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "infra/main.tf", openSSH)
	base := filepath.Join(dir, "base.json")
	require.Equal(t, 1, run(t, "gate", "infra", "--allow-unknown", "--format", "json="+base).code)

	require.NoError(t, os.Remove(filepath.Join(dir, "infra", "main.tf")))
	writeFile(t, dir, "infra/main.tf.json", openSSHJSON)
	out := filepath.Join(dir, "r.json")
	res := run(t, "gate", "infra", "--allow-unknown", "--baseline", base, "--format", "json="+out)
	require.Equal(t, 0, res.code, res.stderr)
	r := readReport(t, out)
	require.Empty(t, r.Gate.Fixed, "the finding moved to JSON, it was not fixed")
	requireResult(t, r, "AWS-EC2-001", "aws_security_group.bastion", finding.Fail)
}

// manyKeys is a tfvars.json setting keys to n distinct strings.
func manyKeys(n int) string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("%q", fmt.Sprint("k", i))
	}
	return `{"keys": [` + strings.Join(keys, ",") + `]}`
}
