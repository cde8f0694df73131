// Package finding defines the result of evaluating one control against one
// resource: the status enum that can say "could not check", severities, and
// the stable fingerprint used to compare runs and branches.
package finding

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// Status is the outcome of one (control, resource) evaluation.
type Status string

const (
	Pass Status = "pass"
	Fail Status = "fail"
	// Error means the control could not be evaluated because of a fault
	// (engine error, time limit, collector failure). It never counts as a pass.
	Error Status = "error"
	// NotEvaluated means the data the control needs is missing or unknown
	// (missing permission, attribute not collected, unknown Terraform value).
	NotEvaluated Status = "not_evaluated"
	Waived       Status = "waived"
)

// Statuses lists every status in report order.
var Statuses = []Status{Pass, Fail, Error, NotEvaluated, Waived}

// Severity of a control, from metadata.
type Severity string

const (
	Critical Severity = "critical"
	High     Severity = "high"
	Medium   Severity = "medium"
	Low      Severity = "low"
	Info     Severity = "info"
)

// Severities lists every severity, most severe first.
var Severities = []Severity{Critical, High, Medium, Low, Info}

// Rank orders severities: critical 5 … info 1; unknown 0.
func (s Severity) Rank() int {
	switch s {
	case Critical:
		return 5
	case High:
		return 4
	case Medium:
		return 3
	case Low:
		return 2
	case Info:
		return 1
	}
	return 0
}

// ParseSeverity accepts a severity name in any case.
func ParseSeverity(s string) (Severity, error) {
	sev := Severity(strings.ToLower(strings.TrimSpace(s)))
	if sev.Rank() == 0 {
		return "", fmt.Errorf("unknown severity %q (want critical, high, medium, low or info)", s)
	}
	return sev, nil
}

// ResourceRef is the part of a resource a finding names.
type ResourceRef struct {
	Type   string          `json:"type"`
	ID     string          `json:"id"`
	System string          `json:"system,omitempty"`
	Source evidence.Source `json:"source"`
}

// Finding is one (control, resource) result with everything linked to it.
type Finding struct {
	ControlID string   `json:"control_id"`
	Title     string   `json:"title"`
	Severity  Severity `json:"severity"`
	Status    Status   `json:"status"`
	Message   string   `json:"message"`
	// Path is the attribute the control looked at when it failed or could not decide.
	Path string `json:"path,omitempty"`
	// Resource points at the reference every finding of the resource
	// shares: held by value, its 128 bytes (the source's kind, collector,
	// time, file and line among them) were a third of each finding, and a
	// 20,000-repository audit keeps 766,000 findings of 22,000 resources
	// (issue 16). It is read-only once a finding is made: a stage that
	// changes a finding's resource gives it a new reference (redaction
	// does). Never nil in a finding a run makes; a report read back checks
	// it (gate.ReadBaseline).
	Resource *ResourceRef `json:"resource"`
	// Links are what internal/link joins the finding with: the risks,
	// mitigations, training and policy statements of its control, in one
	// value every finding of the control shares (96 bytes a finding when
	// each held its four lists, issue 16). Nil until a run links its
	// findings — every report's findings are linked — and then read-only:
	// a stage that changes them gives the finding new Links (redaction
	// does). Embedded, so f.Risks reads as it did and the JSON members
	// keep their names and places.
	*Links
	Frameworks map[string][]string `json:"frameworks"`
	Waiver     string              `json:"waiver,omitempty"`
	// WaiverExpired names a waiver that matched but has expired, so the failure stands.
	WaiverExpired string `json:"waiver_expired,omitempty"`
	Fingerprint   string `json:"fingerprint"`
}

// FillResources gives every finding of a report read back that names no
// resource (a hand-written baseline, `"resource": null`) the empty
// reference, and one without links empty Links, what they decoded as
// when a finding held both by value, so no reader of a read-back report
// meets a nil (gate.ReadBaseline, the store).
func FillResources(fs []Finding) {
	var empty *ResourceRef
	var none *Links
	for i := range fs {
		if fs[i].Resource == nil {
			if empty == nil {
				empty = &ResourceRef{}
			}
			fs[i].Resource = empty
		}
		if fs[i].Links == nil {
			if none == nil {
				none = &Links{}
			}
			fs[i].Links = none
		}
	}
}

// Links is what a control's findings are joined with (internal/link).
type Links struct {
	Risks       []string `json:"risks"`
	Mitigations []string `json:"mitigations"`
	Training    []string `json:"training"`
	Policies    []string `json:"policies"`
}

// Fingerprint is stable for a (control, resource type, resource id) triple:
// the same failure on the same resource keeps its fingerprint across runs,
// branches and sources.
//
// It is computed for every (control, resource) pair an evaluation judges,
// so it hashes from a buffer on the stack and allocates only the string
// it returns (the concatenation, its bytes and the hex encoding were three
// allocations a finding); TestFingerprintIsTheTriplesHash holds it to the
// definition.
func Fingerprint(controlID, resourceType, resourceID string) string {
	var stack [256]byte
	triple := append(stack[:0], controlID...)
	triple = append(append(triple, 0), resourceType...)
	triple = append(append(triple, 0), resourceID...)
	h := sha256.Sum256(triple)
	var out [24]byte
	hex.Encode(out[:], h[:12])
	return string(out[:])
}

// Summary counts findings by status.
type Summary struct {
	Total        int `json:"total"`
	Pass         int `json:"pass"`
	Fail         int `json:"fail"`
	Error        int `json:"error"`
	NotEvaluated int `json:"not_evaluated"`
	Waived       int `json:"waived"`
}

// Summarize counts findings by status.
func Summarize(fs []Finding) Summary {
	var s Summary
	for _, f := range fs {
		s.Total++
		switch f.Status {
		case Pass:
			s.Pass++
		case Fail:
			s.Fail++
		case Error:
			s.Error++
		case NotEvaluated:
			s.NotEvaluated++
		case Waived:
			s.Waived++
		}
	}
	return s
}
