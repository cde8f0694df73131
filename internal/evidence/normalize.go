package evidence

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
)

// Normalize puts every attribute value of the snapshot into the one shape
// attributes have after the hand-off: the shape Decode reads a snapshot
// into — map[string]any, []any, string, bool, json.Number and nil. A
// collector or the Terraform mapping may build attributes from Go types
// ([]string, []map[string]any, int, structs); Normalize converts them once,
// where the snapshot is built, so the engine and governance read one
// representation whether the snapshot was collected, mapped or loaded, and
// none of them converts again. A value that cannot be represented in JSON
// (a channel, a function, NaN) is an error naming the resource and the
// attribute; the snapshot is then unusable, never partly converted.
func Normalize(s *Snapshot) error {
	if s == nil {
		return nil
	}
	for i := range s.Resources {
		r := &s.Resources[i]
		for _, k := range slices.Sorted(maps.Keys(r.Attributes)) {
			v, err := NormalizeValue(r.Attributes[k])
			if err != nil {
				return fmt.Errorf("resource %s %s: attribute %s: %w", r.Type, r.ID, k, err)
			}
			r.Attributes[k] = v
		}
	}
	return nil
}

// NormalizeValue returns v in the shape Decode produces (see Normalize).
// Values already in that shape are walked, not copied through JSON; other
// Go types take one JSON encoding and decoding with UseNumber.
func NormalizeValue(v any) (any, error) {
	switch x := v.(type) {
	case nil, string, bool, json.Number:
		return v, nil
	case int:
		return json.Number(strconv.FormatInt(int64(x), 10)), nil
	case int64:
		return json.Number(strconv.FormatInt(x, 10)), nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			n, err := NormalizeValue(e)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			out[i] = n
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(x))
		for _, k := range slices.Sorted(maps.Keys(x)) {
			n, err := NormalizeValue(x[k])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			out[k] = n
		}
		return out, nil
	case []string:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = e
		}
		return out, nil
	case map[string]string:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = e
		}
		return out, nil
	}
	if rv := reflect.ValueOf(v); (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface) && rv.IsNil() {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("value of type %T has no JSON form: %w", v, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		return nil, fmt.Errorf("value of type %T: decode its JSON form: %w", v, err)
	}
	return out, nil
}
