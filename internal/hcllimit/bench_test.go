package hcllimit

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/rampart-audit/rampart/internal/benchdata"
)

// gateRepository is the 200-file repository of BenchmarkGate
// (internal/gate/bench_test.go generate), in memory: 25 top-level blocks a
// file, 5,000 in all.
func gateRepository(n int) [][]byte {
	files := make([][]byte, n)
	for i := range n {
		var s strings.Builder
		fmt.Fprintf(&s, "locals {\n  p%d = \"acme-%d\"\n}\n\n", i, i)
		for j := range 4 {
			name := fmt.Sprintf("b%d_%d", i, j)
			fmt.Fprintf(&s, "resource \"aws_s3_bucket\" %q {\n  bucket = \"${local.p%d}-%d\"\n  tags = { team = \"t%d\" }\n}\n\n", name, i, j, j)
			fmt.Fprintf(&s, "resource \"aws_s3_bucket_server_side_encryption_configuration\" %q {\n  bucket = aws_s3_bucket.%s.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = \"aws:kms\"\n    }\n  }\n}\n\n", name, name)
			fmt.Fprintf(&s, "resource \"aws_s3_bucket_public_access_block\" %q {\n  bucket = aws_s3_bucket.%s.id\n  block_public_acls = true\n  ignore_public_acls = true\n  block_public_policy = %t\n  restrict_public_buckets = true\n}\n\n", name, name, j != 0)
		}
		for j := range 4 {
			port := []int{22, 443, 5432, 3389}[j]
			fmt.Fprintf(&s, "resource \"aws_security_group\" \"sg%d_%d\" {\n  name = \"sg-%d-%d\"\n  vpc_id = \"vpc-1\"\n  ingress {\n    protocol = \"tcp\"\n    from_port = %d\n    to_port = %d\n    cidr_blocks = [\"10.0.0.0/8\"]\n  }\n  ingress {\n    protocol = \"tcp\"\n    from_port = 443\n    to_port = 443\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n\n", i, j, i, j, port, port)
		}
		for j := range 2 {
			fmt.Fprintf(&s, "resource \"aws_security_group_rule\" \"r%d_%d\" {\n  type = \"ingress\"\n  security_group_id = aws_security_group.sg%d_%d.id\n  protocol = \"tcp\"\n  from_port = 8080\n  to_port = 8080\n  cidr_blocks = [\"0.0.0.0/0\"]\n}\n\n", i, j, i, j)
		}
		for j := range 2 {
			fmt.Fprintf(&s, "resource \"aws_iam_user\" \"u%d_%d\" {\n  name = \"user-%d-%d\"\n}\n\n", i, j, i, j)
		}
		fmt.Fprintf(&s, "resource \"aws_iam_access_key\" \"k%d\" {\n  user = aws_iam_user.u%d_0.name\n}\n\n", i, i)
		for j := range 2 {
			fmt.Fprintf(&s, "resource \"github_repository\" \"repo%d_%d\" {\n  name = \"repo-%d-%d\"\n  visibility = \"private\"\n}\n\n", i, j, i, j)
		}
		fmt.Fprintf(&s, "resource \"github_branch_protection\" \"bp%d\" {\n  repository_id = github_repository.repo%d_0.node_id\n  pattern = \"main\"\n  required_pull_request_reviews {\n    required_approving_review_count = 2\n  }\n}\n\n", i, i)
		fmt.Fprintf(&s, "resource \"github_branch_default\" \"d%d\" {\n  repository = github_repository.repo%d_0.name\n  branch = \"main\"\n}\n", i, i)
		files[i] = []byte(s.String())
	}
	return files
}

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
	files := gateRepository(200)
	parse := func(check func([]byte, string) hcl.Diagnostics) func() {
		return func() {
			for i, src := range files {
				name := fmt.Sprintf("f%03d.tf", i)
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
				if d := check(src, fmt.Sprintf("f%03d.tf", i)); d.HasErrors() {
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
