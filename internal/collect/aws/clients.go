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
	"github.com/aws/aws-sdk-go-v2/config"
)

// counters are shared by every client of a run; atomics, not a mutex, because
// every HTTP attempt touches them.
type counters struct {
	calls, throttles, retries atomic.Int64
}

func (c *counters) get() Stats {
	return Stats{Calls: c.calls.Load(), Throttles: c.throttles.Load(), Retries: c.retries.Load()}
}

// countingTransport counts every HTTP attempt, retries included, so the
// benchmark's "calls per resource" is what AWS would bill against limits.
type countingTransport struct {
	next http.RoundTripper
	n    *counters
}

func (t countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.n.calls.Add(1)
	return t.next.RoundTrip(req)
}

// defaultTransport dials names under .localhost to the loopback address as
// RFC 6761 asks: S3 Control puts the account ID in front of the endpoint's
// host ("111122223333.localhost"), and Go's resolver would send that to DNS
// when the collector is pointed at a local AWS-compatible endpoint.
func defaultTransport() *http.Transport {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err == nil && strings.HasSuffix(strings.ToLower(host), ".localhost") {
			addr = net.JoinHostPort("127.0.0.1", port)
		}
		return d.DialContext(ctx, network, addr)
	}
	tr.MaxIdleConnsPerHost = 64
	return tr
}

func loadConfig(ctx context.Context, opts Options, st *counters) (sdkaws.Config, error) {
	base := opts.HTTPClient
	var rt http.RoundTripper
	timeout := 2 * time.Minute
	if base != nil {
		rt = base.Transport
		if base.Timeout > 0 {
			timeout = base.Timeout
		}
	}
	if rt == nil {
		rt = defaultTransport()
	}
	client := &http.Client{Transport: countingTransport{next: rt, n: st}, Timeout: timeout}
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
	return cfg, nil
}

// newRetryer gives every client its own retryer: the standard retryer's
// retry quota and the adaptive mode's client-side rate limit are per
// retryer, so a throttled service backs off without draining the quota of
// the others. Throttles are counted on the way.
func (r *run) newRetryer() sdkaws.Retryer {
	ad := retry.NewAdaptiveMode(func(o *retry.AdaptiveModeOptions) {
		o.StandardOptions = append(o.StandardOptions, func(so *retry.StandardOptions) {
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
		})
	})
	return &countingRetryer{RetryerV2: ad, n: r.stats}
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
