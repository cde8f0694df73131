package terraform

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// mapCloudFrontDistributions builds aws.cloudfront.distribution from
// aws_cloudfront_distribution. CloudFront is global: the resource carries
// no region. The defaults are the provider's and CloudFront's: minimum
// protocol TLSv1, no web ACL, no logging, no default root object; an
// origin without a custom or VPC origin config is an S3 origin.
func mapCloudFrontDistributions(m *mapper) {
	for _, in := range m.byType["aws_cloudfront_distribution"] {
		b := newBuilder(evidence.TypeAWSCloudFrontDist, id(in), in, globalScope(in))
		b.displayName("distribution_id", in)
		b.unknown("arn", "unknown until apply: "+in.Address+".arn")
		b.unknown("domain_name", "unknown until apply: "+in.Address+".domain_name")
		b.set("enabled", get(in.Body, "enabled"), nil)
		b.set("web_acl_id", get(in.Body, "web_acl_id"), "")
		b.set("default_root_object", get(in.Body, "default_root_object"), "")
		if lc, u, ok := blocks(in.Body, "logging_config"); ok {
			b.r.Attributes["logging_enabled"] = len(lc) > 0
		} else {
			b.unknown("logging_enabled", unknownReason(u))
		}
		cfBehaviors(b, in)
		cfViewerCertificate(b, in)
		cfOrigins(b, in)
		geo := get(in.Body, "restrictions", 0, "geo_restriction", 0, "restriction_type")
		b.set("geo_restriction_type", geo, nil)
		if geo == cty.NilVal {
			b.unknown("geo_restriction_type", in.Address+" has no restrictions.geo_restriction block")
		}
		m.emit(b)
	}
}

func cfBehaviors(b *builder, in *Instance) {
	def, u, ok := blocks(in.Body, "default_cache_behavior")
	if !ok || len(def) == 0 {
		b.unknown("cache_behaviors", describeUnknown(u, "no default_cache_behavior block"))
		return
	}
	ordered, u, ok := blocks(in.Body, "ordered_cache_behavior")
	if !ok {
		b.unknown("cache_behaviors", unknownReason(u))
		return
	}
	out := []any{}
	for i, cb := range append(def[:1:1], ordered...) {
		item := map[string]any{"path_pattern": "*"}
		attr := fmt.Sprintf("cache_behaviors[%d]", i)
		if i > 0 {
			b.setIn(item, attr, "path_pattern", get(cb, "path_pattern"), nil)
		}
		b.setIn(item, attr, "viewer_protocol_policy", get(cb, "viewer_protocol_policy"), nil)
		b.setIn(item, attr, "field_level_encryption_id", get(cb, "field_level_encryption_id"), "")
		out = append(out, item)
	}
	b.r.Attributes["cache_behaviors"] = out
}

func cfViewerCertificate(b *builder, in *Instance) {
	vcs, u, ok := blocks(in.Body, "viewer_certificate")
	if !ok || len(vcs) == 0 {
		b.unknown("viewer_certificate", describeUnknown(u, "no viewer_certificate block"))
		return
	}
	vc := vcs[0]
	obj := map[string]any{}
	b.setIn(obj, "viewer_certificate", "cloudfront_default_certificate", get(vc, "cloudfront_default_certificate"), false)
	b.setIn(obj, "viewer_certificate", "minimum_protocol_version", get(vc, "minimum_protocol_version"), "TLSv1")
	b.setIn(obj, "viewer_certificate", "ssl_support_method", get(vc, "ssl_support_method"), "")
	switch {
	case obj["cloudfront_default_certificate"] == true:
		obj["certificate_source"] = "cloudfront"
		// CloudFront reports the default certificate's policy as TLSv1.
		obj["minimum_protocol_version"] = "TLSv1"
	case get(vc, "acm_certificate_arn") != cty.NilVal:
		obj["certificate_source"] = "acm"
	case get(vc, "iam_certificate_id") != cty.NilVal:
		obj["certificate_source"] = "iam"
	default:
		b.unknown("viewer_certificate.certificate_source", in.Address+" names no certificate")
	}
	b.r.Attributes["viewer_certificate"] = obj
}

func cfOrigins(b *builder, in *Instance) {
	origins, u, ok := blocks(in.Body, "origin")
	if !ok || len(origins) == 0 {
		b.unknown("origins", describeUnknown(u, "no origin block"))
		return
	}
	out := []any{}
	for i, o := range origins {
		attr := fmt.Sprintf("origins[%d]", i)
		item := map[string]any{"origin_access_identity": ""}
		b.setIn(item, attr, "id", get(o, "origin_id"), nil)
		b.setIn(item, attr, "domain_name", get(o, "domain_name"), nil)
		b.setIn(item, attr, "origin_access_control_id", get(o, "origin_access_control_id"), "")
		if oac := get(o, "origin_access_control_id"); oac != cty.NilVal && !oac.IsKnown() {
			// A reference to an aws_cloudfront_origin_access_control of
			// this change: its ID comes at apply, but it is set.
			delete(b.r.Unknown, attr+".origin_access_control_id")
			item["origin_access_control_id"] = "(set at apply)"
		}
		custom, _, _ := blocks(o, "custom_origin_config")
		vpc, _, _ := blocks(o, "vpc_origin_config")
		switch {
		case len(custom) > 0:
			item["type"] = "custom"
			b.setIn(item, attr, "origin_protocol_policy", get(custom[0], "origin_protocol_policy"), nil)
			protocols, why := stringList(get(custom[0], "origin_ssl_protocols"))
			if why != "" {
				b.unknown(attr+".origin_ssl_protocols", why)
			} else {
				item["origin_ssl_protocols"] = append([]string{}, protocols...)
			}
		case len(vpc) > 0:
			item["type"] = "vpc"
		default:
			item["type"] = "s3"
			s3, _, _ := blocks(o, "s3_origin_config")
			if len(s3) > 0 {
				b.setIn(item, attr, "origin_access_identity", get(s3[0], "origin_access_identity"), "")
				if oai := get(s3[0], "origin_access_identity"); oai != cty.NilVal && !oai.IsKnown() {
					delete(b.r.Unknown, attr+".origin_access_identity")
					item["origin_access_identity"] = "(set at apply)"
				}
			}
		}
		out = append(out, item)
	}
	b.r.Attributes["origins"] = out
}
