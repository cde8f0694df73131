package regovm

import "github.com/open-policy-agent/opa/v1/ast"

// nativeFunc is a built-in done here instead of through OPA's
// implementation, for the few a profile shows to matter; ok false hands
// the call to OPA's own (an operand of a type it does not take, whose
// error message is OPA's to write).
type nativeFunc func(args []*ast.Term) (v *ast.Term, ok bool)

var natives = map[string]nativeFunc{}
