// Package controls embeds the built-in Rego controls and their tests, so the
// binary audits with no files beside it. Each control is one package with
// package METADATA (see docs/controls.md for the contract) and a _test.rego
// next to it.
package controls

import "embed"

// FS holds every .rego file under controls/, tests included.
//
//go:embed lib github aws
var FS embed.FS
