package terraform

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// mapS3Buckets builds aws.s3.bucket from aws_s3_bucket and its AWS provider
// v4+ split resources, falling back to the v3 inline blocks.
func mapS3Buckets(m *mapper) {
	buckets := m.byType["aws_s3_bucket"]
	if len(buckets) == 0 {
		return
	}
	names := []string{"bucket"}
	encL := m.link("aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket", "bucket", names...)
	pabL := m.link("aws_s3_bucket_public_access_block", "aws_s3_bucket", "bucket", names...)
	verL := m.link("aws_s3_bucket_versioning", "aws_s3_bucket", "bucket", names...)
	logL := m.link("aws_s3_bucket_logging", "aws_s3_bucket", "bucket", names...)
	polL := m.link("aws_s3_bucket_policy", "aws_s3_bucket", "bucket", names...)
	aclL := m.link("aws_s3_bucket_acl", "aws_s3_bucket", "bucket", names...)
	ownL := m.link("aws_s3_bucket_ownership_controls", "aws_s3_bucket", "bucket", names...)
	lockL := m.link("aws_s3_bucket_object_lock_configuration", "aws_s3_bucket", "bucket", names...)
	for _, in := range buckets {
		name, known := str(get(in.Body, "bucket"))
		rid := id(in)
		if known {
			rid = "arn:aws:s3:::" + name
		}
		b := newBuilder(evidence.TypeAWSS3Bucket, rid, in, awsScope(in))
		b.identifier("name", get(in.Body, "bucket"), in)
		setRegion(b, in)
		s3Encryption(m, b, in, encL)
		s3PublicAccessBlock(m, b, in, pabL)
		s3Versioning(m, b, in, verL)
		s3Logging(m, b, in, logL)
		m.linkedPolicy(b, in, polL, "bucket policy", "policy", "policy")
		s3ACL(m, b, in, aclL)
		s3Ownership(m, b, in, ownL)
		s3ObjectLock(m, b, in, lockL)
		m.emit(b)
	}
}

func setRegion(b *builder, in *Instance) {
	if in.Region != "" {
		b.r.Attributes["region"] = in.Region
		return
	}
	b.unknown("region", "the AWS provider's region is not set statically in this configuration")
}

func s3Encryption(m *mapper, b *builder, in *Instance, l links) {
	cfg, unresolved := m.one(l, in, "server-side encryption")
	var rules []cty.Value
	var unk cty.Value
	ok := true
	switch {
	case cfg != nil:
		rules, unk, ok = blocks(cfg.Body, "rule")
	case unresolved != "":
		b.unknown("encryption", unresolved)
		return
	default:
		// v3 inline: server_side_encryption_configuration { rule { ... } }
		sse, u, known := blocks(in.Body, "server_side_encryption_configuration")
		if !known {
			b.unknown("encryption", unknownReason(u))
			return
		}
		if len(sse) == 0 {
			// Since January 2023 S3 encrypts every bucket with SSE-S3 when
			// nothing else is configured: this is what the live collector
			// will read after apply.
			b.r.Attributes["encryption"] = map[string]any{"enabled": true, "sse_algorithm": "AES256"}
			return
		}
		rules, unk, ok = blocks(sse[0], "rule")
	}
	if !ok {
		b.unknown("encryption", unknownReason(unk))
		return
	}
	enc := map[string]any{"enabled": true}
	if len(rules) == 0 {
		b.r.Attributes["encryption"] = map[string]any{"enabled": true, "sse_algorithm": "AES256"}
		return
	}
	def, u, ok := blocks(rules[0], "apply_server_side_encryption_by_default")
	if !ok {
		b.unknown("encryption", unknownReason(u))
		return
	}
	if len(def) == 0 {
		enc["sse_algorithm"] = "AES256"
	} else {
		b.setIn(enc, "encryption", "sse_algorithm", get(def[0], "sse_algorithm"), nil)
		b.setIn(enc, "encryption", "kms_key_id", get(def[0], "kms_master_key_id"), nil)
	}
	b.r.Attributes["encryption"] = enc
}

func s3PublicAccessBlock(m *mapper, b *builder, in *Instance, l links) {
	pab, unresolved := m.one(l, in, "public access block")
	if pab == nil {
		if unresolved != "" {
			b.unknown("public_access_block", unresolved)
			return
		}
		b.r.Attributes["public_access_block"] = map[string]any{"configured": false}
		return
	}
	out := map[string]any{"configured": true}
	for _, k := range []string{"block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"} {
		b.setIn(out, "public_access_block", k, get(pab.Body, k), false)
	}
	b.r.Attributes["public_access_block"] = out
}

