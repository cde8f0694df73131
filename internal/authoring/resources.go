package authoring

import "sort"

// Attribute is one documented attribute of a resource type.
type Attribute struct {
	Name string
	// Kind is the JSON shape: bool, string, number, object or list.
	Kind string
}

// ResourceTypes is the registry of resource types evidence producers emit,
// with their attributes (nested ones dotted), mirroring docs/resources.md (the
// contract between producers and controls). A test keeps the two in step:
// a type added to the document without being added here fails it, so lint
// never rejects a documented type nor accepts an undocumented one.
var ResourceTypes = map[string][]Attribute{
	"github.organization": {
		{"login", "string"}, {"two_factor_requirement_enabled", "bool"}, {"default_repository_permission", "string"},
	},
	"github.member": {
		{"login", "string"}, {"role", "string"}, {"outside_collaborator", "bool"}, {"two_factor_disabled", "bool"},
	},
	"github.repository": {
		{"name", "string"}, {"full_name", "string"}, {"visibility", "string"}, {"archived", "bool"}, {"fork", "bool"},
		{"default_branch", "string"}, {"default_branch_protection", "object"},
		{"default_branch_protection.protected", "bool"}, {"default_branch_protection.required_approving_review_count", "number"},
		{"default_branch_protection.allow_force_pushes", "bool"},
	},
	"aws.iam.user": {
		{"user_name", "string"}, {"arn", "string"}, {"password_enabled", "bool"}, {"mfa_devices", "list"}, {"access_keys", "list"},
	},
	"aws.s3.bucket": {
		{"name", "string"}, {"region", "string"}, {"public_access_block", "object"}, {"encryption", "object"},
		{"encryption.enabled", "bool"}, {"public_access_block.configured", "bool"},
	},
	"aws.ec2.security_group": {
		{"group_id", "string"}, {"group_name", "string"}, {"vpc_id", "string"}, {"is_default", "bool"}, {"ingress", "list"}, {"egress", "list"},
	},
}

// KnownResourceType reports whether t is documented in docs/resources.md.
func KnownResourceType(t string) bool {
	_, ok := ResourceTypes[t]
	return ok
}

// ResourceTypeNames returns the registered types, sorted.
func ResourceTypeNames() []string {
	out := make([]string, 0, len(ResourceTypes))
	for t := range ResourceTypes {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Frameworks are the framework keys controls may cite (docs/controls.md).
var Frameworks = map[string]string{
	"cis-aws-3.0":    "CIS AWS Foundations Benchmark 3.0",
	"cis-github-1.0": "CIS GitHub Benchmark 1.0",
	"iso27001-2022":  "ISO/IEC 27001:2022 Annex A",
	"nist-800-53-r5": "NIST SP 800-53 Rev. 5",
	"soc2":           "SOC 2 Trust Services Criteria",
}
