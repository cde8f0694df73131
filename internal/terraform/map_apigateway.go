package terraform

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// mapRestAPIs builds aws.apigateway.rest_api from aws_api_gateway_rest_api
// with the stages, `*/*` method settings and authorizers that name it by
// rest_api_id; a stage's web ACL is the aws_wafv2_web_acl_association
// whose resource_arn references the stage (map_waf.go).
func mapRestAPIs(m *mapper) {
	stageL := m.link("aws_api_gateway_stage", "aws_api_gateway_rest_api", "rest_api_id")
	settingsL := m.link("aws_api_gateway_method_settings", "aws_api_gateway_rest_api", "rest_api_id")
	authL := m.link("aws_api_gateway_authorizer", "aws_api_gateway_rest_api", "rest_api_id")
	for _, in := range m.byType["aws_api_gateway_rest_api"] {
		b := newBuilder(evidence.TypeAWSAPIGatewayRestAPI, id(in), in, awsScope(in))
		setRegion(b, in)
		b.displayName("rest_api_id", in)
		b.identifier("name", get(in.Body, "name"), in)
		endpointTypes(b, in.Body)
		countLinked(b, "authorizers", authL, in)
		if why := stageL.unresolved[in.Root]; why != "" && len(stageL.of[in]) == 0 {
			b.unknown("stages", why)
		} else {
			stages := []any{}
			for i, st := range stageL.of[in] {
				attr := fmt.Sprintf("stages[%d]", i)
				item := map[string]any{}
				b.setIn(item, attr, "stage_name", get(st.Body, "stage_name"), nil)
				logs, u, ok := blocks(st.Body, "access_log_settings")
				if ok {
					item["access_logs_enabled"] = len(logs) > 0
				} else {
					b.unknown(attr+".access_logs_enabled", unknownReason(u))
				}
				b.setIn(item, attr, "tracing_enabled", get(st.Body, "xray_tracing_enabled"), false)
				item["client_certificate_enabled"] = get(st.Body, "client_certificate_id") != cty.NilVal
				b.setIn(item, attr, "cache_cluster_enabled", get(st.Body, "cache_cluster_enabled"), false)
				if acl, why := m.webACL(st); why != "" {
					b.unknown(attr+".web_acl_arn", why)
				} else {
					item["web_acl_arn"] = acl
				}
				stageMethodSettings(b, attr, item, settingsL, in)
				stages = append(stages, item)
			}
			b.r.Attributes["stages"] = stages
		}
		m.emit(b)
	}
}

// stageMethodSettings fills logging_level and cache_data_encrypted from
// the `*/*` method settings of the stage; without any they are API
// Gateway's defaults (OFF, unencrypted). A method settings resource of the
// API whose stage or path cannot be read could be the stage's: both
// values are then unknown.
func stageMethodSettings(b *builder, attr string, item map[string]any, settingsL links, api *Instance) {
	name, nameKnown := item["stage_name"].(string)
	item["logging_level"], item["cache_data_encrypted"] = "OFF", false
	for _, ms := range settingsL.of[api] {
		sn, snOK := str(get(ms.Body, "stage_name"))
		path, pathOK := str(get(ms.Body, "method_path"))
		if !snOK || !pathOK || !nameKnown {
			delete(item, "logging_level")
			delete(item, "cache_data_encrypted")
			why := fmt.Sprintf("%s applies to a stage or method path that is not known statically", ms.Address)
			b.unknown(attr+".logging_level", why)
			b.unknown(attr+".cache_data_encrypted", why)
			return
		}
		if sn != name || path != "*/*" {
			continue
		}
		settings, _, _ := blocks(ms.Body, "settings")
		if len(settings) == 0 {
			continue
		}
		b.setIn(item, attr, "logging_level", get(settings[0], "logging_level"), "OFF")
		b.setIn(item, attr, "cache_data_encrypted", get(settings[0], "cache_data_encrypted"), false)
	}
}

func endpointTypes(b *builder, body cty.Value) {
	types := get(body, "endpoint_configuration", 0, "types")
	if types == cty.NilVal {
		b.r.Attributes["endpoint_types"] = []string{"EDGE"}
		return
	}
	list, why := stringList(types)
	if why != "" {
		b.unknown("endpoint_types", why)
		return
	}
	b.r.Attributes["endpoint_types"] = list
}

// countLinked sets attr to the number of linked children, unknown when
// some child could not be placed.
func countLinked(b *builder, attr string, l links, in *Instance) {
	if why := l.unresolved[in.Root]; why != "" && len(l.of[in]) == 0 {
		b.unknown(attr, why)
		return
	}
	b.r.Attributes[attr] = len(l.of[in])
}

// mapDomainNames builds aws.apigateway.domain_name from
// aws_api_gateway_domain_name. Without security_policy API Gateway picks
// the policy itself, so it stays unknown.
func mapDomainNames(m *mapper) {
	for _, in := range m.byType["aws_api_gateway_domain_name"] {
		b := newBuilder(evidence.TypeAWSAPIGatewayDomain, id(in), in, awsScope(in))
		setRegion(b, in)
		b.identifier("domain_name", get(in.Body, "domain_name"), in)
		pol := get(in.Body, "security_policy")
		b.set("security_policy", pol, nil)
		if pol == cty.NilVal {
			b.unknown("security_policy", in.Address+" sets no security_policy: API Gateway chooses it at apply")
		}
		endpointTypes(b, in.Body)
		m.emit(b)
	}
}

// mapHTTPAPIs builds aws.apigatewayv2.api from aws_apigatewayv2_api with
// the stages and authorizers that name it by api_id.
func mapHTTPAPIs(m *mapper) {
	stageL := m.link("aws_apigatewayv2_stage", "aws_apigatewayv2_api", "api_id")
	authL := m.link("aws_apigatewayv2_authorizer", "aws_apigatewayv2_api", "api_id")
	for _, in := range m.byType["aws_apigatewayv2_api"] {
		b := newBuilder(evidence.TypeAWSAPIGatewayV2API, id(in), in, awsScope(in))
		setRegion(b, in)
		b.displayName("api_id", in)
		b.identifier("name", get(in.Body, "name"), in)
		b.set("protocol_type", get(in.Body, "protocol_type"), nil)
		countLinked(b, "authorizers", authL, in)
		listFrom(b, "stages", stageL, in, func(st *Instance) (any, string) {
			name, ok := str(get(st.Body, "name"))
			if !ok {
				return nil, st.Address + " has a name that is " + describeUnknown(get(st.Body, "name"), "not set")
			}
			logs, u, ok := blocks(st.Body, "access_log_settings")
			if !ok {
				return nil, unknownReason(u)
			}
			return map[string]any{"stage_name": name, "access_logs_enabled": len(logs) > 0}, ""
		})
		m.emit(b)
	}
}
