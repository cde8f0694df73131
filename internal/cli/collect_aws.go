package cli

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"sync"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/spf13/cobra"

	awsc "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/pipeline"
)

type awsFlags struct {
	output      string
	profile     string
	regions     []string
	concurrency int
	quiet       bool
}

func newCollectAWSCommand(p Params) *cobra.Command {
	var f awsFlags
	cmd := &cobra.Command{
		Use:   "aws [WORKSPACE]",
		Short: "Collect AWS accounts (IAM, S3, EC2/VPC, CloudTrail, KMS, RDS, GuardDuty, Config) into an evidence snapshot",
		Long: `Collect aws.account, aws.iam.user, aws.iam.policy, aws.s3.bucket,
aws.ec2.security_group, aws.ec2.instance, aws.ec2.volume, aws.vpc,
aws.cloudtrail.trail, aws.kms.key and aws.rds.instance resources with the
AWS SDK and write them to an evidence snapshot.

Credentials come from the SDK's default chain (environment, shared config
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
3 collection failed, or the snapshot written is incomplete.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCollectAWS(cmd, p, f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.output, "output", "o", "", "snapshot file to write (required)")
	fl.StringVar(&f.profile, "profile", "", "shared-config profile to use (default AWS_PROFILE, else the default chain)")
	fl.StringArrayVar(&f.regions, "region", nil, "region to collect (repeatable); default: the workspace's regions, else every enabled region")
	fl.IntVar(&f.concurrency, "concurrency", 8, "calls in flight at most per account-region")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress output")
	return cmd
}

// regionRE is the shape of an AWS region name; a typo fails before any call.
var regionRE = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+$`)

func runCollectAWS(cmd *cobra.Command, p Params, f awsFlags, args []string) error {
	if f.output == "" {
		return usageError("collect aws: -o FILE is required")
	}
	if f.concurrency < 1 || f.concurrency > 64 {
		return usageError("--concurrency %d: want 1–64", f.concurrency)
	}
	for _, r := range f.regions {
		if !regionRE.MatchString(r) {
			return usageError("--region %q is not an AWS region name (like eu-west-1)", r)
		}
	}
	var targets []awsc.Target
	if len(args) == 1 {
		var l loadFlags
		in, err := l.load(cmd, p, args[0])
		if err != nil {
			return err
		}
		targets = awsTargets(in.Workspace)
	}
	opts := awsOptions(p, f, targets)
	snap, rep, err := awsc.Collect(cmd.Context(), opts)
	if snap == nil {
		return exitWith(pipeline.ExitNotEvaluated, fmt.Errorf("collect aws: %w", err))
	}
	if werr := evidence.WriteFile(f.output, snap); werr != nil {
		return exitWith(pipeline.ExitNotEvaluated, fmt.Errorf("write snapshot: %w", werr))
	}
	if !f.quiet {
		printAWSReport(p.Stderr, rep)
		fmt.Fprintf(p.Stderr, "wrote %s: %d resources, %d not collected\n", f.output, len(snap.Resources), len(snap.NotCollected))
	}
	if snap.Incomplete {
		return exitWith(pipeline.ExitNotEvaluated, fmt.Errorf("snapshot %s is incomplete: %s", f.output, snap.IncompleteReason))
	}
	return nil
}

// awsTargets are the accounts the workspace's systems claim.
func awsTargets(ws *model.Workspace) []awsc.Target {
	var out []awsc.Target
	for _, s := range ws.Systems {
		for _, a := range s.AWS {
			out = append(out, awsc.Target{AccountID: a.AccountID, RoleARN: a.RoleARN, Regions: a.Regions})
		}
	}
	return out
}

// awsOptions reads the environment through Params, so tests run in-process:
// the SDK itself reads the process environment, which a test cannot vary
// per case.
func awsOptions(p Params, f awsFlags, targets []awsc.Target) awsc.Options {
	opts := awsc.Options{
		Targets: targets, Regions: f.regions, Profile: f.profile, Concurrency: f.concurrency, Now: p.Now,
		Endpoint: p.Getenv("AWS_ENDPOINT_URL"),
	}
	if opts.Profile == "" {
		opts.Profile = p.Getenv("AWS_PROFILE")
	}
	for _, k := range []string{"AWS_REGION", "AWS_DEFAULT_REGION"} {
		if opts.Region == "" {
			opts.Region = p.Getenv(k)
		}
	}
	// The SDK's own variable; the collector's retryers honour it.
	if n, err := strconv.Atoi(p.Getenv("AWS_MAX_ATTEMPTS")); err == nil && n > 0 {
		opts.MaxAttempts = n
	}
	// Keys in the environment win over shared config, as in the SDK's chain,
	// unless a profile was asked for.
	if id, secret := p.Getenv("AWS_ACCESS_KEY_ID"), p.Getenv("AWS_SECRET_ACCESS_KEY"); id != "" && secret != "" && opts.Profile == "" {
		opts.Credentials = credentials.NewStaticCredentialsProvider(id, secret, p.Getenv("AWS_SESSION_TOKEN"))
	}
	if file := p.Getenv("AWS_CONFIG_FILE"); file != "" {
		opts.LoadOptions = append(opts.LoadOptions, config.WithSharedConfigFiles([]string{file}))
	}
	if file := p.Getenv("AWS_SHARED_CREDENTIALS_FILE"); file != "" {
		opts.LoadOptions = append(opts.LoadOptions, config.WithSharedCredentialsFiles([]string{file}))
	}
	if !f.quiet {
		opts.Progress = awsProgress(p.Stderr, p.IsTerminal)
	}
	return opts
}

// awsProgress redraws one status line on a terminal; in CI (not a
// terminal) it stays silent and the summary line says it all.
func awsProgress(w io.Writer, terminal bool) func(awsc.Progress) {
	if !terminal {
		return nil
	}
	var mu sync.Mutex
	return func(pr awsc.Progress) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(w, "\r\x1b[Kcollect aws: %d/%d account-region services, %d calls, %d throttles retried",
			pr.TasksDone, pr.TasksTotal, pr.Calls, pr.Throttles)
		if pr.TasksDone == pr.TasksTotal {
			fmt.Fprintln(w)
		}
	}
}

func printAWSReport(w io.Writer, rep *awsc.Report) {
	if rep == nil {
		return
	}
	for _, s := range rep.Skipped {
		fmt.Fprintf(w, "skipped %s\n", s)
	}
	fmt.Fprintf(w, "collect aws: %d calls, %d retries (%d after throttling)\n", rep.Stats.Calls, rep.Stats.Retries, rep.Stats.Throttles)
}

// collectAWS is the `audit --collect aws` collector: accounts from the
// workspace, credentials and endpoint from the environment.
func collectAWS(ctx context.Context, p Params, ws *model.Workspace) (*evidence.Snapshot, error) {
	opts := awsOptions(p, awsFlags{concurrency: 8}, awsTargets(ws))
	snap, rep, err := awsc.Collect(ctx, opts)
	printAWSReport(p.Stderr, rep)
	if err != nil && snap != nil && snap.Incomplete && ctx.Err() != nil {
		// The audit reports the partial snapshot as incomplete (exit 3).
		return snap, nil
	}
	return snap, err
}
