package aws

import (
	"context"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	cftypes "github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// distributions lists the account's CloudFront distributions (a global
// service: once per account). The listing's summaries carry the viewer,
// origin and WAF settings; logging and the default root object are only in
// the distribution's configuration, one GetDistributionConfig each.
func (r *run) distributions(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := cloudfront.NewFromConfig(cfg)
	var dists []cftypes.DistributionSummary
	err := listAll(ctx, cloudfront.NewListDistributionsPaginator(c, &cloudfront.ListDistributionsInput{}), func(page *cloudfront.ListDistributionsOutput) (*string, error) {
		if page.DistributionList == nil {
			return nil, errMissing("DistributionList")
		}
		dists = append(dists, page.DistributionList.Items...)
		return page.DistributionList.NextMarker, nil
	})
	if err != nil {
		r.gap(ctx, TypeCloudFrontDistribution, sc, "cloudfront:ListDistributions", err)
		return nil
	}
	return describeEach(ctx, r, dists, func(ctx context.Context, d cftypes.DistributionSummary) evidence.Resource {
		return r.distribution(ctx, c, sc, d)
	})
}

func (r *run) distribution(ctx context.Context, c *cloudfront.Client, sc evidence.Scope, d cftypes.DistributionSummary) evidence.Resource {
	id := sdkaws.ToString(d.Id)
	arn := sdkaws.ToString(d.ARN)
	if arn == "" {
		arn = "arn:" + partition(sc.Region) + ":cloudfront::" + sc.AccountID + ":distribution/" + id
	}
	attrs := map[string]any{
		"distribution_id": id,
		"arn":             arn,
		"domain_name":     sdkaws.ToString(d.DomainName),
		"web_acl_id":      sdkaws.ToString(d.WebACLId),
	}
	unknown := map[string]string{}
	missing := func(attr, member string) {
		unknown[attr] = r.unknownReason(sc, attr+" of distribution "+id, "cloudfront:ListDistributions", errMissing(member))
	}
	if d.Enabled != nil {
		attrs["enabled"] = *d.Enabled
	} else {
		missing("enabled", "Enabled")
	}

	if dcb := d.DefaultCacheBehavior; dcb != nil && dcb.ViewerProtocolPolicy != "" {
		behaviors := []map[string]any{{
			"path_pattern":              "*",
			"viewer_protocol_policy":    string(dcb.ViewerProtocolPolicy),
			"field_level_encryption_id": sdkaws.ToString(dcb.FieldLevelEncryptionId),
		}}
		if d.CacheBehaviors != nil {
			for _, cb := range d.CacheBehaviors.Items {
				behaviors = append(behaviors, map[string]any{
					"path_pattern":              sdkaws.ToString(cb.PathPattern),
					"viewer_protocol_policy":    string(cb.ViewerProtocolPolicy),
					"field_level_encryption_id": sdkaws.ToString(cb.FieldLevelEncryptionId),
				})
			}
		}
		attrs["cache_behaviors"] = behaviors
	} else {
		// Every distribution has a default cache behavior.
		missing("cache_behaviors", "DefaultCacheBehavior")
	}

	if vc := d.ViewerCertificate; vc != nil && vc.MinimumProtocolVersion != "" {
		attrs["viewer_certificate"] = map[string]any{
			"cloudfront_default_certificate": sdkaws.ToBool(vc.CloudFrontDefaultCertificate),
			"minimum_protocol_version":       string(vc.MinimumProtocolVersion),
			"ssl_support_method":             string(vc.SSLSupportMethod),
			"certificate_source":             certificateSource(vc),
		}
	} else {
		missing("viewer_certificate", "ViewerCertificate")
	}

	if d.Origins != nil && len(d.Origins.Items) > 0 {
		origins := []map[string]any{}
		for _, o := range d.Origins.Items {
			m, ok := originAttrs(o)
			if !ok {
				// An origin of no known kind cannot be judged: all origins
				// are unknown rather than a list that skips it.
				origins = nil
				missing("origins", "S3OriginConfig, CustomOriginConfig or VpcOriginConfig of origin "+sdkaws.ToString(o.Id))
				break
			}
			origins = append(origins, m)
		}
		if origins != nil {
			attrs["origins"] = origins
		}
	} else {
		missing("origins", "Origins")
	}

	if d.Restrictions != nil && d.Restrictions.GeoRestriction != nil && d.Restrictions.GeoRestriction.RestrictionType != "" {
		attrs["geo_restriction_type"] = string(d.Restrictions.GeoRestriction.RestrictionType)
	} else {
		missing("geo_restriction_type", "Restrictions.GeoRestriction")
	}

	conf, err := c.GetDistributionConfig(ctx, &cloudfront.GetDistributionConfigInput{Id: d.Id})
	if err == nil && conf.DistributionConfig == nil {
		err = errMissing("DistributionConfig")
	}
	switch {
	case err != nil:
		reason := r.unknownReason(sc, "configuration of distribution "+id, "cloudfront:GetDistributionConfig", err)
		unknown["logging_enabled"] = reason
		unknown["default_root_object"] = reason
	default:
		dc := conf.DistributionConfig
		if dc.Logging != nil && dc.Logging.Enabled != nil {
			attrs["logging_enabled"] = *dc.Logging.Enabled
		} else {
			// The configuration always carries Logging, enabled or not.
			unknown["logging_enabled"] = r.unknownReason(sc, "logging of distribution "+id, "cloudfront:GetDistributionConfig", errMissing("Logging"))
		}
		attrs["default_root_object"] = sdkaws.ToString(dc.DefaultRootObject)
	}
	return evidence.Resource{Type: TypeCloudFrontDistribution, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown}
}

func certificateSource(vc *cftypes.ViewerCertificate) string {
	switch {
	case sdkaws.ToBool(vc.CloudFrontDefaultCertificate):
		return "cloudfront"
	case sdkaws.ToString(vc.ACMCertificateArn) != "":
		return "acm"
	case sdkaws.ToString(vc.IAMCertificateId) != "":
		return "iam"
	}
	return string(vc.CertificateSource)
}

func originAttrs(o cftypes.Origin) (map[string]any, bool) {
	m := map[string]any{
		"id":                       sdkaws.ToString(o.Id),
		"domain_name":              sdkaws.ToString(o.DomainName),
		"origin_access_control_id": sdkaws.ToString(o.OriginAccessControlId),
		"origin_access_identity":   "",
	}
	switch {
	case o.S3OriginConfig != nil:
		m["type"] = "s3"
		m["origin_access_identity"] = sdkaws.ToString(o.S3OriginConfig.OriginAccessIdentity)
	case o.CustomOriginConfig != nil:
		m["type"] = "custom"
		m["origin_protocol_policy"] = string(o.CustomOriginConfig.OriginProtocolPolicy)
		protocols := []string{}
		if sp := o.CustomOriginConfig.OriginSslProtocols; sp != nil {
			for _, p := range sp.Items {
				protocols = append(protocols, string(p))
			}
		}
		m["origin_ssl_protocols"] = protocols
	case o.VpcOriginConfig != nil:
		m["type"] = "vpc"
	default:
		return nil, false
	}
	return m, true
}
