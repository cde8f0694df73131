package controls_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/terraform"
	"github.com/rampart-audit/rampart/policies"
)

// corpus is a set of resources evaluated at one time with one set of
// systems and the workspace settings controls see as input.settings.
type corpus struct {
	name      string
	now       time.Time
	resources []evidence.Resource
	systems   map[string]engine.System
	settings  map[string]any
	// collected is what the corpus's producer says it read (the
	// snapshot's collected list): without it every relation would be
	// not_evaluated and the relation controls would drop out of the test.
	collected []evidence.Collected
}

// snapshot is a snapshot of resources as this corpus's producer wrote it.
func (c corpus) snapshot(resources []evidence.Resource) *evidence.Snapshot {
	return &evidence.Snapshot{Schema: evidence.SchemaV1, Resources: resources, Collected: c.collected}
}

// readEverything lists every registered type as read in every scope of
// each platform, for the corpora no producer wrote (the relation corpus,
// the controls' test inputs, whose resources have no scope at all): they
// are about guards, not about collection.
func readEverything() []evidence.Collected {
	var out []evidence.Collected
	for _, p := range []string{"", "aws", "github", "terraform"} {
		out = append(out, evidence.CollectedScope(evidence.Scope{Platform: p}, evidence.ResourceTypeNames()...))
	}
	return out
}

// env is the engine environment the corpus is evaluated in.
func (c corpus) env() engine.Env { return engine.Env{Systems: c.systems, Settings: c.settings} }

// loadCorpora gathers the resources the mutation test starts from: the
// example workspace's recorded evidence and Terraform (claimed by its
// systems, so classification-dependent controls apply), and every input the
// controls' own tests pass with `with input as`.
func loadCorpora(t *testing.T, ctx context.Context) []corpus {
	t.Helper()
	const acme = "../examples/acme"
	eng, err := engine.New(ctx, []engine.Source{{Name: "controls", FS: controls.FS}})
	require.NoError(t, err)
	ws, diags := model.Load(model.Input{Pack: policies.FS, PackName: "policies", Dir: acme,
		KnownControl: func(id string) bool { return eng.Catalog().Get(id) != nil }})
	require.False(t, diags.HasErrors(), "load %s: %s", acme, diags.Error())
	systems := map[string]engine.System{}
	for _, s := range ws.Systems {
		systems[s.ID] = engine.System{ID: s.ID, Classification: s.Classification, Owner: s.Owner}
	}

	var snaps []*evidence.Snapshot
	for _, f := range []string{"github.json", "aws.json"} {
		s, err := evidence.LoadFile(acme + "/evidence/" + f)
		require.NoError(t, err)
		snaps = append(snaps, s)
	}
	recorded, err := evidence.Merge(snaps...)
	require.NoError(t, err)
	ws.Claim(recorded)
	settings := ws.Settings.ControlInput()
	require.NotNil(t, recorded.Collected, "the example evidence lists what it collected")
	out := []corpus{{name: "examples/acme/evidence", now: recorded.CollectedAt, resources: recorded.Resources, systems: systems, settings: settings, collected: recorded.Collected}}

	tf, err := terraform.Load(ctx, os.DirFS(acme), []string{"terraform"}, terraform.Options{})
	require.NoError(t, err)
	require.False(t, tf.Diagnostics.HasErrors(), "read %s/terraform: %s", acme, tf.Diagnostics.Error())
	ws.Claim(tf.Snapshot)
	out = append(out, corpus{name: "examples/acme/terraform", now: recorded.CollectedAt, resources: tf.Snapshot.Resources, systems: systems, settings: settings, collected: tf.Snapshot.Collected})

	out = append(out, relationCorpus(settings))
	return append(out, testInputs(t, ctx, eng.Catalog()))
}

