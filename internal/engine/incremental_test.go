package engine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
)

// TestVolatileControlsAreFoundThroughTheLibrary: a control reading the
// clock directly, through a rampart.lib function, or through a helper
// rule of its own package is volatile; so is one calling another
// non-deterministic built-in would be; a control without any is not.
func TestVolatileControlsAreFoundThroughTheLibrary(t *testing.T) {
	t.Parallel()
	e, err := load(t, map[string]string{
		"lib.rego": "package rampart.lib\n\nage_ns(ts) := time.now_ns() - time.parse_rfc3339_ns(ts)\n\nplain(x) := x\n",
		"direct.rego": meta("TST-TIME-001", "test.thing") + "package test.direct\n\n" +
			"deny contains \"old\" if time.now_ns() > 0\n",
		"vialib.rego": meta("TST-TIME-002", "test.thing") + "package test.vialib\n\nimport data.rampart.lib\n\n" +
			"deny contains \"old\" if lib.age_ns(input.attributes.ts) > 0\n",
		"helper.rego": meta("TST-TIME-003", "test.thing") + "package test.helper\n\n" +
			"late if time.now_ns() > 5\n\nstale := late\n\ndeny contains \"late\" if stale\n",
		"plain.rego": meta("TST-PLAIN-001", "test.thing") + "package test.plain\n\nimport data.rampart.lib\n\n" +
			"deny contains \"off\" if lib.plain(input.attributes.flag) == false\n",
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"TST-TIME-001", "TST-TIME-002", "TST-TIME-003"}, e.VolatileIDs())
	assert.Equal(t, "time.now_ns", e.Volatile()["TST-TIME-002"])
	// The other non-deterministic built-ins (rand.*, http.send, uuid.*)
	// are refused at load (sandbox capabilities); the walk would name them.
	for name, b := range ast.BuiltinMap {
		if b.Nondeterministic {
			assert.Equal(t, name, nondeterministic(ast.MustParseRef(name)), name)
		}
	}
}

// TestBuiltinVolatileControls pins what the walk finds in the built-in
// set: the clock-reading library helpers (days_since, alert_overdue,
// date_passed) make their callers volatile; a control that reads its
// resource only does not.
func TestBuiltinVolatileControls(t *testing.T) {
	t.Parallel()
	e, err := New(context.Background(), []Source{{Name: "controls", FS: controls.FS}})
	require.NoError(t, err)
	vol := e.Volatile()
	for _, id := range []string{"AWS-IAM-026", "GH-REPO-020"} {
		require.NotNil(t, e.Catalog().Get(id), id)
		assert.Contains(t, vol, id)
	}
	assert.NotEmpty(t, vol)
	assert.NotContains(t, vol, "GH-ORG-001")
	for id := range vol {
		require.NotNil(t, e.Catalog().Get(id), id)
	}
}

// mutableClock is a clock a test moves between runs.
type mutableClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *mutableClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *mutableClock) set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// TestIncrementalEqualsFullEvaluation is the property: for random
// mutations between two runs — a resource's attribute, a related
// resource, a resource removed or added, a setting, a system's
// classification, the clock — the incremental run's findings equal a
// full evaluation's, field for field, and an unchanged run reuses every
// result but the volatile controls'.
func TestIncrementalEqualsFullEvaluation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := &mutableClock{t: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}
	e, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithClock(clock.now))
	require.NoError(t, err)
	require.NotEmpty(t, e.CacheDigest())
	base, err := evidence.Load("../../examples/acme/evidence")
	require.NoError(t, err)
	env := Env{
		Systems: map[string]System{
			"platform": {ID: "platform", Classification: "internal", Owner: "ops"},
		},
		Settings: model.Settings{}.ControlInput(),
	}
	for i := range base.Resources {
		if i%2 == 0 {
			base.Resources[i].System = "platform"
		}
	}

	// Warm: a second run over the same input reuses everything that is
	// not volatile, and evaluates nothing else.
	first := NewCache(nil)
	want := e.EvaluateCached(ctx, base, env, first)
	require.Zero(t, first.Reused())
	second := NewCache(first.Results())
	got := e.EvaluateCached(ctx, base, env, second)
	require.Equal(t, want, got)
	assert.Positive(t, second.Reused())
	assert.Equal(t, first.Results(), second.Results(), "an unchanged run keeps the same entries")

	rng := rand.New(rand.NewPCG(13, 13))
	for round := range 40 {
		snap, env2, what := mutate(rng, base, env, clock)
		t.Run(fmt.Sprintf("%02d-%s", round, what), func(t *testing.T) {
			fullIn := e.EvaluateIn(ctx, snap, env2)
			cache := NewCache(first.Results())
			incr := e.EvaluateCached(ctx, snap, env2, cache)
			require.Equal(t, fullIn, incr)
			if what == "clock" {
				assert.Positive(t, cache.Reused(), "a new day reuses the deterministic controls")
			}
		})
		clock.set(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))
	}
}

