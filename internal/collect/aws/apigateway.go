package aws

import (
	"context"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	agtypes "github.com/aws/aws-sdk-go-v2/service/apigateway/types"
	"github.com/aws/aws-sdk-go-v2/service/apigatewayv2"
	agv2types "github.com/aws/aws-sdk-go-v2/service/apigatewayv2/types"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// API Gateway authorizes reads by HTTP method and resource path, so every
// call below needs the one IAM action apigateway:GET; the reasons name the
// path as well, so a denied policy says which resource it lacks.
const apigatewayGET = "apigateway:GET"

// restAPIs lists the region's REST APIs, each with its stages and the
// number of its authorizers.
func (r *run) restAPIs(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := apigateway.NewFromConfig(cfg)
	var apis []agtypes.RestApi
	err := listAll(ctx, apigateway.NewGetRestApisPaginator(c, &apigateway.GetRestApisInput{}), func(page *apigateway.GetRestApisOutput) (*string, error) {
		apis = append(apis, page.Items...)
		return page.Position, nil
	})
	if err != nil {
		r.gap(ctx, TypeAPIGatewayRestAPI, sc, apigatewayGET+" /restapis", err)
		return nil
	}
	return describeEach(ctx, r, apis, func(ctx context.Context, api agtypes.RestApi) evidence.Resource { return r.restAPI(ctx, c, sc, api) })
}

func (r *run) restAPI(ctx context.Context, c *apigateway.Client, sc evidence.Scope, api agtypes.RestApi) evidence.Resource {
	id := sdkaws.ToString(api.Id)
	arn := "arn:" + partition(sc.Region) + ":apigateway:" + sc.Region + "::/restapis/" + id
	attrs := map[string]any{"rest_api_id": id, "name": sdkaws.ToString(api.Name)}
	unknown := map[string]string{}
	if api.EndpointConfiguration != nil && len(api.EndpointConfiguration.Types) > 0 {
		attrs["endpoint_types"] = endpointTypes(api.EndpointConfiguration.Types)
	} else {
		unknown["endpoint_types"] = r.unknownReason(sc, "endpoint types of REST API "+id, apigatewayGET+" /restapis", errMissing("endpointConfiguration"))
	}

	stages, err := c.GetStages(ctx, &apigateway.GetStagesInput{RestApiId: api.Id})
	if err != nil {
		unknown["stages"] = r.unknownReason(sc, "stages of REST API "+id, apigatewayGET+" /restapis/"+id+"/stages", err)
	} else {
		list := []map[string]any{}
		for _, st := range stages.Item {
			list = append(list, restStage(st))
		}
		attrs["stages"] = list
	}

	n := 0
	err = pages(ctx, func(ctx context.Context, token *string) (*string, error) {
		out, err := c.GetAuthorizers(ctx, &apigateway.GetAuthorizersInput{RestApiId: api.Id, Position: token})
		if err != nil {
			return nil, err
		}
		n += len(out.Items)
		return out.Position, nil
	})
	if err != nil {
		unknown["authorizers"] = r.unknownReason(sc, "authorizers of REST API "+id, apigatewayGET+" /restapis/"+id+"/authorizers", err)
	} else {
		attrs["authorizers"] = n
	}
	return evidence.Resource{Type: TypeAPIGatewayRestAPI, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown}
}

// restStage is one stage; the `*/*` method settings are the stage-wide
// defaults (execution logging, cache encryption), absent when never set,
// which API Gateway treats as logging off and an unencrypted cache.
func restStage(st agtypes.Stage) map[string]any {
	m := map[string]any{
		"stage_name":                 sdkaws.ToString(st.StageName),
		"access_logs_enabled":        st.AccessLogSettings != nil && sdkaws.ToString(st.AccessLogSettings.DestinationArn) != "",
		"tracing_enabled":            st.TracingEnabled,
		"client_certificate_enabled": sdkaws.ToString(st.ClientCertificateId) != "",
		"web_acl_arn":                sdkaws.ToString(st.WebAclArn),
		"cache_cluster_enabled":      st.CacheClusterEnabled,
		"logging_level":              "OFF",
		"cache_data_encrypted":       false,
	}
	if ms, ok := st.MethodSettings["*/*"]; ok {
		if lvl := sdkaws.ToString(ms.LoggingLevel); lvl != "" {
			m["logging_level"] = lvl
		}
		m["cache_data_encrypted"] = ms.CacheDataEncrypted
	}
	return m
}

func endpointTypes(ts []agtypes.EndpointType) []string {
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, string(t))
	}
	return out
}

