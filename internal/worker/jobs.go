package worker

import (
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Spec is what a distributed run was asked for; it travels in the run's
// row (rampart_dist_run.spec). Credentials are never part of it: each
// worker collects with its own environment.
type Spec struct {
	// Trigger is store.Start's ("audit", "schedule:NAME", "api").
	Trigger string `json:"trigger"`
	// Workspace is the folder as the enqueuer named it; a worker reads the
	// same path in its own checkout (relative paths from its current
	// folder) and checks InputsHash against it.
	Workspace  string   `json:"workspace"`
	Controls   []string `json:"controls,omitempty"`
	Policies   string   `json:"policies,omitempty"`
	Frameworks []string `json:"frameworks,omitempty"`
	// Collectors are the live collectors to run ("github", "aws").
	Collectors []string `json:"collectors"`
	// GitHubShards splits each organisation into this many jobs (0: the
	// worker's default).
	GitHubShards int `json:"github_shards,omitempty"`
	// InputsHash is InputsHash of the enqueuer's files.
	InputsHash string `json:"inputs_hash"`
}

// Job kinds.
const (
	KindPlan     = "rampart_plan"
	KindCollect  = "rampart_collect"
	KindEvaluate = "rampart_evaluate"
	KindSweep    = "rampart_sweep"
)

// PlanArgs: list the run's collection jobs.
type PlanArgs struct {
	RunID int64 `json:"run_id"`
}

func (PlanArgs) Kind() string { return KindPlan }

// DefaultMaxAttempts is how often a plan job is tried (it is inserted by
// the enqueuer, which knows no worker's --max-attempts).
const DefaultMaxAttempts = 5

func (PlanArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: DefaultMaxAttempts}
}

// CollectArgs: collect one part of a run. Part is its key in
// rampart_dist_part ("github/acme/2of4", "aws/111122223333/eu-west-1/network").
type CollectArgs struct {
	RunID     int64  `json:"run_id"`
	Part      string `json:"part"`
	Collector string `json:"collector"`

	// GitHub: one shard of one organisation's repositories.
	Org    string   `json:"org,omitempty"`
	Repos  []string `json:"repos,omitempty"`
	Shard  int      `json:"shard,omitempty"`
	Shards int      `json:"shards,omitempty"`

	// AWS: one service group of one account, in one region for a regional
	// group; Regions are the target's, for the global group's region list.
	AccountID string   `json:"account_id,omitempty"`
	RoleARN   string   `json:"role_arn,omitempty"`
	Region    string   `json:"region,omitempty"`
	Regions   []string `json:"regions,omitempty"`
	Group     string   `json:"group,omitempty"`
}

func (CollectArgs) Kind() string { return KindCollect }

// EvaluateArgs: merge the parts, judge them and record the run. Unique by
// its arguments, so however many transactions believed they were last,
// one evaluate job exists per run.
type EvaluateArgs struct {
	RunID int64 `json:"run_id"`
}

func (EvaluateArgs) Kind() string { return KindEvaluate }

func (EvaluateArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStateCompleted, rivertype.JobStatePending, rivertype.JobStateRetryable,
		rivertype.JobStateRunning, rivertype.JobStateScheduled, rivertype.JobStateDiscarded, rivertype.JobStateCancelled,
	}}}
}

// SweepArgs: the leader's periodic look for jobs River gave up on.
type SweepArgs struct{}

func (SweepArgs) Kind() string { return KindSweep }

func (SweepArgs) InsertOpts() river.InsertOpts {
	// One sweep at a time is enough; a sweep that finds nothing is cheap.
	return river.InsertOpts{MaxAttempts: 1, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning, rivertype.JobStateRetryable, rivertype.JobStateScheduled,
	}}}
}