// relationCorpus is an estate where the relation controls fail on what
// they see of related resources (not on absence): an account whose only
// trail is single-region, a trail whose bucket does not log and whose key
// does not rotate. The mutation test breaks the subjects and each related
// resource in turn.
func relationCorpus(settings map[string]any) corpus {
	scope := evidence.Scope{Platform: "aws", AccountID: "111122223333", Region: "eu-west-1"}
	key := "arn:aws:kms:eu-west-1:111122223333:key/k1"
	mon := evidence.Scope{Platform: "aws", AccountID: "222233334444", Region: "eu-west-1"}
	return corpus{name: "relations", now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), systems: map[string]engine.System{}, settings: settings, collected: readEverything(), resources: []evidence.Resource{
		{Type: "aws.account", ID: "arn:aws:iam::111122223333:root", Scope: evidence.Scope{Platform: "aws", AccountID: "111122223333"}, Attributes: map[string]any{"account_id": "111122223333"}},
		{Type: "aws.cloudtrail.trail", ID: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main", Scope: scope, Attributes: map[string]any{
			"name": "main", "is_multi_region_trail": false, "is_logging": true, "s3_bucket_name": "trail-logs", "kms_encrypted": true, "kms_key_id": key}},
		{Type: "aws.s3.bucket", ID: "arn:aws:s3:::trail-logs", Scope: scope, Attributes: map[string]any{"name": "trail-logs", "logging": map[string]any{"enabled": false}}},
		{Type: "aws.kms.key", ID: key, Scope: scope, Attributes: map[string]any{"key_id": "k1", "key_state": "Enabled", "rotation_enabled": false, "customer_managed": true, "key_spec": "SYMMETRIC_DEFAULT"}},
		// The CIS 4.x chain of another account, complete but for the
		// subscription, which is not confirmed: AWS-CW-003 (root use)
		// fails on the last link, the other AWS-CW controls on the
		// filter's pattern; each link is broken in turn.
		{Type: "aws.account", ID: "arn:aws:iam::222233334444:root", Scope: evidence.Scope{Platform: "aws", AccountID: "222233334444"}, Attributes: map[string]any{"account_id": "222233334444"}},
		{Type: "aws.cloudtrail.trail", ID: "arn:aws:cloudtrail:eu-west-1:222233334444:trail/main", Scope: mon, Attributes: map[string]any{
			"name": "main", "is_multi_region_trail": true, "is_logging": true, "cloud_watch_logs_log_group_arn": "arn:aws:logs:eu-west-1:222233334444:log-group:ct:*"}},
		{Type: "aws.logs.metric_filter", ID: "arn:aws:logs:eu-west-1:222233334444:log-group:ct:metric-filter:root", Scope: mon, Attributes: map[string]any{
			"filter_name": "root", "log_group_name": "ct", "filter_pattern": `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`,
			"metric_transformations": []any{map[string]any{"metric_name": "RootUse", "metric_namespace": "CIS", "metric_value": "1"}}}},
		{Type: "aws.cloudwatch.alarm", ID: "arn:aws:cloudwatch:eu-west-1:222233334444:alarm:root", Scope: mon, Attributes: map[string]any{
			"alarm_name": "root", "metric_name": "RootUse", "namespace": "CIS", "actions_enabled": true, "alarm_actions": []any{"arn:aws:sns:eu-west-1:222233334444:alerts"}}},
		{Type: "aws.sns.subscription", ID: "arn:aws:sns:eu-west-1:222233334444:alerts:pending-1", Scope: mon, Attributes: map[string]any{
			"subscription_arn": "PendingConfirmation", "topic_arn": "arn:aws:sns:eu-west-1:222233334444:alerts", "protocol": "email", "confirmed": false}},
	}}
}

