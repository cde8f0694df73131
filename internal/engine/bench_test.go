package engine

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"
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

// joinCorpus is generateResources(n) placed in accounts, plus what the
// relation controls join: per account one aws.account, trails (half of
// them multi-region) delivering to generated buckets and encrypted with
// generated keys. Every trail finds its bucket and key by reference.
func joinCorpus(n int) []evidence.Resource {
	out := generateResources(n)
	const accounts = 100
	acct := func(i int) string { return fmt.Sprintf("%012d", i%accounts) }
	var buckets []string
	for i := range out {
		out[i].Scope = evidence.Scope{Platform: "aws", AccountID: acct(i), Region: "eu-west-1"}
		if out[i].Type == "aws.s3.bucket" {
			out[i].Attributes["logging"] = map[string]any{"enabled": i%3 != 0}
			buckets = append(buckets, out[i].Attributes["name"].(string))
		}
	}
	for a := range accounts {
		out = append(out, evidence.Resource{Type: "aws.account", ID: fmt.Sprintf("arn:aws:iam::%s:root", acct(a)),
			Scope: evidence.Scope{Platform: "aws", AccountID: acct(a)}, Attributes: map[string]any{"account_id": acct(a)}})
	}
	for i := range n / 10 {
		keyARN := fmt.Sprintf("arn:aws:kms:eu-west-1:%s:key/%d", acct(i), i)
		out = append(out,
			evidence.Resource{Type: "aws.kms.key", ID: keyARN, Scope: evidence.Scope{Platform: "aws", AccountID: acct(i), Region: "eu-west-1"},
				Attributes: map[string]any{"key_id": fmt.Sprint(i), "key_state": "Enabled", "rotation_enabled": i%2 == 0, "customer_managed": true, "key_spec": "SYMMETRIC_DEFAULT"}},
			evidence.Resource{Type: "aws.cloudtrail.trail", ID: fmt.Sprintf("arn:aws:cloudtrail:eu-west-1:%s:trail/t%d", acct(i), i),
				Scope: evidence.Scope{Platform: "aws", AccountID: acct(i), Region: "eu-west-1"},
				Attributes: map[string]any{"name": fmt.Sprintf("t%d", i), "is_multi_region_trail": i%2 == 0, "is_logging": true, "s3_bucket_name": buckets[i%len(buckets)],
					"kms_encrypted": true, "kms_key_id": keyARN, "log_file_validation_enabled": true}})
	}
	return out
}

// controlsWithoutRelated is the built-in controls with every custom.related
// block removed: the same controls, evaluated without joins (they see no
// input.related and report not_evaluated).
func controlsWithoutRelated(b *testing.B) fstest.MapFS {
	out := fstest.MapFS{}
	err := fs.WalkDir(controls.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(controls.FS, p)
		if err != nil {
			return err
		}
		var kept []string
		inRelated := false
		for line := range strings.SplitSeq(string(data), "\n") {
			switch {
			case line == "#   related:":
				inRelated = true
				continue
			case inRelated && strings.HasPrefix(line, "#     "):
				continue
			}
			inRelated = false
			kept = append(kept, line)
		}
		out[p] = &fstest.MapFile{Data: []byte(strings.Join(kept, "\n"))}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// BenchmarkEvaluateJoins evaluates the built-in controls over the same
// evidence twice in each iteration, on one worker each so the times are
// CPU like for like: with the relation controls' joins (index built once
// per run, input.related per subject) and with their related blocks
// removed. joins-ratio is the cost of joins; the target is ≤ 1.3.
func BenchmarkEvaluateJoins(b *testing.B) {
	ctx := context.Background()
	with, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(1))
	if err != nil {
		b.Fatal(err)
	}
	without, err := New(ctx, []Source{{Name: "controls", FS: controlsWithoutRelated(b)}}, WithWorkers(1))
	if err != nil {
		b.Fatal(err)
	}
	if len(with.rels) == 0 || len(without.rels) != 0 {
		b.Fatalf("relations: %d with, %d without", len(with.rels), len(without.rels))
	}
	snap := &evidence.Snapshot{Resources: joinCorpus(10_000), Collected: readEverywhere}
	var joined, plain time.Duration
	results := 0
	timed := func(e *Engine) time.Duration {
		start := time.Now()
		results = len(e.Evaluate(ctx, snap, nil))
		return time.Since(start)
	}
	odd := false
	for b.Loop() {
		// Alternate which runs first, so neither always gets the warmer
		// caches or the quieter half of a shared machine's time slice.
		if odd {
			plain += timed(without)
			joined += timed(with)
		} else {
			joined += timed(with)
			plain += timed(without)
		}
		odd = !odd
	}
	iters := float64(b.N)
	b.ReportMetric(float64(joined.Milliseconds())/iters, "joins-ms/op")
	b.ReportMetric(float64(plain.Milliseconds())/iters, "no-joins-ms/op")
	b.ReportMetric(float64(joined)/float64(plain), "joins-ratio")
	b.ReportMetric(float64(results), "results")
}
