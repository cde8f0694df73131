package terraform

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

// canary is in every file a pull request must not read; it is not
// token-shaped, so redaction of reports cannot hide a read that happened.
const canary = "CANARY-not-a-token-7f3a"

// hostileRepo lays out a checkout: the job token in .git/config, a
// scanned terraform/ folder with policies, links in and out of it.
func hostileRepo(t *testing.T) (repo, outside string) {
	t.Helper()
	repo, outside = t.TempDir(), t.TempDir()
	write := func(dir, name, body string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	link := func(target, name string) {
		require.NoError(t, os.Symlink(target, filepath.Join(repo, filepath.FromSlash(name))))
	}
	write(outside, "secret.txt", canary)
	write(repo, ".git/config", "[http]\n\textraheader = AUTHORIZATION: basic ghs_x "+canary+"\n")
	write(repo, ".env", canary)
	write(repo, "secret.tpl", canary)
	write(repo, "terraform/policies/p.json", `{"ok": true}`)
	write(repo, "terraform/.hidden.json", canary)
	write(repo, "terraform/.github/x.json", canary)
	write(repo, "shared/p.json", `{"shared": true}`)
	require.NoError(t, os.MkdirAll(filepath.Join(repo, "terraform/links"), 0o755))
	link("/etc/passwd", "terraform/links/passwd")
	link(filepath.Join(outside, "secret.txt"), "terraform/links/abs-outside")
	link("../../.git/config", "terraform/links/git-config")
	link("../policies/p.json", "terraform/links/inside.json")
	link("../.hidden.json", "terraform/links/to-hidden.json")
	link("../..", "terraform/links/up")
	link("loop-b", "terraform/links/loop-a")
	link("loop-a", "terraform/links/loop-b")
	link("chain-2", "terraform/links/chain-1")
	link("inside.json", "terraform/links/chain-2")
	return repo, outside
}

type fileCase struct {
	name, fn, root, arg string
	scanned             []string
	want                cty.Value // when read
	refused             string    // else: the error contains it
}

// TestFileFunctionsConfined: file, filebase64, fileexists and templatefile
// read inside the scanned folders only; everything else is refused with
// the call and the reason, and the value is unknown — never the content,
// never a guess.
func TestFileFunctionsConfined(t *testing.T) {
	t.Parallel()
	repo, outside := hostileRepo(t)
	tests := []fileCase{
		{"issue repro: climb to .git/config", "file", "terraform", "../.git/config", []string{"terraform"}, cty.NilVal, `file("../.git/config"): refused: outside the scanned folder terraform`},
		{"gate . and .git/config", "file", ".", ".git/config", []string{"."}, cty.NilVal, `refused: .git/config is a hidden path (.git)`},
		{"dotfile at the root", "filebase64", ".", ".env", []string{"."}, cty.NilVal, `filebase64(".env"): refused: .env is a hidden path (.env)`},
		{"hidden file in the folder", "filebase64", "terraform", ".hidden.json", []string{"terraform"}, cty.NilVal, "hidden path (.hidden.json)"},
		{".github folder", "file", "terraform", ".github/x.json", []string{"terraform"}, cty.NilVal, "hidden path (.github)"},
		{"hidden reached through ..", "file", "terraform", "policies/../.hidden.json", []string{"terraform"}, cty.NilVal, "hidden path (.hidden.json)"},
		{"absolute", "file", "terraform", "/etc/passwd", []string{"terraform"}, cty.NilVal, "absolute paths are not read"},
		{"absolute outside", "file", "terraform", filepath.Join(outside, "secret.txt"), []string{"terraform"}, cty.NilVal, "absolute paths are not read"},
		{"link to /etc/passwd", "file", "terraform", "links/passwd", []string{"terraform"}, cty.NilVal, "links/passwd is a symbolic link to /etc/passwd, outside the scanned folder terraform"},
		{"absolute link outside", "file", "terraform", "links/abs-outside", []string{"terraform"}, cty.NilVal, "is a symbolic link to " + outside},
		{"relative link to .git/config", "file", "terraform", "links/git-config", []string{"terraform"}, cty.NilVal, "a symbolic link leads to .git/config, outside the scanned folder terraform"},
		{"relative link to .git/config, scanning the root", "file", ".", "terraform/links/git-config", []string{"."}, cty.NilVal, "hidden path (.git)"},
		{"link to a hidden file inside", "file", "terraform", "links/to-hidden.json", []string{"terraform"}, cty.NilVal, "hidden path (.hidden.json)"},
		{"directory link climbing out", "file", "terraform", "links/up/.git/config", []string{"terraform"}, cty.NilVal, "hidden path (.git)"},
		{"directory link climbing out to a plain file", "file", "terraform", "links/up/secret.tpl", []string{"terraform"}, cty.NilVal, "a symbolic link leads to secret.tpl, outside"},
		{"link loop", "file", "terraform", "links/loop-a", []string{"terraform"}, cty.NilVal, "more than 40 symbolic links"},
		{"fileexists outside answers nothing", "fileexists", "terraform", "../.git/config", []string{"terraform"}, cty.NilVal, `fileexists("../.git/config"): refused: outside the scanned folder terraform`},
		{"fileexists of a hidden file", "fileexists", ".", ".git/config", []string{"."}, cty.NilVal, "hidden path"},
		{"templatefile outside", "templatefile", "terraform", "../secret.tpl", []string{"terraform"}, cty.NilVal, `templatefile("../secret.tpl"): refused: outside the scanned folder terraform`},
		{"other folder not scanned", "file", "terraform", "../shared/p.json", []string{"terraform"}, cty.NilVal, "outside the scanned folder terraform"},
		{"no scanned folders given: the root module only", "file", "terraform", "../shared/p.json", nil, cty.NilVal, "outside the scanned folder terraform"},

		{"inside", "file", "terraform", "policies/p.json", []string{"terraform"}, cty.StringVal(`{"ok": true}`), ""},
		{"lexical . and .. ending inside", "file", "terraform", "./../terraform/policies/../policies/p.json", []string{"terraform"}, cty.StringVal(`{"ok": true}`), ""},
		{"link inside the folder", "file", "terraform", "links/inside.json", []string{"terraform"}, cty.StringVal(`{"ok": true}`), ""},
		{"chain of links inside", "file", "terraform", "links/chain-1", []string{"terraform"}, cty.StringVal(`{"ok": true}`), ""},
		{"second scanned folder", "file", "terraform", "../shared/p.json", []string{"terraform", "shared"}, cty.StringVal(`{"shared": true}`), ""},
		{"fileexists inside", "fileexists", "terraform", "policies/p.json", []string{"terraform"}, cty.True, ""},
		{"fileexists missing", "fileexists", "terraform", "policies/nope.json", []string{"terraform"}, cty.False, ""},
		{"fileexists of a folder", "fileexists", "terraform", "policies", []string{"terraform"}, cty.False, ""},
	}
	// A folder given as an absolute path (rampart gate /work/repo/terraform).
	abs := filepath.ToSlash(filepath.Join(repo, "terraform"))
	tests = append(tests,
		fileCase{"absolute scanned folder, inside", "file", abs, "links/inside.json", []string{abs}, cty.StringVal(`{"ok": true}`), ""},
		fileCase{"absolute scanned folder, climbing", "file", abs, "../.git/config", []string{abs}, cty.NilVal, "refused: outside the scanned folder " + abs},
	)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fns := fileFunctions(Dir("."), tc.root, tc.scanned...)
			if !filepath.IsAbs(tc.root) {
				fns = fileFunctions(Dir(repo), tc.root, tc.scanned...)
			}
			args := []cty.Value{cty.StringVal(tc.arg)}
			if tc.fn == "templatefile" {
				args = append(args, cty.EmptyObjectVal)
			}
			v, err := fns[tc.fn].Call(args)
			if tc.refused == "" {
				require.NoError(t, err)
				require.True(t, tc.want.RawEquals(v), "%#v", v)
				return
			}
			require.Error(t, err)
			require.ErrorIs(t, err, errRefused)
			require.Contains(t, err.Error(), tc.refused)
			require.NotContains(t, err.Error(), canary)
			require.True(t, v == cty.NilVal || !v.IsKnown(), "a refused read has no value, not %#v", v)
		})
	}
}

