package aws

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/spf13/pflag"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/model"
)

const (
	short = "Collect AWS accounts (IAM, S3, EC2/VPC, CloudTrail, KMS, RDS, EFS, GuardDuty, Config, Access Analyzer, Macie, Security Hub, CloudWatch monitoring) into an evidence snapshot"
	// longRest follows the list of types, which the registry gives (Help).
	longRest = `Credentials come from the SDK's default chain (environment, shared config
and --profile, SSO, container and instance roles). Accounts come from the
aws blocks of the workspace's systems (account_id, optional role_arn to
assume, regions); without a workspace naming any, the account of the
credentials is collected. Without regions, every region enabled in the
account is collected (opt-in regions not enabled are skipped and listed).
--region replaces the regions for every account.

AWS_ENDPOINT_URL (and AWS_ENDPOINT_URL_<SERVICE>) point the collector at an
AWS-compatible endpoint.

A missing IAM permission is recorded in the snapshot, naming the action,
never treated as a pass. An interrupted run, or an AWS error that outlasts
the retries, writes the snapshot collected so far marked incomplete.

Exit codes: 0 complete snapshot written; 2 usage or workspace error;
3 collection failed, or the snapshot written is incomplete.`
)

// defaultConcurrency is the --concurrency default, also what Collect uses
// when Options leave it zero.
const defaultConcurrency = 8

// Collector is the AWS collector as the commands run it (the contract in
// internal/collect): flags, workspace accounts and the environment in,
// one snapshot out. One value serves one run.
type Collector struct {
	profile     string
	regions     []string
	concurrency int

	targets []Target
	opts    Options
	stats   Stats // of the last Collect
}

// NewCollector returns a collector with the flags' defaults, which is what
// `audit --collect aws` runs with.
func NewCollector() *Collector { return &Collector{concurrency: defaultConcurrency} }

// Name is the collector's name in the commands and in snapshots.
func (c *Collector) Name() string { return CollectorName }

// Help describes `rampart collect aws`.
func (c *Collector) Help() (string, string) {
	return short, evidence.CollectorHelp(CollectorName, "Collect ", " resources with the AWS SDK and write them to an evidence snapshot.") + "\n\n" + longRest
}

// Flags registers the flags of `rampart collect aws`.
func (c *Collector) Flags(fl *pflag.FlagSet) {
	fl.StringVar(&c.profile, "profile", "", "shared-config profile to use (default AWS_PROFILE, else the default chain)")
	fl.StringArrayVar(&c.regions, "region", nil, "region to collect (repeatable); default: the workspace's regions, else every enabled region")
	fl.IntVar(&c.concurrency, "concurrency", defaultConcurrency, "calls in flight at most per account-region")
}

