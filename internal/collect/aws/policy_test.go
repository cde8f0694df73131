package aws_test

import (
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
)

// wireAction is the IAM action of a request where it differs from the
// stand-in's "service:Operation" name.
var wireAction = map[string]string{
	"s3:ListBuckets":                 "s3:ListAllMyBuckets",
	"s3:GetBucketEncryption":         "s3:GetEncryptionConfiguration",
	"s3:GetPublicAccessBlock":        "s3:GetBucketPublicAccessBlock",
	"s3:GetObjectLockConfiguration":  "s3:GetBucketObjectLockConfiguration",
	"s3control:GetPublicAccessBlock": "s3:GetAccountPublicAccessBlock",
	// CloudWatch signs as "monitoring".
	"monitoring:DescribeAlarms": "cloudwatch:DescribeAlarms",
	// API Gateway authorizes reads by HTTP method: one action for all.
	"apigateway:GetRestApis":      "apigateway:GET",
	"apigateway:GetStages":        "apigateway:GET",
	"apigateway:GetAuthorizers":   "apigateway:GET",
	"apigateway:GetDomainNames":   "apigateway:GET",
	"apigateway:GetApis":          "apigateway:GET",
	"apigateway:GetStagesV2":      "apigateway:GET",
	"apigateway:GetAuthorizersV2": "apigateway:GET",
	// No permission can deny it.
	"sts:GetCallerIdentity": "",
}

// callerActions are permissions of the credentials that assume the audit
// role, not of the role: docs/aws.md names them in prose.
var callerActions = []string{"sts:AssumeRole", "sts:GetCallerIdentity"}

// TestDocumentedPolicyCoversCollector holds docs/aws.md's minimal IAM
// policy to the collector both ways: every request of a full collection
// and every action the collector's code names in a not-collected or
// unknown reason is in the policy (an action missing there is a gap in
// every audit that uses the documented policy), and every action in the
// policy is one the collector names (else it is not minimal).
func TestDocumentedPolicyCoversCollector(t *testing.T) {
	t.Parallel()
	policy := documentedPolicy(t, filepath.Join("..", "..", "..", "docs", "aws.md"))

	srv := awstest.New(awstest.Sample(), awstest.Faults{})
	defer srv.Close()
	_, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	requested := requestedActions(srv.Operations())
	require.Contains(t, requested, "iam:GetAccountAuthorizationDetails")
	assert.Empty(t, missing(requested, policy), "requested by the collector, not in the policy of docs/aws.md")

	named := namedActions(t, ".")
	assert.Empty(t, missing(named, policy), "named by the collector's code, not in the policy of docs/aws.md")
	assert.Empty(t, missing(policy, named), "in the policy of docs/aws.md, never used by the collector")
}

// TestPolicyCheckCatches: the comparison the test above relies on finds a
// request the policy lacks.
func TestPolicyCheckCatches(t *testing.T) {
	t.Parallel()
	policy := []string{"iam:ListRoles", "s3:ListAllMyBuckets"}
	got := requestedActions([]string{"iam:ListRoles", "s3:ListBuckets", "sts:GetCallerIdentity", "iam:ListUsers"})
	assert.Equal(t, []string{"iam:ListRoles", "iam:ListUsers", "s3:ListAllMyBuckets"}, got)
	assert.Equal(t, []string{"iam:ListUsers"}, missing(got, policy))
}

// documentedPolicy reads the actions of the JSON policy that follows the
// heading "## Permissions" in the document.
func documentedPolicy(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	doc := string(data)
	i := strings.Index(doc, "\n## Permissions")
	require.GreaterOrEqual(t, i, 0, "%s has no Permissions section", path)
	m := regexp.MustCompile("(?s)```json\n(.*?)```").FindStringSubmatch(doc[i:])
	require.NotNil(t, m, "no json block in the Permissions section of %s", path)
	var p struct {
		Statement []struct {
			Effect   string
			Action   []string
			Resource string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(m[1]), &p), "the policy in %s", path)
	var out []string
	for _, s := range p.Statement {
		require.Equal(t, "Allow", s.Effect)
		out = append(out, s.Action...)
	}
	require.True(t, slices.IsSorted(out), "the policy's actions are sorted, so a missing one is easy to see")
	return out
}

// requestedActions maps the stand-in's operation names to IAM actions.
func requestedActions(ops []string) []string {
	var out []string
	for _, op := range ops {
		a, ok := wireAction[op]
		if !ok {
			a = op
		}
		if a != "" && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	slices.Sort(out)
	return out
}

// actionRE matches an IAM action in a reason string ("iam:ListRoles",
// "iam:GenerateCredentialReport and iam:GetCredentialReport").
var actionRE = regexp.MustCompile(`\b(access-analyzer|account|apigateway|backup|cloudfront|cloudtrail|cloudwatch|config|dynamodb|ec2|ecr|eks|elasticfilesystem|elasticloadbalancing|guardduty|iam|inspector2|kms|lambda|logs|macie2|organizations|rds|s3|secretsmanager|securityhub|sns|sqs|sts|wafv2):[A-Z][A-Za-z]+`)

// namedActions collects the IAM actions in the string literals of the
// collector's non-test sources (comments are not literals).
func namedActions(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(t, err)
	var out []string
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		require.NoError(t, err)
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			for _, a := range actionRE.FindAllString(s, -1) {
				if !slices.Contains(callerActions, a) && !slices.Contains(out, a) {
					out = append(out, a)
				}
			}
			return true
		})
	}
	require.NotEmpty(t, out, "no action found in the collector's sources under %s", dir)
	slices.Sort(out)
	return out
}

// missing returns the elements of want that have is lacks.
func missing(want, have []string) []string {
	var out []string
	for _, a := range want {
		if !slices.Contains(have, a) {
			out = append(out, a)
		}
	}
	return out
}