// TestFileReadRefusedThroughLoad is the reproduction through the
// loader: the bucket name and a policy read from ../.git/config are
// unknown, the reason names the refusal, a warning names the call and its
// position, and the token is nowhere.
func TestFileReadRefusedThroughLoad(t *testing.T) {
	t.Parallel()
	repo, _ := hostileRepo(t)
	require.NoError(t, os.WriteFile(filepath.Join(repo, "terraform/main.tf"), []byte(`resource "aws_s3_bucket" "b" {
  bucket = file("../.git/config")
}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = file("links/git-config")
}
resource "aws_iam_policy" "ok" {
  name   = "ok"
  policy = file("${path.module}/policies/p.json")
}
`), 0o644))
	res, err := Load(context.Background(), Dir(repo), []string{"terraform"}, Options{})
	require.NoError(t, err)
	require.NotNil(t, res.Snapshot, "%v", res.Diagnostics)
	var diags strings.Builder
	for _, d := range res.Diagnostics {
		diags.WriteString(d.Error() + "\n")
	}
	require.Contains(t, diags.String(), `terraform/main.tf:2,12-17: Cannot evaluate statically: Error in function call; Call to function "file" failed: file("../.git/config"): refused: outside the scanned folder terraform`)
	require.Contains(t, diags.String(), `terraform/main.tf:6,12-17:`)
	for _, r := range res.Snapshot.Resources {
		for k, v := range r.Unknown {
			require.NotContains(t, v, canary, "%s %s", r.ID, k)
		}
		require.NotContains(t, r.ID, canary)
		require.NotContains(t, r.ID, "extraheader")
	}
	require.NotContains(t, diags.String(), canary)
	p := byID(t, res, "terraform/aws_iam_policy.p")
	require.NotContains(t, p.Attributes, "document")
	require.Contains(t, p.Unknown["document"], `file("links/git-config"): refused: a symbolic link leads to .git/config, outside the scanned folder terraform`)
	require.Equal(t, map[string]any{"ok": true}, byID(t, res, "terraform/aws_iam_policy.ok").Attributes["document"], "path.module is relative to the root module, as in Terraform")
	require.Equal(t, "aws_s3_bucket.b", byID(t, res, "terraform/aws_s3_bucket.b").Attributes["name"], "the name is the address, not the file")
}
