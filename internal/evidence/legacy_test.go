package evidence

import (
	"bytes"
	"encoding/json"
)

// legacyDecode is the encoding/json decoder this package used before the
// strict one: the benchmark's baseline and the reference for valid input.
func legacyDecode(data []byte) (*Snapshot, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var s Snapshot
	if err := dec.Decode(&s); err != nil {
		return nil, err
	}
	for i := range s.Resources {
		if s.Resources[i].Attributes == nil {
			s.Resources[i].Attributes = map[string]any{}
		}
	}
	// Not in JSON: the strict decoder's account of a missing list.
	s.CollectedUnlisted = s.Collected == nil
	return &s, nil
}
