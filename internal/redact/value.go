package redact

import (
	"fmt"
	"reflect"
)

// maxDepth bounds the walk. Report values are a few levels deep; JSON
// decoded into `any` is at most 10,000 (encoding/json's own limit), and a
// cyclic value would otherwise recurse until the stack is exhausted.
const maxDepth = 10_000

// Value returns v with every string it reaches redacted: the exported
// fields of structs, the elements of slices, arrays and maps (keys too),
// through pointers and interfaces; byte slices are redacted as text.
//
// v is never changed. Only what holds a secret is copied, along the path
// from the root to it; the rest is shared with v, so a report without
// secrets costs a walk and no copy. The caller must therefore treat the
// result as read-only, as the report writers do.
//
// Unexported fields are copied as they are (a writer cannot read them
// either). The error is a value nested deeper than maxDepth (a cycle) or a
// map whose keys redact to the same string.
func Value[T any](v T) (T, error) {
	rv := reflect.ValueOf(&v).Elem()
	out, changed, err := walk(rv, 0)
	if err != nil {
		var zero T // never the unredacted value, even to a caller that ignores err
		return zero, err
	}
	if !changed {
		return v, nil
	}
	return out.Interface().(T), nil
}

func walk(v reflect.Value, depth int) (reflect.Value, bool, error) {
	if depth > maxDepth {
		return v, false, fmt.Errorf("redact: value nested deeper than %d levels (a cycle?)", maxDepth)
	}
	switch v.Kind() {
	case reflect.String:
		s := v.String()
		r := String(s)
		if r == s {
			return v, false, nil
		}
		nv := reflect.New(v.Type()).Elem()
		nv.SetString(r)
		return nv, true, nil
	case reflect.Pointer:
		if v.IsNil() {
			return v, false, nil
		}
		e, changed, err := walk(v.Elem(), depth+1)
		if err != nil || !changed {
			return v, false, err
		}
		np := reflect.New(v.Type().Elem())
		np.Elem().Set(e)
		return np, true, nil
	case reflect.Interface:
		if v.IsNil() {
			return v, false, nil
		}
		e, changed, err := walk(v.Elem(), depth+1)
		if err != nil || !changed {
			return v, false, err
		}
		ni := reflect.New(v.Type()).Elem()
		ni.Set(e)
		return ni, true, nil
	case reflect.Struct:
		return walkStruct(v, depth)
	case reflect.Slice:
		if v.IsNil() {
			return v, false, nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return walkBytes(v)
		}
		return walkElems(v, depth, func() reflect.Value {
			c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			reflect.Copy(c, v)
			return c
		})
	case reflect.Array:
		return walkElems(v, depth, func() reflect.Value {
			c := reflect.New(v.Type()).Elem()
			c.Set(v)
			return c
		})
	case reflect.Map:
		// The maps a report holds most (frameworks → references, per
		// finding) without reflection, which allocates for every entry.
		if v.CanInterface() {
			switch m := v.Interface().(type) {
			case map[string][]string:
				return fastMap(v, m, func(xs []string) ([]string, bool) { return stringsOf(xs) })
			case map[string]string:
				return fastMap(v, m, func(x string) (string, bool) { r := String(x); return r, r != x })
			}
		}
		return walkMap(v, depth)
	}
	// Numbers, booleans, functions, channels: nothing to read as text.
	return v, false, nil
}

func walkStruct(v reflect.Value, depth int) (reflect.Value, bool, error) {
	t := v.Type()
	var c reflect.Value
	for i := range t.NumField() {
		if !t.Field(i).IsExported() {
			continue
		}
		f, changed, err := walk(v.Field(i), depth+1)
		if err != nil {
			return v, false, err
		}
		if !changed {
			continue
		}
		if !c.IsValid() {
			c = reflect.New(t).Elem()
			c.Set(v)
		}
		c.Field(i).Set(f)
	}
	if !c.IsValid() {
		return v, false, nil
	}
	return c, true, nil
}

// walkElems redacts the elements of a slice or array, copying it (with
// clone) at the first element that changes.
func walkElems(v reflect.Value, depth int, clone func() reflect.Value) (reflect.Value, bool, error) {
	var c reflect.Value
	for i := range v.Len() {
		e, changed, err := walk(v.Index(i), depth+1)
		if err != nil {
			return v, false, err
		}
		if !changed {
			continue
		}
		if !c.IsValid() {
			c = clone()
		}
		c.Index(i).Set(e)
	}
	if !c.IsValid() {
		return v, false, nil
	}
	return c, true, nil
}

func walkBytes(v reflect.Value) (reflect.Value, bool, error) {
	b := v.Bytes()
	r := Bytes(b)
	if len(r) == len(b) && string(r) == string(b) {
		return v, false, nil
	}
	nv := reflect.MakeSlice(v.Type(), len(r), len(r))
	reflect.Copy(nv, reflect.ValueOf(r))
	return nv, true, nil
}

func walkMap(v reflect.Value, depth int) (reflect.Value, bool, error) {
	if v.IsNil() {
		return v, false, nil
	}
	// A first pass only looks, so a map without secrets (most of them)
	// costs no allocation; the second builds the copy.
	changed := false
	for it := v.MapRange(); it.Next() && !changed; {
		_, kc, err := walk(it.Key(), depth+1)
		if err != nil {
			return v, false, err
		}
		_, ec, err := walk(it.Value(), depth+1)
		if err != nil {
			return v, false, err
		}
		changed = kc || ec
	}
	if !changed {
		return v, false, nil
	}
	c := reflect.MakeMapWithSize(v.Type(), v.Len())
	for it := v.MapRange(); it.Next(); {
		k, _, err := walk(it.Key(), depth+1)
		if err != nil {
			return v, false, err
		}
		e, _, err := walk(it.Value(), depth+1)
		if err != nil {
			return v, false, err
		}
		// Two keys that differ only in their secrets would become one,
		// silently dropping a value: refuse rather than lose it.
		if c.MapIndex(k).IsValid() {
			return v, false, fmt.Errorf("redact: two map keys redact to %v", k)
		}
		c.SetMapIndex(k, e)
	}
	return c, true, nil
}

// fastMap is walkMap for a map with string keys whose values redact
// works on directly.
func fastMap[V any](v reflect.Value, m map[string]V, value func(V) (V, bool)) (reflect.Value, bool, error) {
	changed := false
	for k, x := range m {
		if _, c := value(x); c || String(k) != k {
			changed = true
			break
		}
	}
	if !changed || m == nil {
		return v, false, nil
	}
	out := make(map[string]V, len(m))
	for k, x := range m {
		rk := String(k)
		if _, taken := out[rk]; taken {
			return v, false, fmt.Errorf("redact: two map keys redact to %q", rk)
		}
		out[rk], _ = value(x)
	}
	return reflect.ValueOf(out), true, nil
}

// stringsOf redacts a []string, copying it only when an element changes.
func stringsOf(xs []string) ([]string, bool) {
	var out []string
	for i, x := range xs {
		r := String(x)
		if r == x {
			continue
		}
		if out == nil {
			out = append([]string(nil), xs...)
		}
		out[i] = r
	}
	if out == nil {
		return xs, false
	}
	return out, true
}
