package authoring_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/clitest"
)

// The scaffold passes fmt and its tests as generated, and lint refuses it
// (scaffold-unedited) until its marker comment is deleted: unedited, it
// would fail real resources with a placeholder rule on every run.
func TestNewControlPassesFmtLintAndTest(t *testing.T) {
	builtin, err := filepath.Abs("testdata/builtin")
	require.NoError(t, err)
	pack, err := filepath.Abs("testdata/pack")
	require.NoError(t, err)
	pkgDir, err := os.Getwd()
	require.NoError(t, err)
	t.Chdir(t.TempDir())

	out, errOut, code := clitest.Run(t, "new", "control", "--id", "AWS-S3-090", "--type", "aws.s3.bucket")
	require.Equal(t, 0, code, errOut)
	ctl, test := read(t, "controls/aws/s3/aws_s3_090.rego"), read(t, "controls/aws/s3/aws_s3_090_test.rego")
	t.Chdir(pkgDir)
	golden(t, "new/stdout", out)
	golden(t, "new/aws_s3_090.rego", ctl)
	golden(t, "new/aws_s3_090_test.rego", test)
	t.Chdir(t.TempDir())
	require.NoError(t, os.MkdirAll("controls/aws/s3", 0o755))
	require.NoError(t, os.WriteFile("controls/aws/s3/aws_s3_090.rego", []byte(ctl), 0o644))
	require.NoError(t, os.WriteFile("controls/aws/s3/aws_s3_090_test.rego", []byte(test), 0o644))

	_, errOut, code = clitest.Run(t, "fmt", "--check", "controls")
	require.Equal(t, 0, code, errOut)
	out, _, code = clitest.Run(t, "lint", "controls")
	require.Equal(t, 1, code, out)
	// The finding is at the scaffold's marker comment, wherever the template puts it.
	markerLine := 1 + strings.Count(ctl[:strings.Index(ctl, "# rampart-scaffold:")], "\n")
	require.Equal(t, fmt.Sprintf("controls/aws/s3/aws_s3_090.rego:%d:1: error: scaffold-unedited: the control is rampart new control's scaffold, unedited: write its rule, title, remediation and frameworks, then delete this comment\n", markerLine), out)
	edited := regexp.MustCompile(`(?m)^# rampart-scaffold:.*\n(#.*\n)*\n`).ReplaceAllString(ctl, "")
	require.NotEqual(t, ctl, edited)
	require.NoError(t, os.WriteFile("controls/aws/s3/aws_s3_090.rego", []byte(edited), 0o644))
	_, errOut, code = clitest.Run(t, "fmt", "--check", "controls")
	require.Equal(t, 0, code, errOut)
	out, _, code = clitest.Run(t, "lint", "controls")
	require.Equal(t, 0, code, "with the marker deleted:\n%s", out)

	// With equivalents the scaffold carries them, and lint's only finding
	// is still the unedited scaffold: the equivalents are known IDs.
	out, errOut, code = clitest.Run(t, "new", "control", "--id", "AWS-S3-012", "--type", "aws.s3.bucket", "--equivalent", "trivy=AVD-AWS-0090", "--equivalent", "prowler=s3_bucket_object_versioning")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, read(t, "controls/aws/s3/aws_s3_012.rego"), "#   equivalents:\n#     prowler: [s3_bucket_object_versioning]\n#     trivy: [AVD-AWS-0090]\n")
	out, _, code = clitest.Run(t, "lint", "controls")
	require.Equal(t, 1, code, out)
	require.Equal(t, 1, strings.Count(out, "error:"), out)
	require.Contains(t, out, "aws_s3_012.rego:", out)
	require.Contains(t, out, "scaffold-unedited", out)
	require.NoError(t, os.Remove("controls/aws/s3/aws_s3_012.rego"))
	require.NoError(t, os.Remove("controls/aws/s3/aws_s3_012_test.rego"))

	require.NoError(t, os.WriteFile("workspace.hcl", []byte("mitigation \"new\" {\n  controls = [\"AWS-S3-090\"]\n}\n"), 0o644))
	out, errOut, code = clitest.Run(t, "test", "--controls", builtin, "--policies", pack, ".")
	require.Equal(t, 0, code, out+errOut)
	require.Equal(t, "ok  \tdata.rampart.aws.s3.aws_s3_090_test\t3 tests\nok  \tdata.rampart.aws.s3.encrypted_test\t3 tests\ncoverage: 2 controls, 0 gaps\nPASS\n", out)
}

