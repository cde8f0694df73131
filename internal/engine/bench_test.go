package engine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/evidence"
)

// generateResources makes n resources spread over the seed controls' types,
// with attributes drawn so every control sees passes, failures and missing data.
func generateResources(n int) []evidence.Resource {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]evidence.Resource, 0, n)
	for i := range n {
		var r evidence.Resource
		switch i % 5 {
		case 0:
			r = evidence.Resource{Type: "github.repository", Attributes: map[string]any{
				"name": fmt.Sprintf("repo-%d", i), "archived": rng.IntN(20) == 0, "default_branch": "main",
				"default_branch_protection": map[string]any{"protected": rng.IntN(4) > 0, "required_approving_review_count": rng.IntN(3), "allow_force_pushes": rng.IntN(5) == 0},
			}}
		case 1:
			r = evidence.Resource{Type: "aws.iam.user", Attributes: map[string]any{
				"user_name": fmt.Sprintf("user-%d", i), "password_enabled": rng.IntN(2) == 0, "mfa_devices": []any{},
				"access_keys": []any{map[string]any{"access_key_id": "AKIA", "status": "Active", "create_date": time.Date(2026, time.Month(rng.IntN(12)+1), 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)}},
			}}
		case 2:
			r = evidence.Resource{Type: "aws.s3.bucket", Attributes: map[string]any{
				"name":                fmt.Sprintf("bucket-%d", i),
				"public_access_block": map[string]any{"configured": true, "block_public_acls": true, "ignore_public_acls": rng.IntN(3) > 0, "block_public_policy": true, "restrict_public_buckets": true},
				"encryption":          map[string]any{"enabled": true, "sse_algorithm": []string{"AES256", "aws:kms"}[rng.IntN(2)]},
			}}
		case 3:
			r = evidence.Resource{Type: "aws.ec2.security_group", Attributes: map[string]any{
				"group_id": fmt.Sprintf("sg-%d", i), "is_default": rng.IntN(10) == 0, "egress": []any{},
				"ingress": []any{map[string]any{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": []any{[]string{"10.0.0.0/8", "0.0.0.0/0"}[rng.IntN(2)]}}},
			}}
		case 4:
			r = evidence.Resource{Type: "github.organization", Attributes: map[string]any{
				"two_factor_requirement_enabled": rng.IntN(2) == 0, "default_repository_permission": []string{"read", "write", "none"}[rng.IntN(3)],
			}}
		}
		r.ID = fmt.Sprintf("%s/%d", r.Type, i)
		out = append(out, r)
	}
	return out
}

// naiveEvaluate is the pattern most OPA integrations use (conftest among
// them): one rego.New(...).Eval per resource per control, re-preparing the
// query each time, with the input as a Go map converted on every call. It
// shares the compiled modules, so the comparison isolates per-call work.
func naiveEvaluate(ctx context.Context, e *Engine, resources []evidence.Resource) (int, error) {
	n := 0
	for _, r := range resources {
		for _, ctl := range e.byType[r.Type] {
			q := fmt.Sprintf("deny := [d | some d in data.%s.deny]; unknown := [u | some u in data.%s.unknown]", ctl.Package, ctl.Package)
			rs, err := rego.New(rego.Query(q), rego.Compiler(e.compiler), rego.Input(Input(r, nil))).Eval(ctx)
			if err != nil {
				return n, err
			}
			n += len(rs)
		}
	}
	return n, nil
}

// BenchmarkEvaluate runs Rampart's engine, the engine without batching
// (one prepared query per control), and the naive pattern over the same
// 10,000 resources in each iteration and reports the three times and the
// speed-up over naive, so the ratio in the README comes from one run on one
// machine.
func BenchmarkEvaluate(b *testing.B) {
	ctx := context.Background()
	e, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}})
	if err != nil {
		b.Fatal(err)
	}
	perControl, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}})
	if err != nil {
		b.Fatal(err)
	}
	perControl.batch = nil
	snap := &evidence.Snapshot{Resources: generateResources(10_000)}
	var rampart, single, naive time.Duration
	results := 0
	for b.Loop() {
		start := time.Now()
		fs := e.Evaluate(ctx, snap, nil)
		rampart += time.Since(start)
		results = len(fs)

		start = time.Now()
		perControl.Evaluate(ctx, snap, nil)
		single += time.Since(start)

		start = time.Now()
		n, err := naiveEvaluate(ctx, e, snap.Resources)
		naive += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if n != results {
			b.Fatalf("naive evaluated %d (control, resource) pairs, engine %d", n, results)
		}
	}
	iters := float64(b.N)
	b.ReportMetric(float64(rampart.Milliseconds())/iters, "rampart-ms/op")
	b.ReportMetric(float64(single.Milliseconds())/iters, "per-control-ms/op")
	b.ReportMetric(float64(naive.Milliseconds())/iters, "naive-ms/op")
	b.ReportMetric(float64(naive)/float64(rampart), "speedup-x")
	b.ReportMetric(float64(results), "results")
}

// BenchmarkEvaluateSerial is the engine on one worker: the speed-up that
// comes from preparing once and converting input once, without parallelism.
func BenchmarkEvaluateSerial(b *testing.B) {
	ctx := context.Background()
	e, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(1))
	if err != nil {
		b.Fatal(err)
	}
	snap := &evidence.Snapshot{Resources: generateResources(10_000)}
	for b.Loop() {
		e.Evaluate(ctx, snap, nil)
	}
}
