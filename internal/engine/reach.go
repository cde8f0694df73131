package engine

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/util"
)

// firstReached walks roots and every rule and function they depend on,
// transitively, through the compiler's dependency graph (the rampart.lib
// functions a control calls, and theirs), and returns the first non-nil
// answer of judge for a rule or one of its else branches. A dependency
// that is not a rule cannot be judged, so it is an answer of its own: the
// callers treat what they cannot see as the case they screen for.
func firstReached(compiler *ast.Compiler, roots []*ast.Rule, judge func(*ast.Rule) error) error {
	stack := make([]util.T, 0, len(roots))
	for _, r := range roots {
		stack = append(stack, r)
	}
	seen := map[util.T]bool{}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[n] {
			continue
		}
		seen[n] = true
		r, ok := n.(*ast.Rule)
		if !ok {
			return fmt.Errorf("a dependency of type %T", n)
		}
		for node := r; node != nil; node = node.Else {
			if err := judge(node); err != nil {
				return err
			}
		}
		for dep := range compiler.Graph.Dependencies(r) {
			stack = append(stack, dep)
		}
	}
	return nil
}
