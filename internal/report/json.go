package report

import (
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON writes the rampart.report/v1 document. The findings are
// encoded one at a time (encodeStreamed): the output is what encoding the
// whole report at once gives, without holding all of it in memory.
func WriteJSON(w io.Writer, r *Report) error {
	var err error
	if r.Findings == nil {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(r)
	} else {
		head := *r
		head.Findings = nil
		err = encodeStreamed(w, &head, 1, "findings", func(emit func(any) error) error {
			for i := range r.Findings {
				if err := emit(&r.Findings[i]); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		return fmt.Errorf("write JSON report: %w", err)
	}
	return nil
}