// domainNames lists the region's REST API custom domain names.
func (r *run) domainNames(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := apigateway.NewFromConfig(cfg)
	var out []evidence.Resource
	err := listAll(ctx, apigateway.NewGetDomainNamesPaginator(c, &apigateway.GetDomainNamesInput{}), func(page *apigateway.GetDomainNamesOutput) (*string, error) {
		for _, d := range page.Items {
			name := sdkaws.ToString(d.DomainName)
			attrs := map[string]any{"domain_name": name}
			unknown := map[string]string{}
			if d.SecurityPolicy != "" {
				attrs["security_policy"] = string(d.SecurityPolicy)
			} else {
				unknown["security_policy"] = r.unknownReason(sc, "security policy of "+name, apigatewayGET+" /domainnames", errMissing("securityPolicy"))
			}
			if d.EndpointConfiguration != nil {
				attrs["endpoint_types"] = endpointTypes(d.EndpointConfiguration.Types)
			} else {
				unknown["endpoint_types"] = r.unknownReason(sc, "endpoint types of "+name, apigatewayGET+" /domainnames", errMissing("endpointConfiguration"))
			}
			arn := "arn:" + partition(sc.Region) + ":apigateway:" + sc.Region + "::/domainnames/" + name
			out = append(out, evidence.Resource{Type: TypeAPIGatewayDomainName, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown})
		}
		return page.Position, nil
	})
	if err != nil {
		r.gap(ctx, TypeAPIGatewayDomainName, sc, apigatewayGET+" /domainnames", err)
		return nil
	}
	for _, res := range out {
		r.add(res)
	}
	return nil
}

// httpAPIs lists the region's API Gateway v2 (HTTP and WebSocket) APIs with
// their stages and the number of their authorizers.
func (r *run) httpAPIs(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := apigatewayv2.NewFromConfig(cfg)
	var apis []agv2types.Api
	err := pages(ctx, func(ctx context.Context, token *string) (*string, error) {
		out, err := c.GetApis(ctx, &apigatewayv2.GetApisInput{NextToken: token})
		if err != nil {
			return nil, err
		}
		apis = append(apis, out.Items...)
		return out.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeAPIGatewayV2API, sc, apigatewayGET+" /v2/apis", err)
		return nil
	}
	return describeEach(ctx, r, apis, func(ctx context.Context, api agv2types.Api) evidence.Resource { return r.httpAPI(ctx, c, sc, api) })
}

func (r *run) httpAPI(ctx context.Context, c *apigatewayv2.Client, sc evidence.Scope, api agv2types.Api) evidence.Resource {
	id := sdkaws.ToString(api.ApiId)
	arn := "arn:" + partition(sc.Region) + ":apigateway:" + sc.Region + "::/apis/" + id
	attrs := map[string]any{"api_id": id, "name": sdkaws.ToString(api.Name)}
	unknown := map[string]string{}
	if api.ProtocolType != "" {
		attrs["protocol_type"] = string(api.ProtocolType)
	} else {
		unknown["protocol_type"] = r.unknownReason(sc, "protocol of API "+id, apigatewayGET+" /v2/apis", errMissing("protocolType"))
	}

	stages := []map[string]any{}
	err := pages(ctx, func(ctx context.Context, token *string) (*string, error) {
		out, err := c.GetStages(ctx, &apigatewayv2.GetStagesInput{ApiId: api.ApiId, NextToken: token})
		if err != nil {
			return nil, err
		}
		for _, st := range out.Items {
			logs := st.AccessLogSettings != nil && sdkaws.ToString(st.AccessLogSettings.DestinationArn) != ""
			stages = append(stages, map[string]any{"stage_name": sdkaws.ToString(st.StageName), "access_logs_enabled": logs})
		}
		return out.NextToken, nil
	})
	if err != nil {
		unknown["stages"] = r.unknownReason(sc, "stages of API "+id, apigatewayGET+" /v2/apis/"+id+"/stages", err)
	} else {
		attrs["stages"] = stages
	}

	n := 0
	err = pages(ctx, func(ctx context.Context, token *string) (*string, error) {
		out, err := c.GetAuthorizers(ctx, &apigatewayv2.GetAuthorizersInput{ApiId: api.ApiId, NextToken: token})
		if err != nil {
			return nil, err
		}
		n += len(out.Items)
		return out.NextToken, nil
	})
	if err != nil {
		unknown["authorizers"] = r.unknownReason(sc, "authorizers of API "+id, apigatewayGET+" /v2/apis/"+id+"/authorizers", err)
	} else {
		attrs["authorizers"] = n
	}
	return evidence.Resource{Type: TypeAPIGatewayV2API, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown}
}