// mutate changes one input at random and says which.
func mutate(rng *rand.Rand, base *evidence.Snapshot, env Env, clock *mutableClock) (*evidence.Snapshot, Env, string) {
	snap := cloneSnapshot(base)
	env2 := Env{Systems: env.Systems, Settings: env.Settings}
	pick := func(types ...string) int {
		var idx []int
		for i, r := range snap.Resources {
			if len(types) == 0 || slices.Contains(types, r.Type) {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			return rng.IntN(len(snap.Resources))
		}
		return idx[rng.IntN(len(idx))]
	}
	switch rng.IntN(7) {
	case 0: // an attribute of a subject flips or goes away
		r := &snap.Resources[pick()]
		keys := slices.Sorted(func(yield func(string) bool) {
			for k := range r.Attributes {
				if !yield(k) {
					return
				}
			}
		})
		if len(keys) > 0 {
			k := keys[rng.IntN(len(keys))]
			switch v := r.Attributes[k].(type) {
			case bool:
				r.Attributes[k] = !v
			default:
				delete(r.Attributes, k)
			}
		}
		return snap, env2, "attribute"
	case 1: // a resource others relate to (an organisation, a trail, a security group) changes
		r := &snap.Resources[pick("github.organization", "aws.cloudtrail.trail", "aws.ec2.security_group", "aws.account", "aws.iam.password_policy")]
		for k, v := range r.Attributes {
			if b, ok := v.(bool); ok {
				r.Attributes[k] = !b
				break
			}
		}
		return snap, env2, "related"
	case 2: // a resource is gone
		i := pick()
		snap.Resources = slices.Delete(snap.Resources, i, i+1)
		return snap, env2, "removed"
	case 3: // a setting changes
		s := model.Settings{RequiredApprovingReviews: 1 + rng.IntN(4), InactiveRepositoryDays: 30 + rng.IntN(400)}
		env2.Settings = s.ControlInput()
		return snap, env2, "setting"
	case 4: // a system's classification changes
		env2.Systems = map[string]System{"platform": {ID: "platform", Classification: "confidential", Owner: "ops"}}
		return snap, env2, "system"
	case 5: // time passes: alert ages, rotation ages, expiry
		clock.set(time.Date(2027, 6, 1+rng.IntN(28), 9, 0, 0, 0, time.UTC))
		return snap, env2, "clock"
	default: // a collection gap appears where a relation looks
		r := snap.Resources[pick()]
		snap.NotCollected = append(snap.NotCollected, evidence.NotCollected{
			ResourceType: "aws.cloudtrail.trail", Scope: r.Scope, ScopeID: r.ID, Reason: "403 AccessDenied",
		})
		return snap, env2, "gap"
	}
}

// cloneSnapshot copies the resources deeply enough that mutate does not
// touch the base: attributes maps are copied one level (mutate only sets
// or deletes top-level keys).
func cloneSnapshot(s *evidence.Snapshot) *evidence.Snapshot {
	out := *s
	out.Resources = make([]evidence.Resource, len(s.Resources))
	for i, r := range s.Resources {
		attrs := make(map[string]any, len(r.Attributes))
		for k, v := range r.Attributes {
			attrs[k] = v
		}
		r.Attributes = attrs
		out.Resources[i] = r
	}
	out.NotCollected = slices.Clone(s.NotCollected)
	return &out
}

// TestIncrementalOnlyEvaluatesWhatChanged counts the evaluations: on an
// unchanged input only the volatile controls run; a changed resource
// re-runs its own batch; an error is never replayed in part.
func TestIncrementalOnlyEvaluatesWhatChanged(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, err := load(t, map[string]string{
		"flag.rego":  meta("TST-FLAG-001", "test.thing") + flagControl,
		"clock.rego": meta("TST-TIME-001", "test.thing") + "package test.clock\n\ndeny contains \"late\" if time.now_ns() > 0\n",
	})
	require.NoError(t, err)
	var mu sync.Mutex
	var evaluated [][]string
	e.onEval = func(ids []string) {
		mu.Lock()
		evaluated = append(evaluated, ids)
		mu.Unlock()
	}
	snap := &evidence.Snapshot{Resources: []evidence.Resource{
		resource("a", map[string]any{"flag": true}),
		resource("b", map[string]any{"flag": false}),
	}}
	first := NewCache(nil)
	want := e.EvaluateCached(ctx, snap, Env{}, first)
	assert.Len(t, evaluated, 2, "one batch per resource")
	assert.Len(t, first.Results(), 2, "the flag control on two resources; the clock control is never kept")

	evaluated = nil
	second := NewCache(first.Results())
	got := e.EvaluateCached(ctx, snap, Env{}, second)
	assert.Equal(t, want, got)
	assert.Equal(t, 2, second.Reused())
	assert.ElementsMatch(t, [][]string{{"TST-TIME-001"}, {"TST-TIME-001"}}, evaluated, "only the volatile control runs again")

	evaluated = nil
	snap.Resources[0].Attributes = map[string]any{"flag": false}
	third := NewCache(second.Results())
	got = e.EvaluateCached(ctx, snap, Env{}, third)
	assert.Equal(t, e.Evaluate(ctx, snap, nil), got)
	assert.Equal(t, 1, third.Reused())
	assert.Contains(t, evaluated, []string{"TST-FLAG-001", "TST-TIME-001"}, "the changed resource's batch runs in full")
	for _, f := range got {
		if f.Resource.ID == "a" && f.ControlID == "TST-FLAG-001" {
			assert.Equal(t, finding.Fail, f.Status)
		}
	}

	// Another engine (other sources) never matches these entries.
	other, err := load(t, map[string]string{"flag.rego": meta("TST-FLAG-001", "test.thing") + flagControl + "\n# changed\n"})
	require.NoError(t, err)
	fourth := NewCache(third.Results())
	other.EvaluateCached(ctx, snap, Env{}, fourth)
	assert.Zero(t, fourth.Reused())
}
