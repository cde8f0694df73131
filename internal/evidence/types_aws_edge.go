package evidence

// The edge of an AWS estate, where the internet meets it: Elastic Load
// Balancing (application, network and gateway load balancers through
// elbv2, Classic Load Balancers through elb), CloudFront distributions and
// API Gateway (REST APIs with their stages and custom domain names, HTTP
// and WebSocket APIs of API Gateway v2).
const (
	TypeAWSELBv2LoadBalancer   = "aws.elbv2.load_balancer"
	TypeAWSELBLoadBalancer     = "aws.elb.load_balancer"
	TypeAWSCloudFrontDist      = "aws.cloudfront.distribution"
	TypeAWSAPIGatewayRestAPI   = "aws.apigateway.rest_api"
	TypeAWSAPIGatewayDomain    = "aws.apigateway.domain_name"
	TypeAWSAPIGatewayV2API     = "aws.apigatewayv2.api"
	elbListenerShape           = "list of `{port, protocol, ssl_policy, certificate_arns: [..], default_actions: [{type, redirect_protocol}]}`"
	classicListenerShape       = "list of `{protocol, load_balancer_port, instance_protocol, instance_port, ssl_certificate_id, ssl_policy}`"
	restStageShape             = "list of `{stage_name, access_logs_enabled, logging_level, tracing_enabled, client_certificate_enabled, web_acl_arn, cache_cluster_enabled, cache_data_encrypted}`"
	cloudFrontBehaviorShape    = "list of `{path_pattern, viewer_protocol_policy, field_level_encryption_id}`"
	cloudFrontOriginShape      = "list of `{id, domain_name, type, origin_access_control_id, origin_access_identity, origin_protocol_policy, origin_ssl_protocols: [..]}`"
	apiGatewayUnknownStageNote = "a stage value Terraform cannot know is named in `unknown` as `stages[<i>].<field>`"
)

