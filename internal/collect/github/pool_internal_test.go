package github

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestPoolPick: the credential with the most left above the reserve wins,
// one not asked yet first; when all are at the reserve, the earliest reset
// is the wait; a window that has passed counts as refilled.
func TestPoolPick(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	soon, later, past := now.Add(10*time.Minute), now.Add(40*time.Minute), now.Add(-time.Minute)
	for _, tc := range []struct {
		name     string
		core     []bucket
		wantIdx  int
		wantWait time.Time
	}{
		{"not asked yet is first", []bucket{{remaining: 900, reset: later}, {remaining: -1}}, 1, time.Time{}},
		{"most left wins", []bucket{{remaining: 100, reset: later}, {remaining: 4000, reset: later}, {remaining: 2000, reset: soon}}, 1, time.Time{}},
		{"at the reserve is skipped", []bucket{{remaining: 8, reset: soon}, {remaining: 9, reset: later}}, 1, time.Time{}},
		{"all at the reserve: earliest reset", []bucket{{remaining: 3, reset: later}, {remaining: 8, reset: soon}}, 1, soon},
		{"a passed window is refilled", []bucket{{remaining: 0, reset: past}, {remaining: 5000, reset: later}}, 0, time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := newPool(make([]credential, len(tc.core)), func() time.Time { return now })
			copy(p.core, tc.core)
			idx, wait, _ := p.pick(false, 8)
			assert.Equal(t, tc.wantIdx, idx)
			assert.Equal(t, tc.wantWait, wait)
			// The GraphQL budgets are apart: untouched, the first credential.
			gi, gw, _ := p.pick(true, 8)
			assert.Equal(t, 0, gi)
			assert.True(t, gw.IsZero())
		})
	}
}
