# Issue 18 depth: the internal tools load balancer is behind the
# platform's regional web ACL (AWS-ELB-011), associated by reference.
resource "aws_wafv2_web_acl" "platform" {
  name  = "${local.prefix}-platform"
  scope = "REGIONAL"
  default_action {
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "platform"
    sampled_requests_enabled   = true
  }
  tags = local.tags
}

resource "aws_wafv2_web_acl_association" "tools" {
  resource_arn = aws_lb.tools.arn
  web_acl_arn  = aws_wafv2_web_acl.platform.arn
}
