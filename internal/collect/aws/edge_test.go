package aws_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
	"github.com/rampart-audit/rampart/internal/evidence"
)

// TestEdgeListingFaults: a listing of a load balancer, distribution or API
// that is denied, empty, cut short or looping leaves its type not
// collected in the scope with the reason, and lists none of its
// resources (a partial list would read as the whole one).
func TestEdgeListingFaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, typ, scopeID string
		faults             awstest.Faults
		reason             string
		incomplete         bool
	}{
		{"elbv2 denied", awscollect.TypeELBv2LoadBalancer, "aws:111122223333/eu-west-1",
			awstest.Faults{Deny: map[string]bool{"elasticloadbalancing:DescribeLoadBalancers": true}}, "access denied: needs elasticloadbalancing:DescribeLoadBalancers", false},
		{"elb classic truncated", awscollect.TypeELBLoadBalancer, "aws:111122223333/eu-west-1",
			awstest.Faults{Truncate: map[string]bool{"elasticloadbalancing:DescribeLoadBalancers": true}}, "elasticloadbalancing:DescribeLoadBalancers failed", true},
		{"cloudfront empty body", awscollect.TypeCloudFrontDistribution, "aws:111122223333",
			awstest.Faults{EmptyBody: map[string]bool{"cloudfront:ListDistributions": true}}, "cloudfront:ListDistributions failed", true},
		{"cloudfront denied", awscollect.TypeCloudFrontDistribution, "aws:111122223333",
			awstest.Faults{Deny: map[string]bool{"cloudfront:ListDistributions": true}}, "access denied: needs cloudfront:ListDistributions", false},
		{"cloudfront pages loop", awscollect.TypeCloudFrontDistribution, "aws:111122223333",
			awstest.Faults{LoopPages: map[string]bool{"cloudfront:ListDistributions": true}}, "pagination loops", true},
		{"rest apis denied", awscollect.TypeAPIGatewayRestAPI, "aws:111122223333/eu-west-1",
			awstest.Faults{Deny: map[string]bool{"apigateway:GetRestApis": true}}, "access denied: needs apigateway:GET /restapis", false},
		{"domain names truncated", awscollect.TypeAPIGatewayDomainName, "aws:111122223333/eu-west-1",
			awstest.Faults{Truncate: map[string]bool{"apigateway:GetDomainNames": true}}, "apigateway:GET /domainnames failed", true},
		{"v2 apis loop", awscollect.TypeAPIGatewayV2API, "aws:111122223333/eu-west-1",
			awstest.Faults{LoopPages: map[string]bool{"apigateway:GetApis": true}}, "pagination loops", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, tc.faults)
			var gap *evidence.NotCollected
			for i, g := range snap.NotCollected {
				if g.ResourceType == tc.typ && g.ScopeID == tc.scopeID {
					gap = &snap.NotCollected[i]
				}
			}
			require.NotNil(t, gap, "%s not collected in %s: %+v", tc.typ, tc.scopeID, snap.NotCollected)
			assert.Contains(t, gap.Reason, tc.reason)
			assert.Equal(t, tc.incomplete, snap.Incomplete, snap.IncompleteReason)
			for _, r := range snap.Resources {
				if r.Type == tc.typ && (tc.scopeID == "aws:111122223333" || r.Scope.Region == "eu-west-1") {
					t.Errorf("%s listed although its listing failed: %s", tc.typ, r.ID)
				}
			}
		})
	}
}

