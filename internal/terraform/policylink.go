package terraform

import "github.com/zclconf/go-cty/cty"

// linkedPolicy sets a resource policy attribute (evidence's
// resourcePolicyText shape: {present, document}) of the resource in from
// the policy resource linked to it by l (aws_s3_bucket_policy,
// aws_sqs_queue_policy …), else from the resource's own inline argument
// (inline; "" when the type has none). One copy for every resource type
// whose policy may live in a separate resource, because the failure modes
// are the same everywhere and each must stay unknown, never "no policy":
// a policy resource whose target cannot be placed (unresolved), and a
// document unknown until apply or not JSON.
func (m *mapper) linkedPolicy(b *builder, in *Instance, l links, what, attr, inline string) {
	pol, unresolved := m.one(l, in, what)
	v := cty.NilVal
	switch {
	case pol != nil:
		v = get(pol.Body, "policy")
	case unresolved != "":
		b.unknown(attr, unresolved)
		return
	case inline != "":
		v = get(in.Body, inline)
	}
	if v == cty.NilVal {
		b.r.Attributes[attr] = map[string]any{"present": false}
		return
	}
	doc, why, ok := policyDocument(v)
	if !ok {
		b.unknown(attr, why)
		return
	}
	b.r.Attributes[attr] = map[string]any{"present": true, "document": doc}
}
