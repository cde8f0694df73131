package engine

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/benchdata"
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
// them): one rego.New(...).Eval per resource per control, the query parsed
// and planned on every call, with the input as a Go map converted on every
// call. It shares the compiled modules, as conftest compiles its policies
// once, so the comparison isolates the per-call work. Resources are spread
// over workers goroutines, as the engine spreads them.
func naiveEvaluate(ctx context.Context, e *Engine, resources []evidence.Resource, workers int) (int, error) {
	var (
		mu       sync.Mutex
		n        int
		firstErr error
		wg       sync.WaitGroup
	)
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			count := 0
			var err error
			for i := range next {
				if err != nil {
					continue
				}
				r := resources[i]
				for _, ctl := range e.byType[r.Type] {
					q := fmt.Sprintf("deny := [d | some d in data.%s.deny]; unknown := [u | some u in data.%s.unknown]", ctl.Package, ctl.Package)
					var rs rego.ResultSet
					rs, err = rego.New(rego.Query(q), rego.Compiler(e.compiler), rego.Input(Input(r, nil))).Eval(ctx)
					if err != nil {
						break
					}
					count += len(rs)
				}
			}
			mu.Lock()
			n += count
			if firstErr == nil {
				firstErr = err
			}
			mu.Unlock()
		}()
	}
	for i := range resources {
		next <- i
	}
	close(next)
	wg.Wait()
	return n, firstErr
}

// contender is one way of evaluating a set, timed in every iteration.
type contender struct {
	name      string
	eval      func() (pairs int, err error)
	wall, cpu time.Duration
	pairs     int
}

// race runs the contenders in turn in every iteration of b, rotating which
// goes first so none always gets the warmer caches or the quieter part of
// a shared machine's time slice, and returns them with their wall and CPU
// time summed over the iterations. Every contender must evaluate the same
// number of (control, resource) pairs.
func race(b *testing.B, cs ...*contender) []*contender {
	b.Helper()
	turn := 0
	for b.Loop() {
		for k := range cs {
			c := cs[(turn+k)%len(cs)]
			var err error
			wall, cpu := benchdata.Measure(func() { c.pairs, err = c.eval() })
			if err != nil {
				b.Fatalf("%s: %v", c.name, err)
			}
			c.wall += wall
			c.cpu += cpu
		}
		turn++
	}
	for _, c := range cs[1:] {
		if c.pairs != cs[0].pairs {
			b.Fatalf("%s evaluated %d (control, resource) pairs, %s %d", c.name, c.pairs, cs[0].name, cs[0].pairs)
		}
	}
	return cs
}

// report writes each contender's wall and CPU time per iteration and pairs
// per CPU-second, and the ratios against the first contender.
func report(b *testing.B, cs []*contender) {
	iters := float64(b.N)
	for _, c := range cs {
		b.ReportMetric(float64(c.wall.Milliseconds())/iters, c.name+"-wall-ms")
		b.ReportMetric(float64(c.cpu.Milliseconds())/iters, c.name+"-cpu-ms")
		b.ReportMetric(float64(c.pairs)*iters/c.cpu.Seconds(), c.name+"-pairs/cpu-s")
	}
	for _, c := range cs[1:] {
		b.ReportMetric(float64(c.cpu)/float64(cs[0].cpu), c.name+"/"+cs[0].name+"-cpu-x")
		b.ReportMetric(float64(c.wall)/float64(cs[0].wall), c.name+"/"+cs[0].name+"-wall-x")
	}
	b.ReportMetric(float64(cs[0].pairs), "pairs")
	b.ReportMetric(benchdata.LoadAverageValue(), "load-avg")
}

// benchSets are the two sets every engine benchmark runs on: the generated
// one (10,000 resources of five types with a few flat attributes) and the
// realistic one (2,000 repositories and 200 members shaped like
// examples/acme), which is what an organisation's audit looks like.
func benchSets(b *testing.B) map[string]*evidence.Snapshot {
	b.Helper()
	acme, err := benchdata.Acme("../../examples/acme", 2000, 200)
	if err != nil {
		b.Fatal(err)
	}
	return map[string]*evidence.Snapshot{
		"generated": {Resources: generateResources(10_000)},
		"acme":      acme,
	}
}

