package terraform

import (
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/redact"
)

// mapLambdaFunctions builds aws.lambda.function from aws_lambda_function,
// its aws_lambda_permission statements (the resource policy Lambda writes
// from them) and its aws_lambda_function_url.
func mapLambdaFunctions(m *mapper) {
	fns := m.byType["aws_lambda_function"]
	if len(fns) == 0 {
		return
	}
	permL := m.link("aws_lambda_permission", "aws_lambda_function", "function_name", "function_name")
	urlL := m.link("aws_lambda_function_url", "aws_lambda_function", "function_name", "function_name")
	for _, in := range fns {
		b := newBuilder(evidence.TypeAWSLambdaFunction, id(in), in, awsScope(in))
		setRegion(b, in)
		b.identifier("function_name", get(in.Body, "function_name"), in)
		b.unknown("arn", "unknown until apply: "+in.Address+".arn")
		b.set("package_type", get(in.Body, "package_type"), "Zip")
		if pt, _ := b.r.Attributes["package_type"].(string); pt != "Image" {
			// A Zip function without a runtime is refused by Lambda; absent
			// stays absent, which the runtime control reports unknown.
			b.set("runtime", get(in.Body, "runtime"), nil)
		}
		b.set("tracing_mode", get(in.Body, "tracing_config", 0, "mode"), "PassThrough")
		lambdaVPC(b, in)
		switch dlq := get(in.Body, "dead_letter_config", 0); {
		case dlq == cty.NilVal:
			b.r.Attributes["dead_letter_configured"] = false
		case !dlq.IsKnown():
			b.unknown("dead_letter_configured", unknownReason(dlq))
		default:
			// The target ARN is usually a queue created in the same change,
			// unknown until apply; that the block names one is enough.
			b.r.Attributes["dead_letter_configured"] = get(dlq, "target_arn") != cty.NilVal
		}
		lambdaKMSKey(b, in)
		lambdaEnvironment(b, in)
		if layers, why := stringList(get(in.Body, "layers")); why != "" {
			b.unknown("layers", "layers "+why)
		} else {
			b.r.Attributes["layers"] = append([]string{}, layers...)
		}
		lambdaPolicy(b, in, permL)
		lambdaURLs(b, in, urlL)
		m.emit(b)
	}
}

func lambdaVPC(b *builder, in *Instance) {
	vpc := get(in.Body, "vpc_config", 0)
	if vpc == cty.NilVal {
		b.r.Attributes["in_vpc"] = false
		b.r.Attributes["vpc_subnet_ids"] = []string{}
		return
	}
	subnets := get(vpc, "subnet_ids")
	if subnets == cty.NilVal {
		b.r.Attributes["in_vpc"] = false
		b.r.Attributes["vpc_subnet_ids"] = []string{}
		return
	}
	// A list of subnets created in the same change has a known length but
	// unknown elements: the function is in a VPC, its subnets unknown.
	uv, _ := subnets.Unmark()
	if uv.IsKnown() && uv.CanIterateElements() {
		b.r.Attributes["in_vpc"] = uv.LengthInt() > 0
	} else {
		b.unknown("in_vpc", unknownReason(subnets))
	}
	if ids, why := stringList(subnets); why != "" {
		b.unknown("vpc_subnet_ids", "subnet_ids "+why)
	} else {
		sort.Strings(ids)
		b.r.Attributes["vpc_subnet_ids"] = append([]string{}, ids...)
	}
}

// lambdaKMSKey: "" means Lambda's AWS-managed key, as live; a key created
// in the same change has no ARN before apply and stays unknown.
func lambdaKMSKey(b *builder, in *Instance) {
	b.set("kms_key_arn", get(in.Body, "kms_key_arn"), "")
}

// lambdaEnvironment records the variables' names and which look like
// secrets, through redact.Environment as the live collector does; no
// value is written.
func lambdaEnvironment(b *builder, in *Instance) {
	vars := get(in.Body, "environment", 0, "variables")
	if vars == cty.NilVal {
		b.r.Attributes["environment_variables"] = []string{}
		b.r.Attributes["environment_secret_like"] = []any{}
		return
	}
	uv, _ := vars.Unmark()
	if !uv.IsKnown() || !(uv.Type().IsMapType() || uv.Type().IsObjectType()) {
		why := unknownReason(vars)
		b.unknown("environment_variables", why)
		b.unknown("environment_secret_like", why)
		return
	}
	known := map[string]string{}
	var names, unknownNames []string
	for it := uv.ElementIterator(); it.Next(); {
		k, v := it.Element()
		name := k.AsString()
		names = append(names, name)
		if s, ok := knownString(v); ok {
			known[name] = s
		} else {
			unknownNames = append(unknownNames, name)
		}
	}
	sort.Strings(names)
	b.r.Attributes["environment_variables"] = append([]string{}, names...)
	if len(unknownNames) > 0 {
		sort.Strings(unknownNames)
		b.unknown("environment_secret_like", "the value of "+strings.Join(unknownNames, ", ")+" is not known statically")
		return
	}
	_, secretLike := redact.Environment(known)
	b.r.Attributes["environment_secret_like"] = secretLike
}

