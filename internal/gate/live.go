package gate

import (
	"strings"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// CheckedByAudit reports whether a result the gate could not evaluate is
// about an attribute Terraform can never know: one the resource-type
// registry declares as produced by live collectors only (MFA devices a user
// enrols, a key's last use, a creation date). Such a result is reported
// ("checked by the audit", which reads it live) but does not block: no
// change to the configuration could ever make it known, so it would block
// every pull request that adds such a resource. A value that is only
// unknown until apply is not live-only and still blocks, and so does any
// result whose attribute is not named or not registered — fail closed.
func CheckedByAudit(f finding.Finding) bool {
	if f.Status != finding.NotEvaluated || f.Resource.Source.Kind != "terraform" {
		return false
	}
	a, ok := registeredAttribute(f.Resource.Type, f.Path)
	return ok && a.From == evidence.Live
}

// registeredAttribute finds the registry entry of a control's path
// ("attributes.mfa_devices", "attributes.encryption.enabled",
// "attributes.attached_policies[0].policy_arn"): the longest dotted name
// the registry declares, from the attribute's own name down to its
// top-level object.
func registeredAttribute(resourceType, path string) (evidence.Attribute, bool) {
	name, ok := strings.CutPrefix(path, "attributes.")
	if !ok {
		return evidence.Attribute{}, false
	}
	if i := strings.IndexByte(name, '['); i >= 0 {
		name = name[:i]
	}
	t, ok := evidence.LookupResourceType(resourceType)
	if !ok {
		return evidence.Attribute{}, false
	}
	for name != "" {
		if a, ok := t.Attribute(name); ok {
			return a, true
		}
		i := strings.LastIndexByte(name, '.')
		if i < 0 {
			break
		}
		name = name[:i]
	}
	return evidence.Attribute{}, false
}