var awsEdgeTypes = []ResourceType{
	{
		Name: TypeAWSELBv2LoadBalancer, ID: "the load balancer ARN",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Notes: "Application, network and gateway load balancers (`elasticloadbalancing:DescribeLoadBalancers`, `DescribeListeners`, `DescribeLoadBalancerAttributes`, API version 2015-12-01). Terraform: `aws_lb` with the `aws_lb_listener`s whose `load_balancer_arn` names it.",
		Attributes: []Attribute{
			{Name: "name", Kind: KindString, From: Both, Description: "Terraform: `name`, or the address when it is generated"},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "type", Kind: KindString, From: Both, Description: "`application`, `network` or `gateway` (Terraform `load_balancer_type`, default `application`)"},
			{Name: "scheme", Kind: KindString, From: Both, Description: "`internet-facing` or `internal` (Terraform `internal`, default false: internet-facing)"},
			{Name: "availability_zones", Kind: KindList, Shape: "list of string", From: Live, Description: "the zones the load balancer has nodes in, sorted (Terraform names subnets, whose zones it does not know)"},
			{Name: "listeners", Kind: KindList, Shape: elbListenerShape, From: Both, Description: "`ssl_policy` on HTTPS and TLS listeners only; `redirect_protocol` on `redirect` actions only (`HTTPS`, `HTTP` or `#{protocol}`); `[]` when there is none. Terraform: the `aws_lb_listener`s linked to it, and `unknown` when a listener names a load balancer that cannot be resolved statically"},
			{Name: "access_logs_enabled", Kind: KindBool, From: Both, Description: "`access_logs.s3.enabled` (Terraform `access_logs { enabled }`, default false)"},
			{Name: "deletion_protection", Kind: KindBool, From: Both, Description: "`deletion_protection.enabled` (Terraform `enable_deletion_protection`, default false)"},
			{Name: "drop_invalid_header_fields", Kind: KindBool, From: Both, Description: "application load balancers only: `routing.http.drop_invalid_header_fields.enabled` (Terraform default false)"},
			{Name: "desync_mitigation_mode", Kind: KindString, From: Both, Description: "application load balancers only: `routing.http.desync_mitigation_mode`, `monitor`, `defensive` or `strictest` (Terraform default `defensive`)"},
			{Name: "cross_zone_load_balancing", Kind: KindBool, From: Both, Description: "`load_balancing.cross_zone.enabled`; always true on application load balancers (Terraform `enable_cross_zone_load_balancing`, default false for network and gateway load balancers)"},
			{Name: "web_acl_arn", Kind: KindString, From: Both, Description: "application load balancers only: the AWS WAF web ACL associated with it (`wafv2:GetWebACLForResource`), `\"\"` when none; WAF Classic associations (end of support 30 September 2025) are not read. Terraform: the `web_acl_arn` of the `aws_wafv2_web_acl_association` (or `web_acl_id` of the `aws_wafregional_web_acl_association`) whose `resource_arn` references the load balancer — the referenced web ACL's address when its ARN is known only after apply —, `\"\"` without one"},
			tfRegion,
		},
	},
	{
		Name: TypeAWSELBLoadBalancer, ID: "`arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/<name>`",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Notes: "Classic Load Balancers (`elasticloadbalancing:DescribeLoadBalancers`, `DescribeLoadBalancerAttributes`, `DescribeLoadBalancerPolicies`, API version 2012-06-01). Terraform: `aws_elb`.",
		Attributes: []Attribute{
			{Name: "name", Kind: KindString, From: Both, Description: "Terraform: `name`, or the address when it is generated"},
			{Name: "scheme", Kind: KindString, From: Both, Description: "`internet-facing` or `internal` (Terraform `internal`, default false)"},
			{Name: "availability_zones", Kind: KindList, Shape: "list of string", From: Live, Description: "sorted"},
			{Name: "listeners", Kind: KindList, Shape: classicListenerShape, From: Both, Description: "protocols upper-case (`HTTP`, `HTTPS`, `TCP`, `SSL`); `ssl_policy` on HTTPS and SSL listeners: the predefined policy (`Reference-Security-Policy`) of the listener's SSL negotiation policy, `\"\"` for a custom one without a reference; named in `unknown` as `listeners[<i>].ssl_policy` when its policies could not be read, and always in Terraform (the policy is set by `aws_load_balancer_listener_policy`, which is not read)"},
			{Name: "access_logs_enabled", Kind: KindBool, From: Both, Description: "`AccessLog.Enabled` (Terraform `access_logs { enabled }`, default true when the block is present, false without it)"},
			{Name: "cross_zone_load_balancing", Kind: KindBool, From: Both, Description: "Terraform `cross_zone_load_balancing`, default true"},
			{Name: "connection_draining", Kind: KindBool, From: Both, Description: "Terraform `connection_draining`, default false"},
			{Name: "desync_mitigation_mode", Kind: KindString, From: Both, Description: "`elb.http.desyncmitigationmode`: `monitor`, `defensive` or `strictest` (Terraform default `defensive`)"},
			tfRegion,
		},
	},
	{
		Name: TypeAWSCloudFrontDist, ID: "the distribution ARN",
		Platform: "aws", Scope: awsGlobalScope, Collector: "aws", Terraform: true,
		ScopeNote: "(CloudFront is global: listed once per account)",
		Notes:     "`cloudfront:ListDistributions`, and per distribution `cloudfront:GetDistributionConfig` for what the listing lacks (logging, default root object). Terraform: `aws_cloudfront_distribution`.",
		Attributes: []Attribute{
			{Name: "distribution_id", Kind: KindString, From: Both, Description: "Terraform: the resource address (the ID is assigned at apply)"},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "domain_name", Kind: KindString, From: Live, Description: "`<id>.cloudfront.net`"},
			{Name: "enabled", Kind: KindBool, From: Both},
			{Name: "cache_behaviors", Kind: KindList, Shape: cloudFrontBehaviorShape, From: Both, Description: "the default cache behavior first (`path_pattern` `*`), then the ordered ones; `field_level_encryption_id` `\"\"` when none"},
			{Name: "viewer_certificate", Kind: KindObject, From: Both},
			{Name: "viewer_certificate.cloudfront_default_certificate", Kind: KindBool, From: Both, Description: "the `*.cloudfront.net` certificate, which accepts TLSv1 whatever the minimum says"},
			{Name: "viewer_certificate.minimum_protocol_version", Kind: KindString, From: Both, Description: "`SSLv3`, `TLSv1`, `TLSv1_2016`, `TLSv1.1_2016`, `TLSv1.2_2018`, `TLSv1.2_2019`, `TLSv1.2_2021`, `TLSv1.2_2025`, `TLSv1.3_2025`"},
			{Name: "viewer_certificate.ssl_support_method", Kind: KindString, From: Both, Description: "`sni-only`, `vip` or `static-ip`; `\"\"` with the default certificate"},
			{Name: "viewer_certificate.certificate_source", Kind: KindString, From: Both, Description: "`cloudfront`, `acm` or `iam`"},
			{Name: "web_acl_id", Kind: KindString, From: Both, Description: "the AWS WAF web ACL (a WAFv2 ARN or a WAF Classic ID); `\"\"` when none"},
			{Name: "logging_enabled", Kind: KindBool, From: Both, Description: "standard logging to S3 (`Logging.Enabled` of the distribution config; Terraform: a `logging_config` block); named in `unknown` when `GetDistributionConfig` fails"},
			{Name: "default_root_object", Kind: KindString, From: Both, Description: "`\"\"` when none; named in `unknown` when `GetDistributionConfig` fails"},
			{Name: "origins", Kind: KindList, Shape: cloudFrontOriginShape, From: Both, Description: "`type` `s3` (an S3 origin config: the bucket's REST endpoint), `custom` or `vpc`; `origin_access_identity` is the legacy OAI path, `\"\"` when none; `origin_protocol_policy` and `origin_ssl_protocols` on custom origins only. Terraform: an origin without `custom_origin_config` or `vpc_origin_config` is an S3 origin (as the provider sends it); an `origin_access_control_id` or `origin_access_identity` that references a resource of the same change reads `(set at apply)`: it is set, its ID comes at apply"},
			{Name: "geo_restriction_type", Kind: KindString, From: Both, Description: "`none`, `whitelist` or `blacklist`"},
		},
	},
	{
		Name: TypeAWSAPIGatewayRestAPI, ID: "`arn:aws:apigateway:<region>::/restapis/<id>`",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Notes: "API Gateway REST APIs with their stages (`apigateway:GET` on `/restapis`, `/restapis/<id>/stages` and `/restapis/<id>/authorizers`: API Gateway authorizes reads by HTTP method and path). Terraform: `aws_api_gateway_rest_api`, with the `aws_api_gateway_stage`s, `aws_api_gateway_method_settings` and `aws_api_gateway_authorizer`s whose `rest_api_id` names it.",
		Attributes: []Attribute{
			{Name: "rest_api_id", Kind: KindString, From: Both, Description: "Terraform: the resource address"},
			{Name: "name", Kind: KindString, From: Both},
			{Name: "endpoint_types", Kind: KindList, Shape: "list of string", From: Both, Description: "`EDGE`, `REGIONAL` or `PRIVATE` (Terraform default `EDGE`)"},
			{Name: "authorizers", Kind: KindNumber, From: Both, Description: "how many Lambda or Cognito authorizers the API has"},
			{Name: "stages", Kind: KindList, Shape: restStageShape, From: Both, Description: "`access_logs_enabled`: an access log destination is set (Terraform: an `access_log_settings` block); `client_certificate_enabled`: a client certificate is set; `web_acl_arn` `\"\"` when none; `logging_level` (`OFF`, `ERROR`, `INFO`) and `cache_data_encrypted` are the `*/*` method settings (`OFF` and false when none are set); " + apiGatewayUnknownStageNote + "; Terraform `web_acl_arn`: the `aws_wafv2_web_acl_association` (or `aws_wafregional_web_acl_association`) whose `resource_arn` references the `aws_api_gateway_stage`, the web ACL's address when its ARN is known only after apply, `\"\"` without one"},
			tfRegion,
		},
	},
	{
		Name: TypeAWSAPIGatewayDomain, ID: "`arn:aws:apigateway:<region>::/domainnames/<name>`",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Notes: "API Gateway custom domain names (`apigateway:GET` on `/domainnames`). Terraform: `aws_api_gateway_domain_name`.",
		Attributes: []Attribute{
			{Name: "domain_name", Kind: KindString, From: Both},
			{Name: "security_policy", Kind: KindString, From: Both, Description: "`TLS_1_0`, `TLS_1_2` or an enhanced policy (`SecurityPolicy_TLS13_1_3_2025_09` …); Terraform: named in `unknown` when `security_policy` is not set (API Gateway then chooses)"},
			{Name: "endpoint_types", Kind: KindList, Shape: "list of string", From: Both},
			tfRegion,
		},
	},
	{
		Name: TypeAWSAPIGatewayV2API, ID: "`arn:aws:apigateway:<region>::/apis/<id>`",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Notes: "API Gateway v2 HTTP and WebSocket APIs with their stages (`apigateway:GET` on `/v2/apis`, `/v2/apis/<id>/stages`, `/v2/apis/<id>/authorizers`). Terraform: `aws_apigatewayv2_api` with the `aws_apigatewayv2_stage`s and `aws_apigatewayv2_authorizer`s whose `api_id` names it.",
		Attributes: []Attribute{
			{Name: "api_id", Kind: KindString, From: Both, Description: "Terraform: the resource address"},
			{Name: "name", Kind: KindString, From: Both},
			{Name: "protocol_type", Kind: KindString, From: Both, Description: "`HTTP` or `WEBSOCKET`"},
			{Name: "authorizers", Kind: KindNumber, From: Both, Description: "how many JWT or Lambda authorizers the API has"},
			{Name: "stages", Kind: KindList, Shape: "list of `{stage_name, access_logs_enabled}`", From: Both, Description: "`access_logs_enabled`: an access log destination is set (Terraform: an `access_log_settings` block)"},
			tfRegion,
		},
	},
}
