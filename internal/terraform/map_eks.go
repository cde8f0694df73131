package terraform

import (
	"slices"
	"sort"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// mapEKSClusters builds aws.eks.cluster from aws_eks_cluster.
func mapEKSClusters(m *mapper) {
	for _, in := range m.byType["aws_eks_cluster"] {
		b := newBuilder(evidence.TypeAWSEKSCluster, id(in), in, awsScope(in))
		setRegion(b, in)
		b.identifier("name", get(in.Body, "name"), in)
		b.unknown("arn", "unknown until apply: "+in.Address+".arn")
		if v := get(in.Body, "version"); v != cty.NilVal {
			b.set("version", v, nil)
		} else {
			b.unknown("version", "no version set: EKS picks its default version at apply")
		}
		vpc := get(in.Body, "vpc_config", 0)
		b.set("endpoint_public_access", get(vpc, "endpoint_public_access"), true)
		b.set("endpoint_private_access", get(vpc, "endpoint_private_access"), false)
		if cidrs, why := stringList(get(vpc, "public_access_cidrs")); why != "" {
			b.unknown("public_access_cidrs", "public_access_cidrs "+why)
		} else {
			if get(vpc, "public_access_cidrs") == cty.NilVal {
				// What EKS sets when the list is not given.
				cidrs = []string{"0.0.0.0/0"}
			}
			cidrs = append([]string{}, cidrs...)
			sort.Strings(cidrs)
			b.r.Attributes["public_access_cidrs"] = cidrs
		}
		eksSecretsEncryption(b, in)
		if types, why := stringList(get(in.Body, "enabled_cluster_log_types")); why != "" {
			b.unknown("logging_enabled_types", "enabled_cluster_log_types "+why)
		} else {
			types = append([]string{}, types...)
			sort.Strings(types)
			b.r.Attributes["logging_enabled_types"] = slices.Compact(types)
		}
		b.set("deletion_protection", get(in.Body, "deletion_protection"), false)
		m.emit(b)
	}
}

// eksSecretsEncryption reads encryption_config: secrets are encrypted when
// a block lists "secrets" with a provider key; the key may be created in
// the same change (unknown ARN, known to be there).
func eksSecretsEncryption(b *builder, in *Instance) {
	cfgs, unk, ok := blocks(in.Body, "encryption_config")
	if !ok {
		b.unknown("secrets_encrypted", "encryption_config "+unknownReason(unk))
		return
	}
	for _, c := range cfgs {
		res, why := stringList(get(c, "resources"))
		if why != "" {
			b.unknown("secrets_encrypted", "encryption_config.resources "+why)
			return
		}
		if !slices.Contains(res, "secrets") {
			continue
		}
		key := get(c, "provider", 0, "key_arn")
		if key == cty.NilVal {
			continue
		}
		b.r.Attributes["secrets_encrypted"] = true
		b.set("secrets_kms_key_arn", key, nil)
		return
	}
	b.r.Attributes["secrets_encrypted"] = false
}
