package controls_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/terraform"
)

// TestEdgeControlsOnTerraform: the load balancer, CloudFront and API
// Gateway controls judge the Terraform of a pull request as they judge the
// live estate — the compliant resources of the edge case pass, the
// misconfigured ones fail, and what Terraform cannot know (availability
// zones, a classic listener's SSL policy, a stage's web ACL, a domain's
// unset security policy) is not_evaluated, never a pass.
func TestEdgeControlsOnTerraform(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	eng, err := engine.New(ctx, []engine.Source{{Name: "controls", FS: controls.FS}})
	require.NoError(t, err)
	res, err := terraform.Load(ctx, os.DirFS(filepath.Join("..", "internal", "terraform", "testdata", "cases", "edge")), []string{"."}, terraform.Options{})
	require.NoError(t, err)
	require.False(t, res.Diagnostics.HasErrors(), "%s", res.Diagnostics.Error())
	got := map[string]map[string]finding.Status{}
	for _, f := range eng.EvaluateIn(ctx, res.Snapshot, engine.Env{Settings: model.Settings{}.ControlInput()}) {
		if got[f.ControlID] == nil {
			got[f.ControlID] = map[string]finding.Status{}
		}
		got[f.ControlID][f.Resource.ID] = f.Status
	}
	pass, fail, ne := finding.Pass, finding.Fail, finding.NotEvaluated
	for control, want := range map[string]map[string]finding.Status{
		"AWS-ELB-001":   {"aws_lb.web": pass, "aws_lb.legacy": fail, "aws_lb.db": pass},
		"AWS-ELB-002":   {"aws_lb.web": pass, "aws_lb.legacy": fail, "aws_lb.db": pass},
		"AWS-ELB-003":   {"aws_lb.web": pass, "aws_lb.legacy": fail, "aws_lb.db": pass},
		"AWS-ELB-004":   {"aws_lb.web": pass, "aws_lb.legacy": fail, "aws_lb.db": fail},
		"AWS-ELB-005":   {"aws_lb.web": pass, "aws_lb.legacy": fail, "aws_lb.db": fail},
		"AWS-ELB-006":   {"aws_lb.web": pass, "aws_lb.legacy": fail, "aws_lb.db": pass},
		"AWS-ELB-009":   {"aws_lb.web": ne, "aws_lb.legacy": ne, "aws_lb.db": ne},
		"AWS-ELB-010":   {"aws_lb.web": pass, "aws_lb.legacy": pass, "aws_lb.db": fail},
		"AWS-ELB-011":   {"aws_lb.web": pass, "aws_lb.legacy": fail, "aws_lb.db": pass},
		"AWS-ELB-020":   {"aws_elb.classic": fail},
		"AWS-ELB-021":   {"aws_elb.classic": ne},
		"AWS-ELB-022":   {"aws_elb.classic": pass},
		"AWS-ELB-024":   {"aws_elb.classic": pass},
		"AWS-ELB-027":   {"aws_elb.classic": fail},
		"AWS-CF-001":    {"aws_cloudfront_distribution.site": pass, "aws_cloudfront_distribution.downloads": fail},
		"AWS-CF-002":    {"aws_cloudfront_distribution.site": pass, "aws_cloudfront_distribution.downloads": fail},
		"AWS-CF-003":    {"aws_cloudfront_distribution.site": pass, "aws_cloudfront_distribution.downloads": fail},
		"AWS-CF-004":    {"aws_cloudfront_distribution.site": pass, "aws_cloudfront_distribution.downloads": fail},
		"AWS-CF-005":    {"aws_cloudfront_distribution.site": pass, "aws_cloudfront_distribution.downloads": fail},
		"AWS-CF-006":    {"aws_cloudfront_distribution.site": pass, "aws_cloudfront_distribution.downloads": fail},
		"AWS-CF-008":    {"aws_cloudfront_distribution.site": pass, "aws_cloudfront_distribution.downloads": fail},
		"AWS-APIGW-001": {"aws_api_gateway_rest_api.orders": pass, "aws_api_gateway_rest_api.legacy": fail},
		"AWS-APIGW-002": {"aws_api_gateway_rest_api.orders": pass, "aws_api_gateway_rest_api.legacy": fail},
		"AWS-APIGW-003": {"aws_api_gateway_rest_api.orders": pass, "aws_api_gateway_rest_api.legacy": pass},
		"AWS-APIGW-004": {"aws_api_gateway_rest_api.orders": pass, "aws_api_gateway_rest_api.legacy": fail},
		"AWS-APIGW-006": {"aws_api_gateway_rest_api.orders": pass, "aws_api_gateway_rest_api.legacy": fail},
		"AWS-APIGW-007": {"aws_api_gateway_rest_api.orders": pass, "aws_api_gateway_rest_api.legacy": fail},
		"AWS-APIGW-008": {"aws_api_gateway_domain_name.api": pass, "aws_api_gateway_domain_name.old": ne},
		"AWS-APIGW-009": {"aws_apigatewayv2_api.events": pass, "aws_apigatewayv2_api.chat": fail},
		"AWS-APIGW-010": {"aws_apigatewayv2_api.events": pass, "aws_apigatewayv2_api.chat": fail},
	} {
		assert.Equal(t, want, got[control], control)
	}
}
