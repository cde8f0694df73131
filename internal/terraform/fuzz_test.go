package terraform

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds arbitrary configuration to the loader: whatever the input,
// it must come back as diagnostics or resources, never a panic. The seeds
// are every testdata case; `go test -fuzz FuzzLoad ./internal/terraform/`
// explores further.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "cases", "*", "*.tf"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(string(b), "")
		}
	}
	f.Add(`locals { a = local.b
b = local.a }
resource "aws_s3_bucket" "x" { bucket = local.a }`, "")
	f.Add(`resource "aws_security_group" "x" {
  for_each = { for k, v in var.m : k => v if v != null }
  name = each.key
  dynamic "ingress" {
    for_each = each.value
    iterator = rule
    content { protocol = rule.value.p
      from_port = rule.key
      to_port = rule.key
      cidr_blocks = [for c in rule.value.c : c] }
  }
}
variable "m" { default = { a = { 22 = { p = "tcp", c = ["0.0.0.0/0"] } } } }`, `m = { b = null }`)
	f.Fuzz(func(t *testing.T, tf, tfvars string) {
		fsys := fstest.MapFS{"main.tf": {Data: []byte(tf)}}
		if tfvars != "" {
			fsys["terraform.tfvars"] = &fstest.MapFile{Data: []byte(tfvars)}
		}
		res, err := Load(context.Background(), fsys, []string{"."}, Options{})
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		if res.Snapshot == nil && !res.Diagnostics.HasErrors() {
			t.Fatal("no snapshot and no error diagnostics")
		}
	})
}
