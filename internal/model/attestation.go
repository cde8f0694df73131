package model

import (
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Attestation records that a person attested a manual control: a
// requirement no API can answer (CIS AWS 1.3 security questions, a
// tabletop exercise held, a supplier assessed). The pipeline turns each
// manual control into a result from its attestations: pass while one is
// current, fail when none is or the latest has expired
// (docs/controls.md#manual-controls).
//
//	attestation "security-questions-2026" {
//	  control      = "AWS-ACCT-003"
//	  attested_by  = "carol"
//	  date         = "2026-03-02"
//	  expires      = "2027-03-02"
//	  evidence_url = "https://wiki.acme.example/security/aws-account-recovery"
//	  statement    = "Security questions are set on every AWS account and stored in the vault."
//	}
type Attestation struct {
	ID          string `hcl:"id,label"`
	Control     string `hcl:"control" doc:"the ID of the manual control attested (METADATA custom.manual: true)"`
	AttestedBy  string `hcl:"attested_by" doc:"the person block ID of whoever attests"`
	Date        string `hcl:"date" doc:"the day of the attestation ({{date}}); one dated in the future fails"`
	Expires     string `hcl:"expires" doc:"the last day it holds ({{date}}), after date; expired, the control fails"`
	EvidenceURL string `hcl:"evidence_url,optional" doc:"an absolute URL of the evidence an auditor can follow"`
	Statement   string `hcl:"statement" doc:"what is attested, in words"`

	// DateOn and ExpiresOn are Date and Expires parsed by validation. An
	// attestation is valid through the whole of its expiry date, as a waiver is.
	DateOn, ExpiresOn time.Time

	DeclRange hcl.Range
	body      hcl.Body
}

// CurrentOn reports whether the attestation holds on the day of now.
func (a *Attestation) CurrentOn(now time.Time) bool {
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return !a.ExpiresOn.Before(day) && !a.DateOn.After(day)
}

// attestations validates the attestation blocks: a known control, a person
// who attested, dates that parse and an expiry after the date, a statement,
// and an evidence link that is an absolute URL when given.
func (v *validator) attestations(people map[string]bool) {
	for _, a := range v.ws.Attestations {
		// A required attribute the decoder already reported missing is not
		// reported again as an unknown reference or a bad value.
		if !v.reported(a.body, a.Control == "") && !v.known(a.Control) {
			v.errorf(attrRange(a.body, "control", -1, a.DeclRange), "Reference to unknown control",
				"attestation %q names control %q, which is not in the control catalogue.%s", a.ID, a.Control, suggest(a.Control, v.controlIDs))
		}
		if !v.reported(a.body, a.AttestedBy == "") {
			v.ref(people, "person", a.AttestedBy, a.body, "attested_by", -1, a.DeclRange)
		}
		var err error
		if a.DateOn, err = ParseDate(a.Date); err != nil && !v.reported(a.body, a.Date == "") {
			v.errorf(attrRange(a.body, "date", -1, a.DeclRange), "Invalid date", "attestation %q: date: %v.", a.ID, err)
		}
		if a.ExpiresOn, err = ParseDate(a.Expires); err != nil && !v.reported(a.body, a.Expires == "") {
			v.errorf(attrRange(a.body, "expires", -1, a.DeclRange), "Invalid date", "attestation %q: expires: %v.", a.ID, err)
		} else if err == nil && !a.DateOn.IsZero() && !a.ExpiresOn.After(a.DateOn) {
			v.errorf(attrRange(a.body, "expires", -1, a.DeclRange), "Attestation expires before it is made",
				"attestation %q: expires %s is not after its date %s.", a.ID, a.Expires, a.Date)
		}
		if !v.reported(a.body, a.Statement == "") && strings.TrimSpace(a.Statement) == "" {
			v.errorf(attrRange(a.body, "statement", -1, a.DeclRange), "Attestation without a statement",
				"attestation %q: statement must say what was attested.", a.ID)
		}
		if a.EvidenceURL != "" {
			if u, err := url.Parse(a.EvidenceURL); err != nil || u.Scheme == "" || u.Host == "" {
				v.errorf(attrRange(a.body, "evidence_url", -1, a.DeclRange), "Invalid evidence URL",
					"attestation %q: evidence_url %q is not an absolute URL.", a.ID, a.EvidenceURL)
			}
		}
	}
}