func TestNewControlRejects(t *testing.T) {
	t.Chdir(t.TempDir())
	_, _, code := clitest.Run(t, "new", "control", "--id", "AWS-S3-090", "--type", "aws.s3.bucket")
	require.Equal(t, 0, code)
	for _, tc := range []struct {
		name   string
		args   []string
		stderr string
	}{
		{"exists", []string{"--id", "AWS-S3-090", "--type", "aws.s3.bucket"}, "rampart: --id AWS-S3-090 exists already (controls/aws/s3/aws_s3_090.rego): choose another ID\n"},
		{"bad id", []string{"--id", "s3-1", "--type", "aws.s3.bucket"}, "rampart: --id \"s3-1\" does not match PLATFORM-SERVICE-NNN (e.g. AWS-S3-010)\n"},
		{"unknown type", []string{"--id", "AWS-S3-011", "--type", "aws.s3.buckets"}, "rampart: --type \"aws.s3.buckets\" is not a documented resource type (docs/resources.md): aws.account, "},
		{"bad severity", []string{"--id", "AWS-S3-011", "--type", "aws.s3.bucket", "--severity", "HIGH"}, "rampart: --severity \"HIGH\" is not one of critical, high, medium, low, info\n"},
		{"bad framework", []string{"--id", "AWS-S3-011", "--type", "aws.s3.bucket", "--framework", "pci=1.2"}, "rampart: --framework \"pci\" is not a known framework key: cis-aws-3.0, cis-github-1.0, iso27001-2022, nist-800-53-r5, soc2\n"},
		{"bad attribute", []string{"--id", "AWS-S3-011", "--type", "aws.s3.bucket", "--attribute", "a b"}, "rampart: --attribute \"a b\" is not an attribute name (dotted for nested ones: encryption.enabled)\n"},
		{"missing flags", []string{"--id", "AWS-S3-011"}, "rampart: --id and --type are required\n"},
		{"unknown anchor", []string{"--id", "AWS-S3-011", "--type", "aws.s3.bucket", "--equivalent", "checkov=CKV_AWS_20"}, "rampart: --equivalent \"checkov\" is not an anchor key: cis-ssc, legitify, prowler, scorecard, trivy\n"},
		{"unknown check", []string{"--id", "AWS-S3-011", "--type", "aws.s3.bucket", "--equivalent", "trivy=AVD-AWS-9999"}, "rampart: --equivalent trivy=AVD-AWS-9999: \"AVD-AWS-9999\" is not a check in the checked-in Trivy list (controls/anchors)\n"},
		{"equivalent shape", []string{"--id", "AWS-S3-011", "--type", "aws.s3.bucket", "--equivalent", "trivy"}, "rampart: --equivalent \"trivy\": want ANCHOR=CHECK_ID, e.g. prowler=s3_bucket_kms_encryption\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := clitest.Run(t, append([]string{"new", "control"}, tc.args...)...)
			require.Equal(t, 2, code)
			// The list of known types grows with docs/resources.md: compare its start
			// (messages that end in ", " are prefixes).
			if strings.HasSuffix(tc.stderr, ", ") {
				require.True(t, strings.HasPrefix(errOut, tc.stderr), errOut)
				return
			}
			require.Equal(t, tc.stderr, errOut)
		})
	}
}

// WORKSPACE/controls is loaded next to the embedded set by default, and
// not twice when --controls names the same folder.
func TestTestLoadsWorkspaceControlsOnce(t *testing.T) {
	pack, err := filepath.Abs("testdata/pack")
	require.NoError(t, err)
	builtin, err := filepath.Abs("testdata/builtin")
	require.NoError(t, err)
	t.Chdir(t.TempDir())
	_, _, code := clitest.Run(t, "new", "control", "--id", "ACME-S3-010", "--type", "aws.s3.bucket", "--dir", "controls/acme")
	require.Equal(t, 0, code)
	require.NoError(t, os.WriteFile("workspace.hcl", []byte("mitigation \"new\" {\n  controls = [\"ACME-S3-010\"]\n}\n"), 0o644))

	out, errOut, code := clitest.Run(t, "test", "--run", "acme_s3_010", ".")
	require.Equal(t, 0, code, out+errOut)
	require.Contains(t, out, "ok  \tdata.rampart.aws.s3.acme_s3_010_test\t3 tests\n")

	out, errOut, code = clitest.Run(t, "test", "--controls", builtin, "--controls", "controls", "--policies", pack, ".")
	require.Equal(t, 0, code, "loading controls/ twice would be an ID clash (exit 2):\n"+out+errOut)
	require.Contains(t, out, "coverage: 2 controls, 0 gaps\nPASS\n")
}
