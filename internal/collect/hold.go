package collect

import (
	"context"
	"errors"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// Hold holds one collection's result to the partial-result rule (see
// Collector): Run applies it to a registered collector, and a `rampart
// worker` job to the one shard it collected with a collector package's own
// Collect. Nothing at all is an error, a cancellation the collector did
// not report is reported, a snapshot cut short by cancellation is marked
// incomplete, and the snapshot is normalised.
func Hold(ctx context.Context, snap *evidence.Snapshot, err error) (*evidence.Snapshot, error) {
	if snap == nil && err == nil {
		return nil, ErrNothing
	}
	if cerr := ctx.Err(); cerr != nil {
		if err == nil {
			err = cerr
		}
		if snap != nil && !snap.Incomplete {
			snap.Incomplete = true
			snap.IncompleteReason = "collection cancelled: " + cerr.Error()
		}
	}
	// One representation at the hand-off: collectors build Go values, the
	// engine and governance read what a loaded snapshot holds. A value
	// with no JSON form is the collector's bug; no evidence beats half.
	if nerr := evidence.Normalize(snap); nerr != nil {
		return nil, errors.Join(err, nerr)
	}
	return snap, err
}
