package aws

import (
	"context"
	"encoding/json"
	"fmt"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"golang.org/x/sync/errgroup"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// ecrRepositories lists the region's private ECR repositories with their
// policies and the registry's scanning configuration, which decides
// whether a repository's images are scanned (with enhanced scanning the
// repository's own scan-on-push is not used).
func (r *run) ecrRepositories(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := ecr.NewFromConfig(cfg)
	var repos []ecrtypes.Repository
	err := listAll(ctx, ecr.NewDescribeRepositoriesPaginator(c, &ecr.DescribeRepositoriesInput{}), func(page *ecr.DescribeRepositoriesOutput) (*string, error) {
		repos = append(repos, page.Repositories...)
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeECRRepository, sc, "ecr:DescribeRepositories", err)
		return nil
	}
	if len(repos) == 0 {
		return nil
	}
	scanning, scanningWhy := r.registryScanning(ctx, c, sc)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.opts.Concurrency)
	for _, repo := range repos {
		g.Go(func() error {
			res := r.ecrRepository(gctx, c, sc, repo, scanning, scanningWhy)
			if gctx.Err() == nil {
				r.add(res)
			}
			return nil
		})
	}
	return g.Wait()
}

// registryScanning reads the region's registry scanning configuration,
// or the reason it is unknown.
func (r *run) registryScanning(ctx context.Context, c *ecr.Client, sc evidence.Scope) (map[string]any, string) {
	const action = "ecr:GetRegistryScanningConfiguration"
	out, err := c.GetRegistryScanningConfiguration(ctx, &ecr.GetRegistryScanningConfigurationInput{})
	if err != nil {
		return nil, r.unknownReason(sc, "registry scanning configuration", action, err)
	}
	sc2 := out.ScanningConfiguration
	if sc2 == nil || sc2.ScanType == "" {
		return nil, r.unknownReason(sc, "registry scanning configuration", action, errMissing("ScanningConfiguration.ScanType"))
	}
	rules := []any{}
	for _, rule := range sc2.Rules {
		filters := []string{}
		for _, f := range rule.RepositoryFilters {
			filters = append(filters, sdkaws.ToString(f.Filter))
		}
		rules = append(rules, map[string]any{"scan_frequency": string(rule.ScanFrequency), "filters": filters})
	}
	return map[string]any{"scan_type": string(sc2.ScanType), "rules": rules}, ""
}

func (r *run) ecrRepository(ctx context.Context, c *ecr.Client, sc evidence.Scope, repo ecrtypes.Repository, scanning map[string]any, scanningWhy string) evidence.Resource {
	name := sdkaws.ToString(repo.RepositoryName)
	arn := sdkaws.ToString(repo.RepositoryArn)
	if arn == "" {
		arn = "arn:" + partition(sc.Region) + ":ecr:" + sc.Region + ":" + sc.AccountID + ":repository/" + name
	}
	attrs := map[string]any{"repository_name": name, "arn": arn}
	unknown := map[string]string{}
	missing := func(attr, member string) {
		unknown[attr] = r.unknownReason(sc, attr+" of "+name, "ecr:DescribeRepositories", errMissing(member))
	}
	if repo.ImageTagMutability != "" {
		attrs["image_tag_mutability"] = string(repo.ImageTagMutability)
	} else {
		missing("image_tag_mutability", "imageTagMutability")
	}
	if repo.ImageScanningConfiguration != nil {
		attrs["scan_on_push"] = repo.ImageScanningConfiguration.ScanOnPush
	} else {
		missing("scan_on_push", "imageScanningConfiguration")
	}
	if e := repo.EncryptionConfiguration; e != nil && e.EncryptionType != "" {
		attrs["encryption_type"] = string(e.EncryptionType)
		attrs["kms_key"] = sdkaws.ToString(e.KmsKey)
	} else {
		missing("encryption_type", "encryptionConfiguration")
		unknown["kms_key"] = unknown["encryption_type"]
	}
	if scanning != nil {
		attrs["registry_scanning"] = scanning
	} else {
		unknown["registry_scanning"] = scanningWhy
	}

	pol, err := c.GetRepositoryPolicy(ctx, &ecr.GetRepositoryPolicyInput{RepositoryName: repo.RepositoryName})
	switch {
	case hasCode(err, "RepositoryPolicyNotFoundException"):
		attrs["policy"] = map[string]any{"present": false}
	case err != nil:
		unknown["policy"] = r.unknownReason(sc, "policy of "+name, "ecr:GetRepositoryPolicy", err)
	case sdkaws.ToString(pol.PolicyText) == "":
		unknown["policy"] = r.unknownReason(sc, "policy of "+name, "ecr:GetRepositoryPolicy", errMissing("policyText"))
	default:
		var doc map[string]any
		if err := json.Unmarshal([]byte(*pol.PolicyText), &doc); err != nil {
			unknown["policy"] = fmt.Sprintf("the repository policy is not a JSON object: %v", err)
		} else {
			attrs["policy"] = map[string]any{"present": true, "document": doc}
		}
	}

	lc, err := c.GetLifecyclePolicy(ctx, &ecr.GetLifecyclePolicyInput{RepositoryName: repo.RepositoryName})
	switch {
	case hasCode(err, "LifecyclePolicyNotFoundException"):
		attrs["lifecycle_policy"] = map[string]any{"present": false}
	case err != nil:
		unknown["lifecycle_policy"] = r.unknownReason(sc, "lifecycle policy of "+name, "ecr:GetLifecyclePolicy", err)
	case sdkaws.ToString(lc.LifecyclePolicyText) == "":
		unknown["lifecycle_policy"] = r.unknownReason(sc, "lifecycle policy of "+name, "ecr:GetLifecyclePolicy", errMissing("lifecyclePolicyText"))
	default:
		attrs["lifecycle_policy"] = map[string]any{"present": true}
	}
	return evidence.Resource{Type: TypeECRRepository, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown}
}
