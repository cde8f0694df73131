package aws

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/smithy-go/middleware"
)

// counters are shared by every client of a run; atomics, not a mutex, because
// every HTTP attempt touches them.
type counters struct {
	calls, throttles, retries atomic.Int64
}

func (c *counters) get() Stats {
	return Stats{Calls: c.calls.Load(), Throttles: c.throttles.Load(), Retries: c.retries.Load()}
}

// countCalls counts every HTTP attempt, retries included (the deserialize
// step runs once per attempt, inside the retry loop), so the benchmark's
// "calls per resource" is what AWS counts against its limits.
func countCalls(n *counters) func(*middleware.Stack) error {
	return func(st *middleware.Stack) error {
		return st.Deserialize.Add(middleware.DeserializeMiddlewareFunc("RampartCountCalls",
			func(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
				n.calls.Add(1)
				return next.HandleDeserialize(ctx, in)
			}), middleware.After)
	}
}

// localhostDialer dials names under .localhost to the loopback address as
// RFC 6761 asks: S3 Control puts the account ID in front of the endpoint's
// host ("111122223333.localhost"), and Go's resolver would send that to DNS
// when the collector is pointed at a local AWS-compatible endpoint.
func localhostDialer() func(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err == nil && strings.HasSuffix(strings.ToLower(host), ".localhost") {
			addr = net.JoinHostPort("127.0.0.1", port)
		}
		return d.DialContext(ctx, network, addr)
	}
}

func loadConfig(ctx context.Context, opts Options, st *counters) (sdkaws.Config, error) {
	dial := opts.DialContext
	if dial == nil {
		dial = localhostDialer()
	}
	// A buildable client, not a plain *http.Client, so that the SDK can
	// still apply AWS_CA_BUNDLE and its other transport settings.
	client := awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) {
		tr.DialContext = dial
		tr.MaxIdleConnsPerHost = 64
	})
	lo := []func(*config.LoadOptions) error{config.WithHTTPClient(client)}
	if opts.Profile != "" {
		lo = append(lo, config.WithSharedConfigProfile(opts.Profile))
	}
	if opts.Region != "" {
		lo = append(lo, config.WithRegion(opts.Region))
	}
	if opts.Endpoint != "" {
		lo = append(lo, config.WithBaseEndpoint(opts.Endpoint))
	}
	if opts.Credentials != nil {
		lo = append(lo, config.WithCredentialsProvider(opts.Credentials))
	}
	lo = append(lo, opts.LoadOptions...)
	cfg, err := config.LoadDefaultConfig(ctx, lo...)
	if err != nil {
		return sdkaws.Config{}, fmt.Errorf("load AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	cfg.APIOptions = append(cfg.APIOptions, countCalls(st), rejectEmptyBody)
	return cfg, nil
}

// newRetryer gives every client its own retryer: the standard retryer's
// retry quota (and, in adaptive mode, its client-side rate limit) is per
// retryer, so a throttled service backs off without draining the quota of
// the others. Throttles are counted on the way.
//
// Standard mode (exponential backoff with full jitter) is the default:
// against the stand-in's fixed 1-in-25 throttling, adaptive mode cut the
// send rate of every throttled client to a crawl and took 70x longer (see
// docs/aws.md); Options.Adaptive turns it on for accounts where other tools
// share the same API limits.
func (r *run) newRetryer() sdkaws.Retryer {
	std := func(so *retry.StandardOptions) {
		so.MaxAttempts = r.opts.MaxAttempts
		so.MaxBackoff = r.opts.MaxBackoff
		so.Backoff = retry.NewExponentialJitterBackoff(r.opts.MaxBackoff)
		// Extra throttle codes some services use besides the SDK's list.
		so.Retryables = append(append([]retry.IsErrorRetryable(nil), retry.DefaultRetryables...),
			retry.IsErrorRetryableFunc(func(err error) sdkaws.Ternary {
				if isThrottle(err) {
					return sdkaws.TrueTernary
				}
				return sdkaws.UnknownTernary
			}))
	}
	var inner sdkaws.RetryerV2
	if r.opts.Adaptive {
		inner = retry.NewAdaptiveMode(func(o *retry.AdaptiveModeOptions) {
			o.StandardOptions = append(o.StandardOptions, std)
		})
	} else {
		inner = retry.NewStandard(std)
	}
	return &countingRetryer{RetryerV2: inner, n: r.stats}
}

// countingRetryer counts the retries (and the throttles among them) that
// the wrapped retryer decides to make.
type countingRetryer struct {
	sdkaws.RetryerV2
	n *counters
}

func (c *countingRetryer) RetryDelay(attempt int, err error) (time.Duration, error) {
	c.n.retries.Add(1)
	if isThrottle(err) {
		c.n.throttles.Add(1)
	}
	return c.RetryerV2.RetryDelay(attempt, err)
}
