package aws

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"golang.org/x/sync/errgroup"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// s3Clients hands out one S3 client per bucket region: bucket-level calls
// must be signed for, and sent to, the bucket's own region.
type s3Clients struct {
	mu      sync.Mutex
	cfg     sdkaws.Config
	clients map[string]*s3.Client
}

func (c *s3Clients) get(region string) *s3.Client {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cl, ok := c.clients[region]; ok {
		return cl
	}
	cl := s3.NewFromConfig(c.cfg, func(o *s3.Options) {
		o.Region = region
		// An AWS-compatible endpoint (a local stand-in, MinIO) rarely has
		// wildcard DNS for virtual-hosted bucket names.
		o.UsePathStyle = c.cfg.BaseEndpoint != nil
	})
	c.clients[region] = cl
	return cl
}

func (r *run) collectS3(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	clients := &s3Clients{cfg: cfg, clients: map[string]*s3.Client{}}
	home := clients.get(cfg.Region)
	var buckets []s3types.Bucket
	err := listAll(ctx, s3.NewListBucketsPaginator(home, &s3.ListBucketsInput{MaxBuckets: sdkaws.Int32(1000)}), func(page *s3.ListBucketsOutput) (*string, error) {
		buckets = append(buckets, page.Buckets...)
		return page.ContinuationToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeS3Bucket, sc, "s3:ListAllMyBuckets", err)
		return nil
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.opts.Concurrency)
	for _, b := range buckets {
		g.Go(func() error {
			res, ok := r.bucket(gctx, home, clients, sc, b)
			if ok && gctx.Err() == nil {
				r.add(res)
			}
			return nil
		})
	}
	return g.Wait()
}

func (r *run) bucket(ctx context.Context, home *s3.Client, clients *s3Clients, sc evidence.Scope, b s3types.Bucket) (evidence.Resource, bool) {
	name := sdkaws.ToString(b.Name)
	region := sdkaws.ToString(b.BucketRegion)
	if region == "" {
		loc, err := home.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: b.Name})
		if err != nil {
			// Without its region the bucket cannot be read at all.
			r.gap(ctx, TypeS3Bucket, sc, "s3:GetBucketLocation on "+name, err)
			return evidence.Resource{}, false
		}
		region = bucketRegion(string(loc.LocationConstraint))
	}
	bsc := sc
	bsc.Region = region
	c := clients.get(region)
	attrs := map[string]any{"name": name, "region": region, "creation_date": rfc3339(b.CreationDate)}
	unknown := map[string]string{}
	fail := func(attr, action string, err error) {
		unknown[attr] = r.unknownReason(bsc, attr+" of "+name, action, err)
	}

	enc, err := c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: b.Name})
	switch {
	case hasCode(err, "ServerSideEncryptionConfigurationNotFoundError"):
		attrs["encryption"] = map[string]any{"enabled": false}
	case err != nil:
		fail("encryption", "s3:GetEncryptionConfiguration", err)
	default:
		attrs["encryption"] = encryptionAttrs(enc.ServerSideEncryptionConfiguration)
	}

	pab, err := c.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: b.Name})
	switch {
	case hasCode(err, "NoSuchPublicAccessBlockConfiguration"):
		attrs["public_access_block"] = map[string]any{"configured": false}
	case err != nil:
		fail("public_access_block", "s3:GetBucketPublicAccessBlock", err)
	case pab.PublicAccessBlockConfiguration == nil:
		fail("public_access_block", "s3:GetBucketPublicAccessBlock", errMissing("PublicAccessBlockConfiguration"))
	default:
		pc := pab.PublicAccessBlockConfiguration
		attrs["public_access_block"] = map[string]any{
			"configured":              true,
			"block_public_acls":       sdkaws.ToBool(pc.BlockPublicAcls),
			"ignore_public_acls":      sdkaws.ToBool(pc.IgnorePublicAcls),
			"block_public_policy":     sdkaws.ToBool(pc.BlockPublicPolicy),
			"restrict_public_buckets": sdkaws.ToBool(pc.RestrictPublicBuckets),
		}
	}

	ver, err := c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: b.Name})
	if err != nil {
		fail("versioning", "s3:GetBucketVersioning", err)
	} else {
		attrs["versioning"] = map[string]any{
			"enabled":    ver.Status == s3types.BucketVersioningStatusEnabled,
			"status":     string(ver.Status),
			"mfa_delete": ver.MFADelete == s3types.MFADeleteStatusEnabled,
		}
	}

	lg, err := c.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: b.Name})
	if err != nil {
		fail("logging", "s3:GetBucketLogging", err)
	} else {
		v := map[string]any{"enabled": lg.LoggingEnabled != nil}
		if lg.LoggingEnabled != nil {
			v["target_bucket"] = sdkaws.ToString(lg.LoggingEnabled.TargetBucket)
		}
		attrs["logging"] = v
	}

	pol, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: b.Name})
	switch {
	case hasCode(err, "NoSuchBucketPolicy"):
		attrs["policy"] = map[string]any{"present": false}
	case err != nil:
		fail("policy", "s3:GetBucketPolicy", err)
	default:
		var doc any
		if err := json.Unmarshal([]byte(sdkaws.ToString(pol.Policy)), &doc); err != nil {
			unknown["policy"] = fmt.Sprintf("bucket policy is not JSON: %v", err)
		} else {
			attrs["policy"] = map[string]any{"present": true, "document": doc}
		}
	}

	acl, err := c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: b.Name})
	if err != nil {
		fail("public_acl_grants", "s3:GetBucketAcl", err)
	} else {
		attrs["public_acl_grants"] = publicGrants(acl.Grants)
	}
	r.bucketDepth(ctx, c, bsc, name, attrs, unknown)
	return evidence.Resource{Type: TypeS3Bucket, ID: "arn:aws:s3:::" + name, Scope: bsc, Attributes: attrs, Unknown: unknown}, true
}

// bucketRegion maps GetBucketLocation's constraint to a region name: empty
// is us-east-1 and "EU" is the legacy name of eu-west-1.
func bucketRegion(constraint string) string {
	switch constraint {
	case "":
		return "us-east-1"
	case "EU":
		return "eu-west-1"
	}
	return constraint
}

func encryptionAttrs(c *s3types.ServerSideEncryptionConfiguration) map[string]any {
	if c == nil {
		return map[string]any{"enabled": false}
	}
	for _, rule := range c.Rules {
		d := rule.ApplyServerSideEncryptionByDefault
		if d == nil {
			continue
		}
		v := map[string]any{"enabled": true, "sse_algorithm": string(d.SSEAlgorithm)}
		if d.KMSMasterKeyID != nil {
			v["kms_key_id"] = *d.KMSMasterKeyID
		}
		return v
	}
	return map[string]any{"enabled": false}
}

var publicGroups = map[string]string{
	"http://acs.amazonaws.com/groups/global/AllUsers":           "AllUsers",
	"http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "AuthenticatedUsers",
}

func publicGrants(grants []s3types.Grant) []any {
	out := []any{}
	for _, g := range grants {
		if g.Grantee == nil || g.Grantee.URI == nil {
			continue
		}
		if who, ok := publicGroups[strings.TrimSpace(*g.Grantee.URI)]; ok {
			out = append(out, map[string]any{"grantee": who, "permission": string(g.Permission)})
		}
	}
	return out
}
