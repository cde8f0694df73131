package regovm

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/test/cases"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// opaDir is where the OPA module this package is built with lives, for
// its compliance cases (v1/test/cases/testdata/v1 are not part of any of
// its packages, so they are read from the module cache).
func opaDir(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/open-policy-agent/opa").Output()
	if err != nil {
		t.Fatalf("find the OPA module: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// outcome is what one evaluation gave, in a form two evaluators compare
// on: the error's code (topdown's class of error), or the sorted results.
type outcome struct {
	prepareErr error
	errCode    string
	err        error
	results    []string
}

func (o outcome) String() string {
	switch {
	case o.prepareErr != nil:
		return "prepare: " + o.prepareErr.Error()
	case o.err != nil:
		return "error " + o.errCode + ": " + o.err.Error()
	}
	return fmt.Sprintf("%d results %v", len(o.results), o.results)
}

var caseTargets atomic.Int64

func evalCase(ctx context.Context, tc cases.TestCase, vm bool) outcome {
	if !vm {
		return evalCaseOn(ctx, tc, nil)
	}
	return evalCaseOn(ctx, tc, func(name string, data ast.Value) rego.TargetPlugin {
		return Target{Name: name, Data: data}
	})
}

// evalCaseOn evaluates a case on topdown (target nil) or on the target
// plugin target makes, registered under a name of its own, with the
// case's data as the base document.
func evalCaseOn(ctx context.Context, tc cases.TestCase, target func(name string, data ast.Value) rego.TargetPlugin) outcome {
	var store storage.Store
	var data ast.Value = ast.NewObject()
	if tc.Data != nil {
		store = inmem.NewFromObject(*tc.Data)
		v, err := ast.InterfaceToValue(*tc.Data)
		if err != nil {
			return outcome{prepareErr: err}
		}
		data = v
	} else {
		store = inmem.New()
	}
	opts := []func(*rego.Rego){
		rego.Query(tc.Query),
		rego.Store(store),
		rego.StrictBuiltinErrors(tc.StrictError),
	}
	for i, m := range tc.Modules {
		opts = append(opts, rego.Module(fmt.Sprintf("test-%d.rego", i), m))
	}
	if tc.InputTerm != nil {
		term, err := ast.ParseTerm(*tc.InputTerm)
		if err != nil {
			return outcome{prepareErr: err}
		}
		opts = append(opts, rego.ParsedInput(term.Value))
	} else if tc.Input != nil {
		opts = append(opts, rego.Input(*tc.Input))
	}
	if target != nil {
		name := fmt.Sprintf("%s-case-%d", Name, caseTargets.Add(1))
		rego.RegisterPlugin(name, target(name, data))
		opts = append(opts, rego.Target(name))
	}
	pq, err := rego.New(opts...).PrepareForEval(ctx)
	if err != nil {
		return outcome{prepareErr: err}
	}
	rs, err := pq.Eval(ctx)
	if err != nil {
		var te *topdown.Error
		code := "other"
		if errors.As(err, &te) {
			code = te.Code
		}
		return outcome{errCode: code, err: err}
	}
	var out []string
	for _, r := range rs {
		b, err := json.Marshal(struct {
			B rego.Vars
			E []any
		}{r.Bindings, exprValues(r.Expressions)})
		if err != nil {
			return outcome{errCode: "marshal", err: err}
		}
		out = append(out, string(b))
	}
	slices.Sort(out)
	return outcome{results: out}
}

func exprValues(es []*rego.ExpressionValue) []any {
	out := make([]any, len(es))
	for i, e := range es {
		out[i] = e.Value
	}
	return out
}

// loadSkips reads testdata/compliance_skip.txt: one case note a line,
// then " # " and why the VM may differ from topdown there.
func loadSkips(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "compliance_skip.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	skips := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		note, why, ok := strings.Cut(line, " # ")
		if !ok || strings.TrimSpace(why) == "" {
			t.Fatalf("compliance_skip.txt: %q has no reason", line)
		}
		skips[strings.TrimSpace(note)] = strings.TrimSpace(why)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return skips
}

// TestComplianceAgainstTopdown runs every one of OPA's compliance cases
// (v1) through topdown and through this target. A case must give the same
// results, or the same class of error; or the VM must refuse it at prepare
// time (the engine then falls back to topdown); or it is in the skip list
// with its reason — and a listed case that no longer differs fails the
// test, so the list cannot go stale.
func TestComplianceAgainstTopdown(t *testing.T) {
	Register()
	dir := filepath.Join(opaDir(t), "v1", "test", "cases", "testdata", "v1")
	set, err := cases.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	skips := loadSkips(t)
	var same, bothRefuse, refused, skipped int
	seen := map[string]bool{}
	for _, tc := range set.Sorted().Cases {
		seen[tc.Note] = true
		for k, v := range tc.Env {
			t.Setenv(k, v)
		}
		ctx := context.Background()
		want := evalCase(ctx, tc, false)
		got := evalCase(ctx, tc, true)
		differs := false
		switch {
		case want.prepareErr != nil:
			// topdown refuses it too (a compile error): nothing to compare.
			bothRefuse++
			continue
		case got.prepareErr != nil:
			refused++
			continue
		case want.err != nil || got.err != nil:
			differs = want.err == nil || got.err == nil || want.errCode != got.errCode
		default:
			differs = !slices.Equal(want.results, got.results)
		}
		why, listed := skips[tc.Note]
		switch {
		case differs && listed:
			skipped++
		case differs:
			t.Errorf("%s (%s):\n topdown: %v\n      vm: %v", tc.Note, tc.Filename, want, got)
		case listed:
			t.Errorf("%s is in compliance_skip.txt (%s) but the VM now judges it as topdown does: remove it", tc.Note, why)
		default:
			same++
		}
	}
	for note := range skips {
		if !seen[note] {
			t.Errorf("compliance_skip.txt names %s, which is no case", note)
		}
	}
	t.Logf("%d cases: %d judged alike, %d refused by both at compile, %d refused by the VM alone at prepare (topdown instead), %d listed differences",
		len(set.Cases), same, bothRefuse, refused, skipped)
}
