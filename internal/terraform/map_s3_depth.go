package terraform

import (
	"github.com/zclconf/go-cty/cty"
)

// s3Ownership maps aws_s3_bucket_ownership_controls. Without one, a bucket
// Terraform creates gets BucketOwnerEnforced (S3's default for new buckets
// since April 2023), which is what the live collector reads after apply.
func s3Ownership(m *mapper, b *builder, in *Instance, l links) {
	oc, unresolved := m.one(l, in, "ownership controls")
	if oc == nil {
		if unresolved != "" {
			b.unknown("ownership_controls", unresolved)
			return
		}
		b.r.Attributes["ownership_controls"] = map[string]any{"configured": true, "object_ownership": "BucketOwnerEnforced"}
		return
	}
	rules, u, ok := blocks(oc.Body, "rule")
	if !ok {
		b.unknown("ownership_controls", unknownReason(u))
		return
	}
	if len(rules) == 0 {
		// The provider requires the rule block; without it nothing is applied.
		b.unknown("ownership_controls", oc.Address+" has no rule block")
		return
	}
	out := map[string]any{"configured": true}
	b.setIn(out, "ownership_controls", "object_ownership", get(rules[0], "object_ownership"), nil)
	b.r.Attributes["ownership_controls"] = out
}

// s3ObjectLock maps object_lock_enabled of aws_s3_bucket (v4+) or its v3
// inline object_lock_configuration, and the default retention of
// aws_s3_bucket_object_lock_configuration (or the inline rule).
func s3ObjectLock(m *mapper, b *builder, in *Instance, l links) {
	out := map[string]any{}
	inline, u, ok := blocks(in.Body, "object_lock_configuration")
	if !ok {
		b.unknown("object_lock", unknownReason(u))
		return
	}
	var rule cty.Value
	switch v := get(in.Body, "object_lock_enabled"); {
	case v != cty.NilVal:
		b.setIn(out, "object_lock", "enabled", v, nil)
	case len(inline) > 0:
		switch s, known := str(get(inline[0], "object_lock_enabled")); {
		case known:
			out["enabled"] = s == "Enabled"
		case get(inline[0], "object_lock_enabled") == cty.NilVal:
			out["enabled"] = false
		default:
			b.unknown("object_lock.enabled", unknownReason(get(inline[0], "object_lock_enabled")))
		}
		if rules, _, ok := blocks(inline[0], "rule"); ok && len(rules) > 0 {
			rule = rules[0]
		}
	default:
		out["enabled"] = false
	}
	cfg, unresolved := m.one(l, in, "object lock configuration")
	switch {
	case cfg != nil:
		rules, u, ok := blocks(cfg.Body, "rule")
		if !ok {
			b.unknown("object_lock", unknownReason(u))
			return
		}
		if len(rules) > 0 {
			rule = rules[0]
		}
	case unresolved != "":
		b.unknown("object_lock", unresolved)
		return
	}
	if rule != cty.NilVal {
		if ret, _, ok := blocks(rule, "default_retention"); ok && len(ret) > 0 {
			b.setIn(out, "object_lock", "default_mode", get(ret[0], "mode"), nil)
			days, years := get(ret[0], "days"), get(ret[0], "years")
			if years != cty.NilVal {
				if y, ok := toGo(years); ok {
					if n, isInt := y.(int64); isInt {
						out["default_retention_days"] = n * 365
					}
				} else {
					b.unknown("object_lock.default_retention_days", unknownReason(years))
				}
			} else {
				b.setIn(out, "object_lock", "default_retention_days", days, nil)
			}
		}
	}
	b.r.Attributes["object_lock"] = out
}
