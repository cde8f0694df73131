// Package schema embeds the published JSON Schemas, so the binary serves
// the same files the documentation links to (rampart serve's
// /api/v1/report.schema.json, which openapi.json's report shapes $ref).
package schema

import _ "embed"

// Report is report.schema.json: the rampart.report/v1 JSON report.
//
//go:embed report.schema.json
var Report []byte
