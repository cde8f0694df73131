package aws

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	smithyendpoints "github.com/aws/smithy-go/endpoints"
	"github.com/aws/smithy-go/logging"
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

// s3controlAsGiven keeps S3 Control requests on a custom endpoint. S3
// Control's endpoint rules put the account ID in front of the host
// (111122223333.s3-control.eu-west-1.amazonaws.com), and in front of a
// custom endpoint's host too: 111122223333.localhost or
// 111122223333.localstack do not resolve, so against an emulator the
// account's Block Public Access could never be read and every run was
// incomplete. The operations carry the account in the x-amz-account-id
// header as well, so an endpoint given by the user gets the request as
// given; AWS itself (no custom endpoint) still gets the prefixed host.
type s3controlAsGiven struct{ next s3control.EndpointResolverV2 }

func (r s3controlAsGiven) ResolveEndpoint(ctx context.Context, p s3control.EndpointParameters) (smithyendpoints.Endpoint, error) {
	if p.Endpoint != nil {
		p.RequiresAccountId = nil
	}
	ep, err := r.next.ResolveEndpoint(ctx, p)
	if err != nil {
		return ep, fmt.Errorf("resolve S3 Control endpoint: %w", err)
	}
	return ep, nil
}

// newS3Control is the S3 Control client for cfg, with s3controlAsGiven.
func newS3Control(cfg sdkaws.Config) *s3control.Client {
	return s3control.NewFromConfig(cfg, func(o *s3control.Options) {
		o.EndpointResolverV2 = s3controlAsGiven{next: s3control.NewDefaultEndpointResolverV2()}
	})
}

func loadConfig(ctx context.Context, opts Options, st *counters) (sdkaws.Config, error) {
	// A buildable client, not a plain *http.Client, so that the SDK can
	// still apply AWS_CA_BUNDLE and its other transport settings.
	client := awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) {
		tr.MaxIdleConnsPerHost = 64
	})
	// No SDK log lines: what goes wrong is in the snapshot's gaps and
	// reasons, said once (a credential-chain warning was printed beside
	// the same error in the report).
	lo := []func(*config.LoadOptions) error{config.WithHTTPClient(client), config.WithLogger(logging.Nop{})}
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