// BenchmarkEvaluate compares Rampart's engine with the naive pattern like
// for like, on the generated and the realistic set:
//
//	go test -run '^$' -bench 'BenchmarkEvaluate$' -benchtime 1x ./internal/engine/
//
// serial runs the engine on one worker against the naive loop on one
// goroutine, CPU time against CPU time: what preparing queries once,
// converting each resource once and batching a type's controls buy; and
// against the same engine as it was before issue 16's engine round
// ("before", asBefore: bindings converted to Go values, findings sorted
// in place), and as of commit 13a37ff ("today", asToday: the batch query
// collecting every set into an array by a comprehension).
// parallel runs both on GOMAXPROCS workers, wall time against wall time.
//
// The figures are pairs (control, resource) per CPU-second and the ratios
// naive/rampart, every contender timed in the same iteration.
func BenchmarkEvaluate(b *testing.B) {
	ctx := context.Background()
	workers := runtime.GOMAXPROCS(0)
	serial, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(1))
	if err != nil {
		b.Fatal(err)
	}
	// before is the serial engine as it was before issue 16's engine
	// round (asBefore).
	before, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(1), asBefore())
	if err != nil {
		b.Fatal(err)
	}
	// today is the serial engine as of 13a37ff, before this round's
	// batch query and marks (asToday).
	today, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(1), asToday())
	if err != nil {
		b.Fatal(err)
	}
	parallel, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(workers))
	if err != nil {
		b.Fatal(err)
	}
	beforeParallel, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(workers), asBefore())
	if err != nil {
		b.Fatal(err)
	}
	todayParallel, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(workers), asToday())
	if err != nil {
		b.Fatal(err)
	}
	// topdown is the engine of today on OPA's interpreter instead of the
	// IR evaluator (internal/regovm): what the evaluator alone buys.
	topdown, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(1), WithEvaluator(Topdown))
	if err != nil {
		b.Fatal(err)
	}
	topdownParallel, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(workers), WithEvaluator(Topdown))
	if err != nil {
		b.Fatal(err)
	}
	for name, snap := range benchSets(b) {
		engineRun := func(e *Engine) func() (int, error) {
			return func() (int, error) { return len(e.Evaluate(ctx, snap, nil)), nil }
		}
		naiveRun := func(workers int) func() (int, error) {
			return func() (int, error) { return naiveEvaluate(ctx, serial, snap.Resources, workers) }
		}
		b.Run("set="+name+"/serial", func(b *testing.B) {
			report(b, race(b, &contender{name: "rampart", eval: engineRun(serial)}, &contender{name: "naive", eval: naiveRun(1)},
				&contender{name: "before", eval: engineRun(before)}, &contender{name: "today", eval: engineRun(today)},
				&contender{name: "topdown", eval: engineRun(topdown)}))
		})
		b.Run(fmt.Sprintf("set=%s/parallel=%d", name, workers), func(b *testing.B) {
			report(b, race(b, &contender{name: "rampart", eval: engineRun(parallel)}, &contender{name: "naive", eval: naiveRun(workers)},
				&contender{name: "before", eval: engineRun(beforeParallel)}, &contender{name: "today", eval: engineRun(todayParallel)},
				&contender{name: "topdown", eval: engineRun(topdownParallel)}))
		})
	}
}

// asBefore is the engine before issue 16's engine round: rego converts
// every binding to Go values (jsonResults) and the findings are collected
// by appending and sorted in place (sortByValue).
// It also has every change since, as asToday undoes them.
func asBefore() Option {
	return func(e *Engine) {
		e.jsonResults, e.sortByValue = true, true
		asToday()(e)
	}
}

// asToday is the engine before the batch query referred to the deny and
// unknown sets themselves (commit 13a37ff): every set collected into an
// array by a comprehension (comprehensionSets), on topdown.
func asToday() Option {
	return func(e *Engine) { e.comprehensionSets, e.evaluator = true, Topdown }
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
