package hcllimit

import (
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/rampart-audit/rampart/internal/benchdata"
)

// BenchmarkParseStep is the Terraform child's parse step over BenchmarkGate's
// 200-file repository: the depth check and hclsyntax.ParseConfig of every
// file, now (the scanner's bound) and with the lexer-based check every file
// went through before (checkLexed, still Check's fallback), one after the
// other in every iteration, rotating which goes first; CPU time from
// getrusage, the collector's work included. The check alone is measured
// the same way.
//
//	go test -run '^$' -bench BenchmarkParseStep -benchtime 20x ./internal/hcllimit/
func BenchmarkParseStep(b *testing.B) {
	files := benchdata.TerraformRepository(200)
	parse := func(check func([]byte, string) hcl.Diagnostics) func() {
		return func() {
			for i, src := range files {
				name := benchdata.TerraformFileName(i)
				if d := check(src, name); d.HasErrors() {
					b.Fatal(d)
				}
				if _, d := hclsyntax.ParseConfig(src, name, hcl.InitialPos); d.HasErrors() {
					b.Fatal(d)
				}
			}
		}
	}
	checkOnly := func(check func([]byte, string) hcl.Diagnostics) func() {
		return func() {
			for i, src := range files {
				if d := check(src, benchdata.TerraformFileName(i)); d.HasErrors() {
					b.Fatal(d)
				}
			}
		}
	}
	ops := []func(){parse(Check), parse(checkLexed), checkOnly(Check), checkOnly(checkLexed)}
	cpu := make([]time.Duration, len(ops))
	turn := 0
	for b.Loop() {
		for k := range ops {
			i := (turn + k) % len(ops)
			_, c := benchdata.Measure(ops[i])
			cpu[i] += c
		}
		turn++
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(b.N) }
	b.ReportMetric(ms(cpu[0]), "parse-cpu-ms")
	b.ReportMetric(ms(cpu[1]), "lexed-parse-cpu-ms")
	b.ReportMetric(float64(cpu[1])/float64(cpu[0]), "lexed/now-parse-cpu-x")
	b.ReportMetric(ms(cpu[2]), "check-cpu-ms")
	b.ReportMetric(ms(cpu[3]), "lexed-check-cpu-ms")
	b.ReportMetric(float64(cpu[3])/float64(cpu[2]), "lexed/now-check-cpu-x")
	b.ReportMetric(benchdata.LoadAverageValue(), "load-avg")
}
