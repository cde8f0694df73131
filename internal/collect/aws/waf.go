package aws

import (
	"context"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wafv2"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// webACL records the AWS WAF (WAFv2) web ACL associated with a regional
// resource (an application load balancer) as web_acl_arn: "" when none,
// unknown with the reason when the call fails. CloudFront distributions
// carry theirs in the distribution (web_acl_id) and REST API stages in the
// stage (webAclArn), so only load balancers need the call. WAF Classic
// (end of support 30 September 2025) associations are not read.
func (r *run) webACL(ctx context.Context, c *wafv2.Client, sc evidence.Scope, arn, what string, attrs map[string]any, unknown map[string]string) {
	const action = "wafv2:GetWebACLForResource"
	out, err := c.GetWebACLForResource(ctx, &wafv2.GetWebACLForResourceInput{ResourceArn: sdkaws.String(arn)})
	if err != nil {
		unknown["web_acl_arn"] = r.unknownReason(sc, "web ACL of "+what, action, err)
		return
	}
	// WAF answers a resource without a web ACL with no WebACL member.
	if out.WebACL == nil {
		attrs["web_acl_arn"] = ""
		return
	}
	if out.WebACL.ARN == nil {
		unknown["web_acl_arn"] = r.unknownReason(sc, "web ACL of "+what, action, errMissing("WebACL.ARN"))
		return
	}
	attrs["web_acl_arn"] = *out.WebACL.ARN
}