// TestEdgeAttributeFaults: a per-resource call that fails leaves the
// attributes it answers unknown with the reason, never a default.
func TestEdgeAttributeFaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, typ, idSuffix string
		faults              awstest.Faults
		attrs               []string
		reason              string
	}{
		{"elbv2 attributes denied", awscollect.TypeELBv2LoadBalancer, "/web-alb/50dc6c495c0c9188",
			awstest.Faults{Deny: map[string]bool{"elasticloadbalancing:DescribeLoadBalancerAttributes": true}},
			[]string{"access_logs_enabled", "deletion_protection", "drop_invalid_header_fields", "desync_mitigation_mode"}, "access denied: needs elasticloadbalancing:DescribeLoadBalancerAttributes"},
		{"elbv2 listeners truncated", awscollect.TypeELBv2LoadBalancer, "/web-alb/50dc6c495c0c9188",
			awstest.Faults{Truncate: map[string]bool{"elasticloadbalancing:DescribeListeners": true}},
			[]string{"listeners"}, "elasticloadbalancing:DescribeListeners failed"},
		{"classic policies denied", awscollect.TypeELBLoadBalancer, "loadbalancer/classic-web",
			awstest.Faults{Deny: map[string]bool{"elasticloadbalancing:DescribeLoadBalancerPolicies": true}},
			[]string{"listeners[1].ssl_policy"}, "access denied: needs elasticloadbalancing:DescribeLoadBalancerPolicies"},
		{"distribution config empty", awscollect.TypeCloudFrontDistribution, "distribution/E2LEGACYEXAMPLE",
			awstest.Faults{EmptyBody: map[string]bool{"cloudfront:GetDistributionConfig": true}},
			[]string{"logging_enabled", "default_root_object"}, "cloudfront:GetDistributionConfig failed"},
		{"rest stages denied", awscollect.TypeAPIGatewayRestAPI, "/restapis/f6g7h8i9j0",
			awstest.Faults{Deny: map[string]bool{"apigateway:GetStages": true}},
			[]string{"stages"}, "access denied: needs apigateway:GET /restapis/f6g7h8i9j0/stages"},
		{"rest authorizers loop", awscollect.TypeAPIGatewayRestAPI, "/restapis/a1b2c3d4e5",
			awstest.Faults{LoopPages: map[string]bool{"apigateway:GetAuthorizers": true}},
			[]string{"authorizers"}, "pagination loops"},
		{"v2 stages truncated", awscollect.TypeAPIGatewayV2API, "/apis/w1s2c3h4a5",
			awstest.Faults{Truncate: map[string]bool{"apigateway:GetStagesV2": true}},
			[]string{"stages"}, "apigateway:GET /v2/apis/w1s2c3h4a5/stages failed"},
		{"v2 authorizers denied", awscollect.TypeAPIGatewayV2API, "/apis/w1s2c3h4a5",
			awstest.Faults{Deny: map[string]bool{"apigateway:GetAuthorizersV2": true}},
			[]string{"authorizers"}, "access denied: needs apigateway:GET /v2/apis/w1s2c3h4a5/authorizers"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, tc.faults)
			r := find(t, snap, tc.typ, tc.idSuffix)
			for _, a := range tc.attrs {
				assert.NotContains(t, r.Attributes, a, "an attribute that could not be read is absent")
				assert.Contains(t, r.Unknown[a], tc.reason, a)
			}
		})
	}
}

// TestLoadBalancerWebACL: an application load balancer's web ACL from
// wafv2:GetWebACLForResource — the ARN, "" when none is associated, and
// unknown with the action when the call is denied or broken (never "").
func TestLoadBalancerWebACL(t *testing.T) {
	t.Parallel()
	const op = "wafv2:GetWebACLForResource@eu-west-1"
	snap := collectSampleWith(t, awstest.Faults{})
	web := find(t, snap, awscollect.TypeELBv2LoadBalancer, "/web-alb/50dc6c495c0c9188")
	assert.Contains(t, web.Attributes["web_acl_arn"], ":regional/webacl/web-edge/")
	legacy := find(t, snap, awscollect.TypeELBv2LoadBalancer, "/legacy-alb/50dc6c495c0c9188")
	assert.Equal(t, "", legacy.Attributes["web_acl_arn"])
	for _, tc := range []struct {
		name       string
		faults     awstest.Faults
		reason     string
		incomplete bool
	}{
		{"denied", awstest.Faults{Deny: map[string]bool{op: true}}, "access denied: needs wafv2:GetWebACLForResource", false},
		{"empty body", awstest.Faults{EmptyBody: map[string]bool{op: true}}, "wafv2:GetWebACLForResource failed: ", true},
		{"truncated", awstest.Faults{Truncate: map[string]bool{op: true}}, "wafv2:GetWebACLForResource failed: ", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, tc.faults)
			for _, name := range []string{"/web-alb/50dc6c495c0c9188", "/legacy-alb/50dc6c495c0c9188"} {
				res := find(t, snap, awscollect.TypeELBv2LoadBalancer, name)
				assert.NotContains(t, res.Attributes, "web_acl_arn")
				assert.Contains(t, res.Unknown["web_acl_arn"], tc.reason)
				assert.Contains(t, res.Attributes, "listeners", "the rest of the load balancer is still read")
			}
			assert.Equal(t, tc.incomplete, snap.Incomplete)
		})
	}
}