// regionRE is the shape of an AWS region name; a typo fails before any call.
var regionRE = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+$`)

// Args checks the flags; the workspace is read only when one is named,
// since without one the credentials' own account is collected.
func (c *Collector) Args(arg string) (string, error) {
	if c.concurrency < 1 || c.concurrency > 64 {
		return "", fmt.Errorf("--concurrency %d: want 1–64", c.concurrency)
	}
	for _, r := range c.regions {
		if !regionRE.MatchString(r) {
			return "", fmt.Errorf("--region %q is not an AWS region name (like eu-west-1)", r)
		}
	}
	return arg, nil
}

// Targets are the accounts the workspace's systems claim; none (or no
// workspace) collects the account of the credentials.
func (c *Collector) Targets(ws *model.Workspace) error {
	c.targets = WorkspaceTargets(ws)
	return nil
}

// WorkspaceTargets are the accounts the systems of ws claim, in order.
func WorkspaceTargets(ws *model.Workspace) []Target {
	if ws == nil {
		return nil
	}
	var out []Target
	for _, s := range ws.Systems {
		for _, a := range s.AWS {
			out = append(out, Target{AccountID: a.AccountID, RoleARN: a.RoleARN, Regions: a.Regions})
		}
	}
	return out
}

// Config reads the environment through env, not the process's, so that
// commands run in-process in tests: the SDK itself reads the process
// environment, which a test cannot vary per case. now stamps the snapshot.
//
// Credentials are resolved here, up front: without any, every call of the
// collection failed with the same chain error (the IMDS probe's, eleven
// times over in one 3,000-character reason) and a snapshot of nothing was
// written. Now it is one line and exit 2, as a missing GITHUB_TOKEN is.
func (c *Collector) Config(env func(string) string, now func() time.Time) error {
	c.opts = EnvOptions(env, Options{Profile: c.profile, Regions: c.regions, Concurrency: c.concurrency, Now: now})
	// The collector contract gives Config no context; resolving the chain
	// is bounded instead (the IMDS probe of a machine without one waits on
	// connection timeouts).
	ctx, cancel := context.WithTimeout(context.Background(), credentialCheckTimeout)
	defer cancel()
	return checkCredentials(ctx, c.opts)
}

// credentialCheckTimeout bounds the up-front credential resolution.
const credentialCheckTimeout = 30 * time.Second

// ErrNoCredentials is the up-front failure to find or refresh credentials.
var ErrNoCredentials = errors.New("no usable AWS credentials")

// checkCredentials loads the configuration and retrieves credentials once,
// so that a run without them stops before the first call with the cause.
func checkCredentials(ctx context.Context, opts Options) error {
	cfg, err := loadConfig(ctx, opts, &counters{})
	if err != nil {
		return err
	}
	if cfg.Credentials == nil {
		return fmt.Errorf("%w: %s", ErrNoCredentials, credentialHint)
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return fmt.Errorf("%w: %s (the SDK's chain said: %s)", ErrNoCredentials, credentialHint, firstLine(err.Error()))
	}
	return nil
}

const credentialHint = "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --profile (or AWS_PROFILE), or run with an instance or task role"

// firstLine keeps an SDK error to one line of at most 300 characters: its
// chain errors nest the same cause several times.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// EnvOptions completes o from the environment the way the SDK's default
// chain would, except that it reads env.
func EnvOptions(env func(string) string, o Options) Options {
	o.Endpoint = env("AWS_ENDPOINT_URL")
	if o.Profile == "" {
		o.Profile = env("AWS_PROFILE")
	}
	for _, k := range []string{"AWS_REGION", "AWS_DEFAULT_REGION"} {
		if o.Region == "" {
			o.Region = env(k)
		}
	}
	// The SDK's own variable; the collector's retryers honour it.
	if n, err := strconv.Atoi(env("AWS_MAX_ATTEMPTS")); err == nil && n > 0 {
		o.MaxAttempts = n
	}
	// Keys in the environment win over shared config, as in the SDK's chain,
	// unless a profile was asked for.
	if id, secret := env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"); id != "" && secret != "" && o.Profile == "" {
		o.Credentials = credentials.NewStaticCredentialsProvider(id, secret, env("AWS_SESSION_TOKEN"))
	}
	if file := env("AWS_CONFIG_FILE"); file != "" {
		o.LoadOptions = append(o.LoadOptions, config.WithSharedConfigFiles([]string{file}))
	}
	if file := env("AWS_SHARED_CREDENTIALS_FILE"); file != "" {
		o.LoadOptions = append(o.LoadOptions, config.WithSharedCredentialsFiles([]string{file}))
	}
	// The SDK reads this one from the process; through env a test (or a
	// CI job's wrapper) can switch the instance-metadata probe off too.
	if strings.EqualFold(env("AWS_EC2_METADATA_DISABLED"), "true") {
		o.LoadOptions = append(o.LoadOptions, config.WithEC2IMDSClientEnableState(imds.ClientDisabled))
	}
	return o
}

// Collect collects the targets with the configuration, then writes what
// it skipped and the API traffic to log. It obeys the partial-result rule
// of internal/collect as the package's Collect does.
func (c *Collector) Collect(ctx context.Context, log io.Writer, terminal bool) (*evidence.Snapshot, error) {
	opts := c.opts
	opts.Targets = c.targets
	if log != nil {
		opts.Progress = progressLine(log, terminal)
	}
	snap, rep, err := Collect(ctx, opts)
	if log != nil {
		writeReport(log, rep)
	}
	if rep != nil {
		c.stats = rep.Stats
	}
	return snap, err
}

// Traffic is the calls sent (retries included) and the throttling errors
// retried in the last Collect, for `rampart serve`'s metrics (collect.Traffic).
func (c *Collector) Traffic() (requests, throttles int64) { return c.stats.Calls, c.stats.Throttles }

// Summary adds nothing to the "wrote" line: the traffic was in the report.
func (c *Collector) Summary() string { return "" }

// progressLine redraws one status line on a terminal; in CI (not a
// terminal) it stays silent and the summary line says it all.
func progressLine(w io.Writer, terminal bool) func(Progress) {
	if !terminal {
		return nil
	}
	var mu sync.Mutex
	return func(pr Progress) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(w, "\r\x1b[Kcollect aws: %d/%d account-region services, %d calls, %d throttles retried",
			pr.TasksDone, pr.TasksTotal, pr.Calls, pr.Throttles)
		if pr.TasksDone == pr.TasksTotal {
			fmt.Fprintln(w)
		}
	}
}

func writeReport(w io.Writer, rep *Report) {
	if rep == nil {
		return
	}
	for _, s := range rep.Skipped {
		fmt.Fprintf(w, "skipped %s\n", s)
	}
	fmt.Fprintf(w, "collect aws: %d calls, %d retries (%d after throttling)\n", rep.Stats.Calls, rep.Stats.Retries, rep.Stats.Throttles)
}
