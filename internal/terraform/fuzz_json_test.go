package terraform

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// FuzzLoadJSON is FuzzLoad for JSON configuration (*.tf.json) and a
// module manifest: whatever the input, diagnostics or resources, never a
// panic. `go test -fuzz FuzzLoadJSON ./internal/terraform/` explores further.
func FuzzLoadJSON(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "cases", "*", "*.tf.json"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(string(b), "")
		}
	}
	f.Add(`{"module": {"m": {"source": "terraform-aws-modules/vpc/aws"}}}`, `{"Modules":[{"Key":"m","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Dir":"m"}]}`)
	f.Add(`{"resource": {"aws_security_group": {"x": {"dynamic": {"ingress": {"for_each": "${var.p}", "content": {"from_port": "${ingress.value}"}}}}}}, "variable": {"p": {"default": [22]}}}`, "")
	f.Add(`{"module": {"self": {"source": "./", "count": "${3000}"}}}`, "")
	f.Fuzz(func(t *testing.T, tf, manifest string) {
		fsys := fstest.MapFS{"main.tf.json": {Data: []byte(tf)}, "m/main.tf.json": {Data: []byte(tf)}}
		if manifest != "" {
			fsys[".terraform/modules/modules.json"] = &fstest.MapFile{Data: []byte(manifest)}
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
