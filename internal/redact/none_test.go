package redact

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/rampart-audit/rampart/internal/benchdata"
)

// TestNoneMeansNoRuleMatches holds Redact's shortcut — a string whose
// features are none() is returned without asking any rule — to the rules
// themselves: for every such string, no rule's regular expression (or
// finder) matches, hints aside. The strings are the redaction samples with
// the characters none() looks for removed, each cut to base64 runs of up to
// eleven, and random strings over an alphabet of everything else.
func TestNoneMeansNoRuleMatches(t *testing.T) {
	t.Parallel()
	var inputs []string
	for _, s := range samples() {
		stripped := strings.Map(func(r rune) rune {
			if strings.ContainsRune("-_.=:@", r) {
				return ' '
			}
			return r
		}, s)
		inputs = append(inputs, stripped, cutRuns(stripped, 11))
	}
	// Everything but the characters none() looks for, including the rest
	// of base64 ('/', '+'), quotes, separators, controls and non-ASCII.
	alphabet := []rune("aZ09/+ \t\n\"'?&;,#%$!()[]<>\\{}|~*^AKIASIAghpusrxoxbhooksslackcomIQoJb3JpZ2lu€é\u2028\x00")
	rng := rand.New(rand.NewPCG(16, 17))
	for range 20000 {
		b := make([]rune, 1+rng.IntN(60))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		inputs = append(inputs, string(b), cutRuns(string(b), 11))
	}
	checked := 0
	for _, s := range inputs {
		if !scan(s).none() {
			continue
		}
		checked++
		for i := range rules {
			r := &rules[i]
			if ms := r.matches(s); len(ms) > 0 {
				t.Fatalf("rule %d (%s) matches %q, which none() lets through", i, r.kind, s)
			}
		}
		if out, kinds := Redact(s); out != s || kinds != nil {
			t.Fatalf("Redact(%q) = %q, %v; want it unchanged", s, out, kinds)
		}
	}
	if checked < 10000 {
		t.Fatalf("only %d of %d inputs were none(): the test checks too little", checked, len(inputs))
	}
}

// TestNoneIsFalseForEverySecret: every sample secret has a feature none()
// looks for, so the shortcut never returns one unredacted.
func TestNoneIsFalseForEverySecret(t *testing.T) {
	t.Parallel()
	for _, s := range samples() {
		if scan(s).none() {
			t.Errorf("none() holds for the secret %q", s)
		}
		if out := String(s); out == s {
			t.Errorf("String(%q) left it as it was", s)
		}
	}
}

// cutRuns breaks every run of [A-Za-z0-9/+=] longer than n with a space.
func cutRuns(s string, n int) string {
	var b strings.Builder
	run := 0
	for _, r := range s {
		in := 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '/' || r == '+' || r == '='
		if in {
			run++
			if run > n {
				b.WriteByte(' ')
				run = 1
			}
		} else {
			run = 0
		}
		b.WriteRune(r)
	}
	return b.String()
}

// redactReference is Redact before the none() shortcut: every hint asked
// of every string.
func redactReference(s string) (string, []string) {
	return applyRules(s, scan(s))
}

// gateStrings are the strings of one 200-file gate finding
// (internal/report testdata/gate200.json): fingerprint, statuses and
// severities, resource type and ID, file, title and message.
var gateStrings = []string{
	"86c5a9ce4f9d8833e5f9d7c8", "fail", "not_evaluated", "pass", "critical", "high",
	"aws.s3.bucket", "arn:aws:s3:::acme-54-2", "f054.tf", "terraform", "AWS-S3-008",
	"aws_security_group.sg122_0", "github_repository.repo171_0", "passed",
	"S3 buckets require MFA to delete object versions",
	"bucket \"acme-54-2\" does not require MFA to delete versions",
	"has_codeowners unknown: CODEOWNERS is a file in the repository, not in this configuration",
}

// BenchmarkRedactGateStrings redacts gateStrings with Redact and with
// redactReference in the same iterations and reports the CPU ratio.
func BenchmarkRedactGateStrings(b *testing.B) {
	var old, now time.Duration
	for i := 0; b.Loop(); i++ {
		run := func(fn func(string) (string, []string), into *time.Duration) {
			start := benchdata.CPU()
			for range 1000 {
				for _, s := range gateStrings {
					fn(s)
				}
			}
			*into += benchdata.CPU() - start
		}
		if i%2 == 0 {
			run(redactReference, &old)
			run(Redact, &now)
		} else {
			run(Redact, &now)
			run(redactReference, &old)
		}
	}
	b.ReportMetric(float64(now.Microseconds())/float64(b.N), "µs-cpu/op")
	b.ReportMetric(float64(old.Microseconds())/float64(b.N), "µs-cpu-before/op")
	b.ReportMetric(float64(old)/float64(now), "before/now")
}