func s3Versioning(m *mapper, b *builder, in *Instance, l links) {
	ver, unresolved := m.one(l, in, "versioning")
	out := map[string]any{}
	switch {
	case ver != nil:
		vc, u, ok := blocks(ver.Body, "versioning_configuration")
		if !ok || len(vc) == 0 {
			b.unknown("versioning", unknownReason(u))
			return
		}
		status := get(vc[0], "status")
		if s, ok := str(status); ok {
			out["enabled"], out["status"] = s == "Enabled", s
		} else {
			b.unknown("versioning.enabled", unknownReason(status))
		}
		mfa := get(vc[0], "mfa_delete")
		if mfa == cty.NilVal {
			out["mfa_delete"] = false
		} else if s, ok := str(mfa); ok {
			out["mfa_delete"] = s == "Enabled"
		} else {
			b.unknown("versioning.mfa_delete", unknownReason(mfa))
		}
	case unresolved != "":
		b.unknown("versioning", unresolved)
		return
	default:
		vs, u, ok := blocks(in.Body, "versioning")
		if !ok {
			b.unknown("versioning", unknownReason(u))
			return
		}
		if len(vs) == 0 {
			// Never enabled: S3 reports no status at all.
			out["enabled"], out["mfa_delete"], out["status"] = false, false, ""
			break
		}
		b.setIn(out, "versioning", "enabled", get(vs[0], "enabled"), false)
		b.setIn(out, "versioning", "mfa_delete", get(vs[0], "mfa_delete"), false)
		if on, ok := out["enabled"].(bool); ok {
			// The v3 block sets enabled = false on a bucket that may have
			// been versioned before; S3 then says Suspended, or nothing if never.
			out["status"] = map[bool]string{true: "Enabled", false: "Suspended"}[on]
		}
	}
	b.r.Attributes["versioning"] = out
}

func s3Logging(m *mapper, b *builder, in *Instance, l links) {
	lg, unresolved := m.one(l, in, "access logging")
	var target cty.Value
	switch {
	case lg != nil:
		target = get(lg.Body, "target_bucket")
	case unresolved != "":
		b.unknown("logging", unresolved)
		return
	default:
		ls, u, ok := blocks(in.Body, "logging")
		if !ok {
			b.unknown("logging", unknownReason(u))
			return
		}
		if len(ls) == 0 {
			b.r.Attributes["logging"] = map[string]any{"enabled": false}
			return
		}
		target = get(ls[0], "target_bucket")
	}
	out := map[string]any{"enabled": true}
	b.setIn(out, "logging", "target_bucket", target, nil)
	b.r.Attributes["logging"] = out
}

// cannedGrants are the public grants each canned ACL creates, in the
// shape the live collector reports (log-delivery-write grants the S3 log
// delivery group, which is not public).
var cannedGrants = map[string][]any{
	"private":                   {},
	"log-delivery-write":        {},
	"bucket-owner-read":         {},
	"bucket-owner-full-control": {},
	"aws-exec-read":             {},
	"public-read":               {map[string]any{"grantee": "AllUsers", "permission": "READ"}},
	"public-read-write":         {map[string]any{"grantee": "AllUsers", "permission": "READ"}, map[string]any{"grantee": "AllUsers", "permission": "WRITE"}},
	"authenticated-read":        {map[string]any{"grantee": "AuthenticatedUsers", "permission": "READ"}},
}

var publicGranteeURIs = map[string]string{
	"http://acs.amazonaws.com/groups/global/AllUsers":           "AllUsers",
	"http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "AuthenticatedUsers",
}

// s3ACL maps a canned ACL or explicit grants to public_acl_grants.
func s3ACL(m *mapper, b *builder, in *Instance, l links) {
	acl, unresolved := m.one(l, in, "ACL")
	var canned cty.Value
	switch {
	case acl != nil:
		if v := get(acl.Body, "acl"); v != cty.NilVal {
			canned = v
			break
		}
		grants, why, ok := explicitGrants(acl.Body)
		if !ok {
			b.unknown("public_acl_grants", acl.Address+": "+why)
			return
		}
		b.r.Attributes["public_acl_grants"] = grants
		return
	case unresolved != "":
		b.unknown("public_acl_grants", unresolved)
		return
	default:
		canned = get(in.Body, "acl")
		if canned == cty.NilVal {
			b.r.Attributes["public_acl_grants"] = []any{}
			return
		}
	}
	name, ok := str(canned)
	if !ok {
		b.unknown("public_acl_grants", "canned ACL "+unknownReason(canned))
		return
	}
	grants, known := cannedGrants[name]
	if !known {
		b.unknown("public_acl_grants", fmt.Sprintf("canned ACL %q is not one rampart knows", name))
		return
	}
	b.r.Attributes["public_acl_grants"] = grants
}

// explicitGrants reads access_control_policy { grant { grantee { type, uri }, permission } }.
func explicitGrants(body cty.Value) ([]any, string, bool) {
	acps, u, ok := blocks(body, "access_control_policy")
	if !ok {
		return nil, unknownReason(u), false
	}
	out := []any{}
	if len(acps) == 0 {
		return out, "", true
	}
	grants, u, ok := blocks(acps[0], "grant")
	if !ok {
		return nil, unknownReason(u), false
	}
	for _, g := range grants {
		gs, u, ok := blocks(g, "grantee")
		if !ok || len(gs) == 0 {
			return nil, "grantee " + unknownReason(u), false
		}
		uri := get(gs[0], "uri")
		if uri == cty.NilVal {
			continue // a canonical user or e-mail grantee: not public
		}
		u2, ok := str(uri)
		if !ok {
			return nil, "grantee uri " + unknownReason(uri), false
		}
		who, public := publicGranteeURIs[u2]
		if !public {
			continue
		}
		perm, ok := str(get(g, "permission"))
		if !ok {
			return nil, "grant permission " + unknownReason(get(g, "permission")), false
		}
		out = append(out, map[string]any{"grantee": who, "permission": perm})
	}
	return out, "", true
}
