package aws

import (
	"context"
	"slices"
	"sort"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	"golang.org/x/sync/errgroup"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// eksClusters lists the region's EKS clusters and describes each one.
// ListClusters names them only, so a cluster that cannot be described is
// still listed, with every attribute unknown and the reason.
func (r *run) eksClusters(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := eks.NewFromConfig(cfg)
	var names []string
	err := listAll(ctx, eks.NewListClustersPaginator(c, &eks.ListClustersInput{}), func(page *eks.ListClustersOutput) (*string, error) {
		names = append(names, page.Clusters...)
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeEKSCluster, sc, "eks:ListClusters", err)
		return nil
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.opts.Concurrency)
	for _, name := range names {
		g.Go(func() error {
			res := r.eksCluster(gctx, c, sc, name)
			if gctx.Err() == nil {
				r.add(res)
			}
			return nil
		})
	}
	return g.Wait()
}

// eksDescribed are the attributes DescribeCluster gives.
var eksDescribed = []string{"version", "platform_version", "status", "endpoint_public_access", "endpoint_private_access",
	"public_access_cidrs", "secrets_encrypted", "logging_enabled_types", "deletion_protection"}

func (r *run) eksCluster(ctx context.Context, c *eks.Client, sc evidence.Scope, name string) evidence.Resource {
	arn := "arn:" + partition(sc.Region) + ":eks:" + sc.Region + ":" + sc.AccountID + ":cluster/" + name
	attrs := map[string]any{"name": name}
	unknown := map[string]string{}
	res := evidence.Resource{Type: TypeEKSCluster, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown}
	allUnknown := func(err error) evidence.Resource {
		reason := r.unknownReason(sc, "cluster "+name, "eks:DescribeCluster", err)
		for _, a := range eksDescribed {
			unknown[a] = reason
		}
		return res
	}
	out, err := c.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: sdkaws.String(name)})
	if err != nil {
		return allUnknown(err)
	}
	cl := out.Cluster
	if cl == nil {
		return allUnknown(errMissing("cluster"))
	}
	if a := sdkaws.ToString(cl.Arn); a != "" {
		arn = a
		res.ID = a
	}
	attrs["arn"] = arn
	missing := func(attr, member string) {
		unknown[attr] = r.unknownReason(sc, attr+" of "+name, "eks:DescribeCluster", errMissing(member))
	}
	setString := func(attr, member string, v *string) {
		if sdkaws.ToString(v) == "" {
			missing(attr, member)
			return
		}
		attrs[attr] = *v
	}
	setString("version", "version", cl.Version)
	setString("platform_version", "platformVersion", cl.PlatformVersion)
	if cl.Status != "" {
		attrs["status"] = string(cl.Status)
	} else {
		missing("status", "status")
	}
	if v := cl.ResourcesVpcConfig; v != nil {
		// The two flags are booleans EKS always returns; the SDK reads an
		// absent one as false, which for public access would pass.
		attrs["endpoint_public_access"] = v.EndpointPublicAccess
		attrs["endpoint_private_access"] = v.EndpointPrivateAccess
		if v.EndpointPublicAccess && len(v.PublicAccessCidrs) == 0 {
			missing("public_access_cidrs", "resourcesVpcConfig.publicAccessCidrs")
		} else {
			cidrs := append([]string{}, v.PublicAccessCidrs...)
			sort.Strings(cidrs)
			attrs["public_access_cidrs"] = cidrs
		}
	} else {
		for _, a := range []string{"endpoint_public_access", "endpoint_private_access", "public_access_cidrs"} {
			missing(a, "resourcesVpcConfig")
		}
	}
	attrs["secrets_encrypted"] = false
	for _, e := range cl.EncryptionConfig {
		if slices.Contains(e.Resources, "secrets") && e.Provider != nil && sdkaws.ToString(e.Provider.KeyArn) != "" {
			attrs["secrets_encrypted"] = true
			attrs["secrets_kms_key_arn"] = *e.Provider.KeyArn
		}
	}
	if cl.Logging != nil {
		attrs["logging_enabled_types"] = enabledLogTypes(cl.Logging.ClusterLogging)
	} else {
		missing("logging_enabled_types", "logging")
	}
	if cl.DeletionProtection != nil {
		attrs["deletion_protection"] = *cl.DeletionProtection
	} else {
		missing("deletion_protection", "deletionProtection")
	}
	return res
}

// enabledLogTypes are the log types of the enabled setups, sorted.
func enabledLogTypes(setups []ekstypes.LogSetup) []string {
	out := []string{}
	for _, s := range setups {
		if !sdkaws.ToBool(s.Enabled) {
			continue
		}
		for _, t := range s.Types {
			if !slices.Contains(out, string(t)) {
				out = append(out, string(t))
			}
		}
	}
	sort.Strings(out)
	return out
}
