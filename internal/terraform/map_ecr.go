package terraform

import (
	"github.com/rampart-audit/rampart/internal/evidence"
)

// mapECRRepositories builds aws.ecr.repository from aws_ecr_repository,
// its repository and lifecycle policies, and the registry scanning
// configuration of the same root module and region.
func mapECRRepositories(m *mapper) {
	repos := m.byType["aws_ecr_repository"]
	if len(repos) == 0 {
		return
	}
	polL := m.link("aws_ecr_repository_policy", "aws_ecr_repository", "repository", "name")
	lcL := m.link("aws_ecr_lifecycle_policy", "aws_ecr_repository", "repository", "name")
	for _, in := range repos {
		b := newBuilder(evidence.TypeAWSECRRepository, id(in), in, awsScope(in))
		setRegion(b, in)
		b.identifier("repository_name", get(in.Body, "name"), in)
		b.unknown("arn", "unknown until apply: "+in.Address+".arn")
		b.set("image_tag_mutability", get(in.Body, "image_tag_mutability"), "MUTABLE")
		b.set("scan_on_push", get(in.Body, "image_scanning_configuration", 0, "scan_on_push"), false)
		b.set("encryption_type", get(in.Body, "encryption_configuration", 0, "encryption_type"), "AES256")
		// KMS without kms_key uses AWS's managed key for ECR: "" as documented.
		b.set("kms_key", get(in.Body, "encryption_configuration", 0, "kms_key"), "")

		switch pol, unresolved := m.one(polL, in, "repository policy"); {
		case pol != nil:
			doc, why, ok := policyDocument(get(pol.Body, "policy"))
			if !ok {
				b.unknown("policy", why)
			} else {
				b.r.Attributes["policy"] = map[string]any{"present": true, "document": doc}
			}
		case unresolved != "":
			b.unknown("policy", unresolved)
		default:
			b.r.Attributes["policy"] = map[string]any{"present": false}
		}
		switch lc, unresolved := m.one(lcL, in, "lifecycle policy"); {
		case lc != nil:
			b.r.Attributes["lifecycle_policy"] = map[string]any{"present": true}
		case unresolved != "":
			b.unknown("lifecycle_policy", unresolved)
		default:
			b.r.Attributes["lifecycle_policy"] = map[string]any{"present": false}
		}
		registryScanning(m, b, in)
		m.emit(b)
	}
}

// registryScanning copies the registry's scanning configuration of the
// repository's root module and region. Without one the configuration is
// managed elsewhere (or left at AWS's default, which nobody can tell from
// here): unknown, never "basic without rules".
func registryScanning(m *mapper, b *builder, repo *Instance) {
	var cfg *Instance
	for _, c := range m.byType["aws_ecr_registry_scanning_configuration"] {
		if c.Root == repo.Root && c.Region == repo.Region {
			cfg = c
		}
	}
	if cfg == nil {
		b.unknown("registry_scanning", "no aws_ecr_registry_scanning_configuration in this configuration for the repository's region: the registry's scanning is set elsewhere")
		return
	}
	scanType, ok := str(get(cfg.Body, "scan_type"))
	if !ok {
		b.unknown("registry_scanning", cfg.Address+": scan_type "+describeUnknown(get(cfg.Body, "scan_type"), "unset"))
		return
	}
	rules, unk, ok := blocks(cfg.Body, "rule")
	if !ok {
		b.unknown("registry_scanning", cfg.Address+": rule "+unknownReason(unk))
		return
	}
	out := []any{}
	for _, r := range rules {
		freq, ok := str(get(r, "scan_frequency"))
		if !ok {
			b.unknown("registry_scanning", cfg.Address+": a rule's scan_frequency is not known statically")
			return
		}
		filters, funk, ok := blocks(r, "repository_filter")
		if !ok {
			b.unknown("registry_scanning", cfg.Address+": repository_filter "+unknownReason(funk))
			return
		}
		names := []string{}
		for _, f := range filters {
			s, ok := str(get(f, "filter"))
			if !ok {
				b.unknown("registry_scanning", cfg.Address+": a repository filter is not known statically")
				return
			}
			names = append(names, s)
		}
		out = append(out, map[string]any{"scan_frequency": freq, "filters": names})
	}
	b.r.Attributes["registry_scanning"] = map[string]any{"scan_type": scanType, "rules": out}
}
