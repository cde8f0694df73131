package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/redact"
)

// WriteJSON writes the rampart.report/v1 document. The findings are
// written one at a time by appendFinding (encodeStreamedAppend): the output
// is what encoding the whole report at once with encoding/json gives,
// without holding all of it in memory and without reflection per finding.
// Under finding.Baseline the findings go through encoding/json one at a time, as
// before issue 16 (BenchmarkAudit's baseline).
func WriteJSON(w io.Writer, r *Report) error {
	var err error
	if r.Findings == nil {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(r)
	} else if finding.Baseline() {
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
	} else {
		head := *r
		head.Findings = nil
		err = encodeStreamedAppend(w, &head, 1, "findings", len(r.Findings), func(b []byte, i int) ([]byte, error) {
			return appendFinding(b, &r.Findings[i])
		})
	}
	if err != nil {
		return fmt.Errorf("write JSON report: %w", err)
	}
	return nil
}

// writeJSONRedacting is WriteJSON over redactReport(r), the findings
// redacted one at a time as they are written (redactingWriters): the
// report's head is redacted by redact.Value as redactReport does, each
// finding by the same findingRedactor, remembering the repeated strings.
// A redaction that fails (two framework keys alike once redacted) fails
// the write, which atomicfile then discards.
func writeJSONRedacting(w io.Writer, r *Report) error {
	if r == nil || r.Findings == nil {
		safe, err := redactReport(r)
		if err != nil {
			return fmt.Errorf("redact json report: %w", err)
		}
		return WriteJSON(w, safe)
	}
	head := *r
	head.Findings = nil
	safe, err := redact.Value(&head)
	if err != nil {
		return fmt.Errorf("redact json report: %w", err)
	}
	fr := newFindingRedactor()
	var redactErr error
	err = encodeStreamedAppend(w, safe, 1, "findings", len(r.Findings), func(b []byte, i int) ([]byte, error) {
		f, _, err := fr.finding(&r.Findings[i])
		if err != nil {
			redactErr = err
			return b, err
		}
		return appendFinding(b, &f)
	})
	switch {
	case redactErr != nil:
		return fmt.Errorf("redact json report: %w", redactErr)
	case err != nil:
		return fmt.Errorf("write JSON report: %w", err)
	}
	return nil
}