// testInputs evaluates the value of every `with input as X` in the
// controls' _test.rego files (X may call the test's helper functions or
// name a local variable assigned in the same test) and turns each into a
// resource of the types of the control under test. Rego tests run at the
// current time, so these are evaluated at it too.
func testInputs(t *testing.T, ctx context.Context, cat *engine.Catalog) corpus {
	t.Helper()
	mods, problems := engine.ParseSources(engine.Source{Name: "controls", FS: controls.FS})
	require.Empty(t, problems)
	set := map[string]*ast.Module{}
	for _, m := range mods {
		set[m.File] = m.Module
	}
	compiler := ast.NewCompiler()
	compiler.Compile(set)
	require.False(t, compiler.Failed(), "compile controls: %v", compiler.Errors)

	typesOf := map[string][]string{}
	for _, c := range cat.Controls {
		typesOf[c.Package+"_test"] = c.ResourceTypes
	}
	// The tests' own input.settings are not carried over: the defaults are what an audit without alert_sla sees.
	c := corpus{name: "controls/*_test.rego", now: time.Now(), systems: map[string]engine.System{}, settings: model.Settings{}.ControlInput(), collected: readEverything()}
	seen := map[string]bool{}
	for _, m := range mods {
		if !m.Test {
			continue
		}
		mod := compiler.Modules[m.File]
		pkg := strings.TrimPrefix(mod.Package.Path.String(), "data.")
		for _, rule := range mod.Rules {
			for _, term := range withInputs(rule.Body) {
				v, ok := evalTerm(ctx, compiler, term)
				if !ok {
					continue
				}
				for _, typ := range typesOf[pkg] {
					r, ok := resourceFrom(v, typ, c.systems)
					if !ok {
						continue
					}
					key, _ := json.Marshal([]any{typ, r.Attributes, r.Unknown, r.System})
					if seen[string(key)] {
						continue
					}
					seen[string(key)] = true
					r.ID = fmt.Sprintf("%s:%d/%d", m.File, rule.Location.Row, len(c.resources))
					c.resources = append(c.resources, r)
				}
			}
		}
	}
	require.NotEmpty(t, c.resources, "no test inputs found in controls/*_test.rego")
	return c
}

// withInputs returns the `with input as` values of a test body, with the
// body's local variables replaced by what they were assigned.
func withInputs(body ast.Body) []*ast.Term {
	locals := map[ast.Var]*ast.Term{}
	for _, e := range body {
		switch {
		case e.IsEquality() || e.IsAssignment():
			if v, ok := e.Operand(0).Value.(ast.Var); ok {
				locals[v] = e.Operand(1)
			}
		case e.IsCall():
			// The compiler hoists a call out of `with input as f(x)` into
			// `f(x, out)`; put the call back in place of out.
			terms := e.Terms.([]*ast.Term)
			if v, ok := terms[len(terms)-1].Value.(ast.Var); ok && len(terms) > 1 {
				locals[v] = ast.CallTerm(terms[:len(terms)-1]...)
			}
		}
	}
	var out []*ast.Term
	for _, e := range body {
		for _, w := range e.With {
			if w.Target.String() != "input" {
				continue
			}
			term := w.Value.Copy()
			for range 3 { // locals may refer to earlier locals
				v, err := ast.TransformVars(term, func(v ast.Var) (ast.Value, error) {
					if t, ok := locals[v]; ok {
						return t.Value, nil
					}
					return v, nil
				})
				if err != nil {
					break
				}
				switch v := v.(type) {
				case *ast.Term:
					term = v
				case ast.Value:
					term = ast.NewTerm(v)
				}
			}
			out = append(out, term)
		}
	}
	return out
}

// evalTerm evaluates a ground term (calls of data functions allowed).
func evalTerm(ctx context.Context, compiler *ast.Compiler, term *ast.Term) (map[string]any, bool) {
	free := false
	ast.WalkVars(term, func(v ast.Var) bool {
		if !v.Equal(ast.DefaultRootDocument.Value) && !v.Equal(ast.InputRootDocument.Value) {
			free = true
		}
		return false
	})
	if free {
		return nil, false
	}
	query := ast.NewBody(ast.Equality.Expr(ast.VarTerm("x"), term))
	rs, err := rego.New(rego.ParsedQuery(query), rego.Compiler(compiler)).Eval(ctx)
	if err != nil || len(rs) != 1 {
		return nil, false
	}
	v, ok := rs[0].Bindings["x"].(map[string]any)
	return v, ok
}

// resourceFrom turns a test's input document into a resource; a system
// classification becomes a system of that classification.
func resourceFrom(in map[string]any, typ string, systems map[string]engine.System) (evidence.Resource, bool) {
	attrs, ok := in["attributes"].(map[string]any)
	if !ok {
		return evidence.Resource{}, false
	}
	r := evidence.Resource{Type: typ, Attributes: attrs, Source: evidence.Source{Kind: "recorded"}}
	if u, ok := in["unknown"].(map[string]any); ok {
		r.Unknown = map[string]string{}
		for k, v := range u {
			r.Unknown[k] = fmt.Sprint(v)
		}
	}
	if sys, ok := in["system"].(map[string]any); ok {
		class, _ := sys["classification"].(string)
		id := "test-" + class
		systems[id] = engine.System{ID: id, Classification: class}
		r.System = id
	}
	return r, true
}
