package terraform

import (
	"fmt"
	"path"
	"sort"

	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// rootVars sets a root module's variables from defaults and tfvars files
// (terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in
// name order, then each --var-file).
func (ev *evaluator) rootVars(m *module) map[string]cty.Value {
	given := map[string]cty.Value{}
	names := append([]string{}, ev.cfg.varFiles[m.dir]...)
	sort.SliceStable(names, func(i, j int) bool { return tfvarsOrder(names[i]) < tfvarsOrder(names[j]) })
	names = append(names, ev.cfg.extraVarFiles...)
	for _, n := range names {
		f := ev.cfg.files[n]
		if f == nil {
			continue
		}
		attrs, diags := f.Body.JustAttributes()
		ev.diags = append(ev.diags, diags...)
		for name, a := range attrs {
			v, d := a.Expr.Value(nil)
			if d.HasErrors() {
				ev.diags = append(ev.diags, d...)
				continue
			}
			given[name] = v
		}
	}
	return ev.childVars(m, given, "")
}

// tfvarsOrder is Terraform's: terraform.tfvars, terraform.tfvars.json,
// then the *.auto.tfvars(.json) files in lexical order.
func tfvarsOrder(name string) string {
	switch path.Base(name) {
	case "terraform.tfvars":
		return "0"
	case "terraform.tfvars.json":
		return "1"
	}
	return "2" + name
}

// childVars gives each declared variable its value: the one given, or the
// default, or unknown with the reason when there is neither.
func (ev *evaluator) childVars(m *module, given map[string]cty.Value, addr string) map[string]cty.Value {
	vars := make(map[string]cty.Value, len(m.variables))
	for name, b := range m.variables {
		v, ok := given[name]
		if !ok {
			if d := b.Body.Attributes["default"]; d != nil {
				dv, diags := d.Expr.Value(nil)
				if diags.HasErrors() {
					ev.diags = append(ev.diags, diags...)
					dv = unknownBecause("default of variable " + name + " cannot be evaluated")
				}
				v, ok = dv, true
			}
		}
		if !ok {
			where := "no value in a tfvars file"
			if addr != "" {
				where = "no argument in the call " + addr
			}
			vars[name] = unknownBecause(fmt.Sprintf("variable %q has no default and %s", name, where))
			continue
		}
		if t := b.Body.Attributes["type"]; t != nil && v.IsWhollyKnown() {
			if ty, diags := typeexpr.TypeConstraint(t.Expr); !diags.HasErrors() {
				if cv, err := convert.Convert(v, ty); err == nil {
					v = cv
				} else {
					ev.warn(b.DefRange(), "Variable value does not match its type", fmt.Sprintf("variable %q: %v", name, err))
				}
			}
		}
		vars[name] = v
	}
	return vars
}