// lambdaPolicy writes the resource policy Lambda builds from the
// function's permissions (AddPermission), one statement each.
func lambdaPolicy(b *builder, in *Instance, l links) {
	perms := l.of[in]
	if len(perms) == 0 {
		if why := l.unresolved[in.Root]; why != "" {
			b.unknown("policy", why)
			return
		}
		b.r.Attributes["policy"] = map[string]any{"present": false}
		return
	}
	var statements []any
	for _, p := range perms {
		st, why := permissionStatement(p)
		if why != "" {
			b.unknown("policy", p.Address+": "+why)
			return
		}
		statements = append(statements, st)
	}
	b.r.Attributes["policy"] = map[string]any{"present": true, "document": map[string]any{
		"Version": "2012-10-17", "Id": "default", "Statement": statements,
	}}
}

// afterApplyRef tells whether v is exactly a reference to an attribute of
// a managed resource that is known only after apply, as the evaluator
// builds it (resState.value): the unknown of any type, marked with one ref
// and nothing else. A template or a function over such a reference is an
// unknown string (or carries more marks); a variable or a data source
// carries a reason mark and no ref.
func afterApplyRef(v cty.Value) (ref, bool) {
	uv, marks := v.Unmark()
	if uv.IsKnown() || uv.Type() != cty.DynamicPseudoType || len(marks) != 1 {
		return ref{}, false
	}
	for m := range marks {
		if r, ok := m.(ref); ok && !strings.HasPrefix(r.Addr, "data.") {
			return r, true
		}
	}
	return ref{}, false
}

// permissionStatement is the statement Lambda writes for one
// aws_lambda_permission; a value not known statically makes the policy
// unknown (a condition left out would read as public).
func permissionStatement(p *Instance) (map[string]any, string) {
	principal, ok := str(get(p.Body, "principal"))
	if !ok {
		return nil, "principal " + describeUnknown(get(p.Body, "principal"), "unset")
	}
	action, ok := str(get(p.Body, "action"))
	if !ok {
		return nil, "action " + describeUnknown(get(p.Body, "action"), "unset")
	}
	sid := p.Address
	if s, ok := str(get(p.Body, "statement_id")); ok {
		sid = s
	}
	st := map[string]any{"Sid": sid, "Effect": "Allow", "Action": action}
	switch {
	case principal == "*":
		st["Principal"] = "*"
	case strings.HasSuffix(principal, ".amazonaws.com"):
		st["Principal"] = map[string]any{"Service": principal}
	default:
		st["Principal"] = map[string]any{"AWS": principal}
	}
	cond := map[string]map[string]any{}
	for _, c := range []struct{ arg, op, key string }{
		{"source_arn", "ArnLike", "AWS:SourceArn"},
		{"source_account", "StringEquals", "AWS:SourceAccount"},
		{"principal_org_id", "StringEquals", "aws:PrincipalOrgID"},
		{"function_url_auth_type", "StringEquals", "lambda:FunctionUrlAuthType"},
	} {
		v := get(p.Body, c.arg)
		if v == cty.NilVal {
			continue
		}
		s, ok := str(v)
		if !ok {
			// The condition restricts only if its value cannot be "*": a
			// bare reference to an attribute a managed resource of the
			// change gets at apply (aws_s3_bucket.uploads.arn, an ARN or an
			// account ID) restricts all the same, and the reason stands in
			// for the value. A variable, a data source, a template or a
			// function of unknowns could be "*": the policy is unknown.
			r, direct := afterApplyRef(v)
			if !direct {
				return nil, c.arg + " " + describeUnknown(v, "an expression known only after apply") + ", which could be \"*\": only a direct reference to a managed resource's attribute is known to restrict"
			}
			s = "(unknown until apply: " + r.Addr + "." + r.Attr + ")"
		}
		if cond[c.op] == nil {
			cond[c.op] = map[string]any{}
		}
		cond[c.op][c.key] = s
	}
	if len(cond) > 0 {
		out := map[string]any{}
		for op, kv := range cond {
			out[op] = kv
		}
		st["Condition"] = out
	}
	return st, ""
}

func lambdaURLs(b *builder, in *Instance, l links) {
	urls := l.of[in]
	if len(urls) == 0 {
		if why := l.unresolved[in.Root]; why != "" {
			b.unknown("function_urls", why)
			return
		}
		b.r.Attributes["function_urls"] = []any{}
		return
	}
	var out []any
	for _, u := range urls {
		auth, ok := str(get(u.Body, "authorization_type"))
		if !ok {
			b.unknown("function_urls", u.Address+": authorization_type "+describeUnknown(get(u.Body, "authorization_type"), "unset"))
			return
		}
		qualifier := ""
		if q := get(u.Body, "qualifier"); q != cty.NilVal {
			s, ok := str(q)
			if !ok {
				b.unknown("function_urls", u.Address+": qualifier "+describeUnknown(q, "unset"))
				return
			}
			qualifier = s
		}
		origins, why := stringList(get(u.Body, "cors", 0, "allow_origins"))
		if why != "" {
			b.unknown("function_urls", u.Address+": cors.allow_origins "+why)
			return
		}
		out = append(out, map[string]any{"qualifier": qualifier, "auth_type": auth, "cors_allow_origins": append([]string{}, origins...)})
	}
	b.r.Attributes["function_urls"] = out
}
