// Package collect is the contract between the live collectors and the
// commands that run them. Each collector is one folder below this one (aws,
// github) that turns a workspace into targets, the environment into a
// configuration and the live system into an evidence snapshot; Registry
// lists them, and both `rampart collect NAME` and `audit --collect NAME`
// are built from it. A new collector is one folder and one Registry line.
package collect

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/model"
)

// Collector is one live source of evidence, for one run of one command: it
// holds that run's flag values, targets and configuration, which is why
// Registry hands out a new one each time. The collector packages satisfy
// it without importing this package (this package imports them for
// Registry), so its methods use only types from outside it.
//
// A command calls the methods in this order: Flags (before parsing), Args
// (`rampart collect` only: `audit --collect` runs with the defaults and
// the audit's workspace), Targets, Config, Collect, Summary. An error from
// Args, Targets or Config is the user's to fix (`rampart collect` exits 2);
// it must not contain a secret (a token, a key) from the environment.
//
// Partial results, the rule every collector obeys and Run enforces:
//
//   - Collect returns a snapshot whenever it collected anything. What it
//     could not collect is in the snapshot's NotCollected list or a
//     resource's unknown map, and whatever may hide resources nobody was
//     told about (an error outlasting the retries, a rate limit that would
//     not reset in time) marks the snapshot Incomplete with the reason.
//     The error is nil then: the snapshot says it all.
//   - The error is non-nil only when nothing usable was collected
//     (configuration the SDK rejects, credentials the API rejects: the
//     snapshot is nil) or the context was cancelled. On cancellation the
//     snapshot so far comes back with the error, marked Incomplete with
//     the cancellation as its reason, so `rampart collect` can still write
//     what was seen and `audit --collect` stops.
//   - Never a nil snapshot with a nil error.
type Collector interface {
	// Name is what the commands and the snapshot's collectors list call it.
	Name() string
	// Help is the one-line and the long description of `rampart collect NAME`.
	Help() (short, long string)
	// Flags registers the collector's own flags on fs; -o and -q belong to
	// the command. Their defaults are what `audit --collect` runs with.
	Flags(fs *pflag.FlagSet)
	// Args checks the parsed flags and the command's WORKSPACE argument
	// ("" when none was given) and names the workspace folder to read the
	// targets from; "" reads none.
	Args(arg string) (workspace string, err error)
	// Targets takes what to collect (organisations, accounts, regions) from
	// the flags and the workspace's systems; ws is nil when none was read.
	Targets(ws *model.Workspace) error
	// Config resolves the environment (env reads one variable) and the
	// flags into the collector's configuration: credentials, endpoints.
	// now is the run's clock, for the snapshot's timestamps.
	Config(env func(string) string, now func() time.Time) error
	// Collect gathers the snapshot, under the partial-result rule above.
	// Progress and the collector's report lines go to log unless it is nil
	// (quiet); terminal says log is an interactive terminal, where a status
	// line may be redrawn.
	Collect(ctx context.Context, log io.Writer, terminal bool) (*evidence.Snapshot, error)
	// Summary is appended to the "wrote FILE: N resources" line of
	// `rampart collect` after Collect (such as "; 12 requests"), or "".
	Summary() string
}

// TrafficCounter is a collector that counts its HTTP traffic: after
// Collect, the requests it sent (retries included) and the throttles it
// met. `rampart serve` exposes them as metrics; the collectors stay free
// of any metrics library.
type TrafficCounter interface {
	Traffic() (requests, throttles int64)
}

// Registry is every collector, one line each, by the name the commands use.
var Registry = map[string]func() Collector{
	aws.CollectorName:    func() Collector { return aws.NewCollector() },
	github.CollectorName: func() Collector { return github.NewCollector() },
}

// Names are the registered collectors, sorted.
func Names() []string {
	names := make([]string, 0, len(Registry))
	for n := range Registry {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// New returns a fresh collector by name.
func New(name string) (Collector, error) {
	f, ok := Registry[name]
	if !ok {
		return nil, fmt.Errorf("unknown collector %q (available: %s)", name, strings.Join(Names(), ", "))
	}
	return f(), nil
}

// ErrNothing is what Run returns for a collector that broke the rule and
// returned neither a snapshot nor an error: no evidence must never read as
// evidence of nothing.
var ErrNothing = errors.New("the collector returned neither a snapshot nor an error")

// Run calls c.Collect and holds the result to the partial-result rule, so
// a collector that breaks it fails closed instead of reaching a report:
// nothing at all is an error, a cancellation the collector did not report
// is reported, and a snapshot cut short by cancellation is marked
// incomplete.
func Run(ctx context.Context, c Collector, log io.Writer, terminal bool) (*evidence.Snapshot, error) {
	snap, err := c.Collect(ctx, log, terminal)
	return Hold(ctx, snap, err)
}
