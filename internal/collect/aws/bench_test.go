package aws_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
)

// benchRegions are 17 commercial regions, the default set of an account.
var benchRegions = []string{
	"ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
	"ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3",
	"sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
}

// BenchmarkCollect collects 1 account × 17 regions × 5,000 resources from
// the stand-in. "clean" is the baseline (no latency, no faults), run in the
// same process; the others add 5 ms per request and throttle every 25th
// request of every service, with the collector's default concurrency and
// with concurrency 1 (the sequential baseline).
//
//	go test -run '^$' -bench Collect -benchtime 1x ./internal/collect/aws/
func BenchmarkCollect(b *testing.B) {
	const resources = 5000
	// The clean run's count is what every faulty run must collect too: the
	// estate's 5,000 resources plus what each account and region has of its
	// own (the account, the organisation, each region's GuardDuty and
	// Inspector state, ...).
	clean := 0
	for _, bc := range []struct {
		name        string
		faults      awstest.Faults
		concurrency int
	}{
		{"clean", awstest.Faults{PageSize: 100}, 8},
		{"latency5ms+throttle1in25", awstest.Faults{PageSize: 100, Latency: 5 * time.Millisecond, ThrottleEvery: map[string]int{"*": 25}}, 8},
		{"latency5ms+throttle1in25/concurrency1", awstest.Faults{PageSize: 100, Latency: 5 * time.Millisecond, ThrottleEvery: map[string]int{"*": 25}}, 1},
	} {
		b.Run(bc.name, func(b *testing.B) {
			estate := awstest.Generate("123456789012", "AKIABENCH00000000001", benchRegions, resources)
			srv := awstest.New(estate, bc.faults)
			defer srv.Close()
			opts := options(srv, "AKIABENCH00000000001")
			opts.Concurrency = bc.concurrency
			opts.MaxBackoff = 2 * time.Second
			b.ResetTimer()
			for range b.N {
				start := time.Now()
				snap, rep, err := awscollect.Collect(context.Background(), opts)
				if err != nil {
					b.Fatal(err)
				}
				if snap.Incomplete || len(snap.NotCollected) > 0 {
					b.Fatalf("incomplete: %s %v", snap.IncompleteReason, snap.NotCollected)
				}
				got := len(snap.Resources)
				if got < resources+1 {
					b.Fatalf("collected %d resources, want at least the estate's %d and the account", got, resources)
				}
				if clean == 0 {
					clean = got
				} else if got != clean {
					b.Fatalf("collected %d resources, the clean run %d", got, clean)
				}
				n := float64(len(snap.Resources))
				b.ReportMetric(float64(rep.Stats.Calls)/n, "calls/resource")
				b.ReportMetric(float64(rep.Stats.Throttles), "throttles")
				b.ReportMetric(time.Since(start).Seconds(), "wall-s")
				if testing.Verbose() {
					fmt.Printf("%s: %d resources, %d calls, %d throttles absorbed, %d retries, %s\n", bc.name, got, rep.Stats.Calls, rep.Stats.Throttles, rep.Stats.Retries, time.Since(start).Round(time.Millisecond))
				}
			}
		})
	}
}
