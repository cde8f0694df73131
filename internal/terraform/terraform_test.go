package terraform

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/golden"
)

// load reads one testdata case.
func load(t *testing.T, name string, opts Options) *Result {
	t.Helper()
	res, err := Load(context.Background(), os.DirFS(filepath.Join("testdata", "cases", name)), []string{"."}, opts)
	require.NoError(t, err)
	return res
}

func byID(t *testing.T, res *Result, id string) evidence.Resource {
	t.Helper()
	require.NotNil(t, res.Snapshot, "diagnostics: %v", res.Diagnostics)
	for _, r := range res.Snapshot.Resources {
		if r.ID == id {
			return r
		}
	}
	var ids []string
	for _, r := range res.Snapshot.Resources {
		ids = append(ids, r.ID)
	}
	t.Fatalf("no resource %s; have %v", id, ids)
	return evidence.Resource{}
}

func diagLines(ds hcl.Diagnostics) []string {
	out := []string{}
	for _, d := range ds {
		sev := "warning"
		if d.Severity == hcl.DiagError {
			sev = "error"
		}
		where := ""
		if d.Subject != nil {
			where = fmt.Sprintf("%s:%d:%d: ", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
		}
		out = append(out, where+sev+": "+d.Summary)
	}
	return out
}

// TestGolden pins the full mapping of every case: resources with their
// attributes, unknown reasons, sources, and the diagnostics. Rewrite with
// go test ./internal/terraform/ -update (internal/golden), then check the diff.
func TestGolden(t *testing.T) {
	t.Parallel()
	cases, err := os.ReadDir(filepath.Join("testdata", "cases"))
	require.NoError(t, err)
	for _, c := range cases {
		t.Run(c.Name(), func(t *testing.T) {
			t.Parallel()
			opts := Options{}
			if c.Name() == "tfvars" {
				opts.VarFiles = []string{"extra.tfvars.in"}
			}
			res := load(t, c.Name(), opts)
			doc := map[string]any{"diagnostics": diagLines(res.Diagnostics)}
			if res.Snapshot != nil {
				doc["resources"] = res.Snapshot.Resources
				if len(res.Snapshot.NotCollected) > 0 {
					doc["not_collected"] = res.Snapshot.NotCollected
				}
			}
			got, err := json.MarshalIndent(doc, "", "  ")
			require.NoError(t, err)
			path := filepath.Join("testdata", c.Name()+".golden.json")
			if golden.Update() {
				require.NoError(t, os.WriteFile(path, append(got, '\n'), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err)
			require.JSONEq(t, string(want), string(got))
		})
	}
}

func TestS3InlineAndSplit(t *testing.T) {
	t.Parallel()
	res := load(t, "s3", Options{})
	inline := byID(t, res, "arn:aws:s3:::inline-bucket")
	require.Equal(t, map[string]any{"enabled": true, "sse_algorithm": "aws:kms", "kms_key_id": "arn:aws:kms:eu-central-1:111122223333:key/abc"}, inline.Attributes["encryption"])
	require.Equal(t, map[string]any{"enabled": true, "mfa_delete": true, "status": "Enabled"}, inline.Attributes["versioning"])
	require.Equal(t, "Deny", inline.Attributes["policy"].(map[string]any)["document"].(map[string]any)["Statement"].([]any)[0].(map[string]any)["Effect"])
	require.Equal(t, map[string]any{"configured": false}, inline.Attributes["public_access_block"], "the derived inline-bucket-replica block is another bucket's")
	require.Equal(t, "eu-central-1", inline.Attributes["region"])
	require.Equal(t, evidence.Source{Kind: "terraform", File: "main.tf", Line: 6}, inline.Source)

	split := byID(t, res, "arn:aws:s3:::split-bucket")
	require.Equal(t, map[string]any{"enabled": true, "sse_algorithm": "aws:kms"}, split.Attributes["encryption"])
	require.Equal(t, map[string]any{"enabled": false, "mfa_delete": false, "status": "Suspended"}, split.Attributes["versioning"], "linked by bucket name")
	require.Equal(t, []any{map[string]any{"grantee": "AllUsers", "permission": "READ"}}, split.Attributes["public_acl_grants"])
	require.Equal(t, true, split.Attributes["policy"].(map[string]any)["present"])
	require.Contains(t, split.Unknown["logging.target_bucket"], "aws_s3_bucket.inline.id")

	bare := byID(t, res, "aws_s3_bucket.bare")
	require.Equal(t, "aws_s3_bucket.bare", bare.Attributes["name"], "a generated name is shown as the address")
	require.Equal(t, map[string]any{"enabled": true, "sse_algorithm": "AES256"}, bare.Attributes["encryption"], "S3's default SSE-S3")
}

// TestUnknownsNeverPass checks that what cannot be known statically is
// absent with a reason, never a stand-in value.
func TestUnknownsNeverPass(t *testing.T) {
	t.Parallel()
	res := load(t, "unknowns", Options{})
	byVar := byID(t, res, "aws_s3_bucket.named_by_var")
	require.Equal(t, "aws_s3_bucket.named_by_var", byVar.Attributes["name"], "controls name the bucket in messages: never absent")
	require.NotContains(t, byVar.Attributes["encryption"], "sse_algorithm")
	require.Contains(t, byVar.Unknown["encryption.sse_algorithm"], `variable "algorithm"`)
	require.NotContains(t, byVar.Attributes, "public_access_block")
	require.Contains(t, byVar.Unknown["public_access_block"], "aws_s3_bucket_public_access_block.somewhere")

	other := byID(t, res, "aws_s3_bucket.other")
	require.Equal(t, "aws_s3_bucket.other", other.Attributes["name"])
	require.Contains(t, other.Unknown["public_access_block"], "cannot be determined statically")

	user := byID(t, res, "aws_iam_user.named_by_var")
	require.Equal(t, true, user.Attributes["password_enabled"], "the login profile refers to the user, whose name is unknown")
	require.Equal(t, "aws_iam_user.named_by_var", user.Attributes["user_name"])

	dyn := byID(t, res, "aws_security_group.dyn")
	require.NotContains(t, dyn.Attributes, "ingress")
	require.Contains(t, dyn.Unknown["ingress"], "dynamic")

	vol := byID(t, res, "aws_ebs_volume.data")
	require.Contains(t, vol.Unknown["encrypted"], "encryption-by-default")

	require.Contains(t, diagLines(res.Diagnostics), "main.tf:63:19: warning: Cannot evaluate statically: Error in function call")
}

func TestExpansion(t *testing.T) {
	t.Parallel()
	res := load(t, "expansion", Options{})
	prod := byID(t, res, "arn:aws:s3:::acme-data-prod")
	require.Equal(t, true, prod.Attributes["versioning"].(map[string]any)["enabled"])
	dev := byID(t, res, "arn:aws:s3:::acme-data-dev")
	require.Equal(t, false, dev.Attributes["versioning"].(map[string]any)["enabled"])
	byID(t, res, "arn:aws:s3:::numbered-0")
	byID(t, res, "arn:aws:s3:::numbered-1")
	sg := byID(t, res, "aws_security_group.counted[1]")
	require.Equal(t, "sg-443", sg.Attributes["group_name"])
	maybe := byID(t, res, "aws_kms_key.maybe[?]")
	require.Equal(t, true, maybe.Attributes["rotation_enabled"])
	require.Contains(t, diagLines(res.Diagnostics), "main.tf:41:25: warning: count not known statically")
	many := byID(t, res, "aws_ebs_volume.many[?]")
	require.Equal(t, true, many.Attributes["encrypted"], "a count over the limit is checked as one instance")
	for _, d := range res.Diagnostics {
		if d.Subject != nil && d.Subject.Start.Line == 46 {
			require.Contains(t, d.Detail, "over rampart's limit of 10000")
		}
	}
}

func TestModules(t *testing.T) {
	t.Parallel()
	res := load(t, "modules", Options{})
	logs := byID(t, res, "arn:aws:s3:::module-logs")
	require.Equal(t, "modules/bucket/main.tf", logs.Source.File)
	require.Equal(t, true, logs.Attributes["public_access_block"].(map[string]any)["block_public_acls"])
	site := byID(t, res, "arn:aws:s3:::site-a")
	require.Equal(t, false, site.Attributes["public_access_block"].(map[string]any)["block_public_acls"])
	byID(t, res, "arn:aws:s3:::module-logs-copy")
	require.Equal(t, "eu-west-1", logs.Attributes["region"], "a child module inherits the default provider")
	require.Equal(t, "us-east-1", byID(t, res, "arn:aws:s3:::east-logs").Attributes["region"], "providers = { aws = aws.us }")
	require.Contains(t, diagLines(res.Diagnostics), "main.tf:14:1: warning: Remote module not evaluated")
}

func TestSecurityGroupRules(t *testing.T) {
	t.Parallel()
	res := load(t, "sg", Options{})
	app := byID(t, res, "aws_security_group.app")
	require.ElementsMatch(t, []any{
		map[string]any{"protocol": "tcp", "from_port": json.Number("22"), "to_port": json.Number("22"), "cidr_ipv4": []any{"0.0.0.0/0"}, "cidr_ipv6": []any{}, "source_groups": []any{}},
		map[string]any{"protocol": "-1", "cidr_ipv4": []any{}, "cidr_ipv6": []any{"::/0"}, "source_groups": []any{}},
	}, app.Attributes["ingress"])
	require.Len(t, app.Attributes["egress"], 2)
	vpc := byID(t, res, "aws_vpc.main")
	require.Equal(t, []any{map[string]any{"status": "ACTIVE", "traffic_type": "REJECT"}}, vpc.Attributes["flow_logs"])
	require.Equal(t, "aws_vpc.main", vpc.Attributes["vpc_id"])
	require.Equal(t, []any{}, byID(t, res, "aws_vpc.nolog").Attributes["flow_logs"])
	def := byID(t, res, "aws_default_security_group.default")
	require.Equal(t, true, def.Attributes["is_default"])
	require.Equal(t, []any{}, def.Attributes["ingress"])
}

func TestGitHubProtection(t *testing.T) {
	t.Parallel()
	res := load(t, "github", Options{})
	protection := func(id string) map[string]any {
		return byID(t, res, id).Attributes["default_branch_protection"].(map[string]any)
	}
	classic := protection("github.com/acme/classic")
	require.Equal(t, true, classic["protected"])
	require.Equal(t, json.Number("2"), classic["required_approving_review_count"])
	require.Equal(t, true, classic["requires_pull_request"])
	require.Equal(t, false, classic["allow_force_pushes"])
	require.Equal(t, true, classic["blocks_deletions"])
	require.Equal(t, []any{"branch_protection"}, classic["sources"])
	repo := byID(t, res, "github.com/acme/classic")
	require.Equal(t, "private", repo.Attributes["visibility"])
	require.Equal(t, map[string]any{"enabled": true, "allowed_actions": "local_only"}, repo.Attributes["actions"])
	require.Contains(t, repo.Unknown["has_codeowners"], "not in this configuration")

	v3 := protection("github.com/acme/v3")
	require.Equal(t, true, v3["protected"], "v3 protection of the trunk default branch")
	require.Equal(t, json.Number("0"), v3["required_approving_review_count"])
	require.Equal(t, false, v3["allow_force_pushes"])

	rs := protection("github.com/acme/ruleset")
	require.Equal(t, json.Number("3"), rs["required_approving_review_count"])
	require.Equal(t, false, rs["allow_force_pushes"], "non_fast_forward")
	require.Equal(t, true, rs["allow_deletions"], "no deletion rule")
	require.Equal(t, true, rs["enforce_admins"], "no bypass actors")
	require.Equal(t, []any{"rulesets"}, rs["sources"])

	unk := byID(t, res, "github.com/acme/unknown-branch")
	require.Contains(t, unk.Unknown["default_branch_protection.protected"], "may or may not cover the default branch")
	for _, k := range []string{"protected", "allow_force_pushes", "allow_deletions", "required_approving_review_count"} {
		require.NotContains(t, unk.Attributes["default_branch_protection"], k, "the evaluate-only ruleset is ignored, the classic one may cover the branch")
	}

	member := byID(t, res, "github.com/acme/members/carol-sec")
	require.Equal(t, "admin", member.Attributes["role"])
	require.Contains(t, member.Unknown, "two_factor_disabled")
	org := byID(t, res, "github.com/acme")
	require.Equal(t, "read", org.Attributes["default_repository_permission"])
	require.Equal(t, false, org.Attributes["new_repository_security"].(map[string]any)["secret_scanning"])
	require.Contains(t, org.Unknown, "two_factor_requirement_enabled")
}

func TestSyntaxErrorHasPosition(t *testing.T) {
	t.Parallel()
	res := load(t, "syntax", Options{})
	require.Nil(t, res.Snapshot)
	require.True(t, res.Diagnostics.HasErrors())
	require.Contains(t, diagLines(res.Diagnostics), "main.tf:6:19: error: Invalid multi-line string")
}

func TestTFVarsPrecedence(t *testing.T) {
	t.Parallel()
	res := load(t, "tfvars", Options{VarFiles: []string{"extra.tfvars.in"}})
	sg := byID(t, res, "aws_security_group.v")
	// terraform.tfvars < terraform.tfvars.json < *.auto.tfvars(.json) by name < --var-file
	require.Equal(t, "json-auto-var-file", sg.Attributes["group_name"])
	require.Equal(t, json.Number("3389"), sg.Attributes["ingress"].([]any)[0].(map[string]any)["from_port"], "z.auto.tfvars.json is read last of the automatic files; its string is converted to the declared number type")
}

func TestMissingPath(t *testing.T) {
	t.Parallel()
	_, err := Load(context.Background(), os.DirFS("testdata"), []string{"nope"}, Options{})
	require.ErrorContains(t, err, "read terraform nope")
	_, err = Load(context.Background(), os.DirFS("testdata/cases/tfvars"), []string{"terraform.tfvars"}, Options{})
	require.ErrorIs(t, err, ErrNoConfiguration, "a path with variables but no configuration must not pass as clean")
}

// TestGitHubRepositorySettings covers the repository settings beyond branch
// protection, and that a webhook secret and URL token never reach evidence.
func TestGitHubRepositorySettings(t *testing.T) {
	t.Parallel()
	res := load(t, "github", Options{})
	full := byID(t, res, "github.com/acme/full")
	require.Equal(t, true, full.Attributes["has_codeowners"])
	require.Equal(t, true, full.Attributes["vulnerability_alerts_enabled"])
	require.Equal(t, map[string]any{"secret_scanning": true, "secret_scanning_push_protection": false, "dependabot_security_updates": true}, full.Attributes["security_and_analysis"])
	require.Contains(t, full.Unknown, "security_and_analysis.advanced_security")
	require.Equal(t, []any{map[string]any{"name": "web", "active": true, "events": []any{"push"}, "url_scheme": "http", "url_host": "ci.acme.example", "insecure_ssl": true, "has_secret": true}}, full.Attributes["webhooks"])
	require.Equal(t, []any{map[string]any{"title": "deploy", "read_only": false}}, full.Attributes["deploy_keys"])
	require.Equal(t, []any{map[string]any{"login": "contractor", "permission": "admin"}, map[string]any{"login": "dev", "permission": "write"}}, full.Attributes["collaborators"])
	require.Equal(t, map[string]any{"default_workflow_permissions": "write", "can_approve_pull_request_reviews": true}, full.Attributes["actions"])
	data, err := json.Marshal(res.Snapshot)
	require.NoError(t, err)
	require.NotContains(t, string(data), "s3cr3t")
	require.NotContains(t, string(data), "token=abc")

	org := byID(t, res, "github.com/acme")
	require.Equal(t, map[string]any{"allowed_actions": "selected", "enabled_repositories": "all"}, org.Attributes["actions"])

	// The organisation ruleset selects "fu*" repositories and their default branch.
	prot := full.Attributes["default_branch_protection"].(map[string]any)
	require.Equal(t, true, prot["protected"])
	require.Equal(t, true, prot["required_signatures"])
	require.Equal(t, []any{"rulesets"}, prot["sources"])
	classic := byID(t, res, "github.com/acme/classic").Attributes["default_branch_protection"].(map[string]any)
	require.Equal(t, false, classic["required_signatures"], "not selected by the organisation ruleset")
}

// TestOverrideFiles: override files are merged as Terraform merges them,
// so an override that opens a port is seen; duplicates and overrides of
// nothing are errors with their position.
func TestOverrideFiles(t *testing.T) {
	t.Parallel()
	res := load(t, "override", Options{})
	web := byID(t, res, "aws_security_group.web")
	require.Equal(t, []any{map[string]any{"protocol": "tcp", "from_port": json.Number("22"), "to_port": json.Number("22"), "cidr_ipv4": []any{"0.0.0.0/0"}, "cidr_ipv6": []any{}, "source_groups": []any{}}}, web.Attributes["ingress"])
	require.Equal(t, "web", web.Attributes["group_name"], "arguments the override does not set are kept")
	require.Equal(t, "main.tf", web.Source.File)

	dup := load(t, "duplicate", Options{})
	require.Nil(t, dup.Snapshot)
	require.Equal(t, []string{
		"b.tf:1:1: error: Duplicate resource configuration",
		"override.tf:1:1: error: Missing base configuration for override",
	}, diagLines(dup.Diagnostics))
	require.Contains(t, dup.Diagnostics[0].Detail, "already declared at a.tf:1")
}

// TestFileFunctions: policies kept in files are read (relative to the root
// module, or through path.module), templates are rendered; a missing file
// leaves the policy unknown with the reason.
func TestFileFunctions(t *testing.T) {
	t.Parallel()
	res := load(t, "files", Options{})
	web := byID(t, res, "arn:aws:s3:::acme-web")
	doc := web.Attributes["policy"].(map[string]any)["document"].(map[string]any)
	require.Equal(t, "Deny", doc["Statement"].([]any)[0].(map[string]any)["Effect"])
	deploy := byID(t, res, "aws_iam_policy.deploy")
	stmt := deploy.Attributes["document"].(map[string]any)["Statement"].([]any)[0].(map[string]any)
	require.Equal(t, []any{"s3:PutObject", "s3:GetObject"}, stmt["Action"])
	require.Equal(t, "arn:aws:s3:::acme-web/*", stmt["Resource"])
	missing := byID(t, res, "aws_iam_policy.missing")
	require.NotContains(t, missing.Attributes, "document")
	require.Contains(t, missing.Unknown["document"], "cannot be evaluated statically")
}
