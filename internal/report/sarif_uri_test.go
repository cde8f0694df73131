package report

import "testing"

// TestURIPath: safe paths come back as they are (uriPath's fast path),
// anything else percent-encoded byte by byte, as before it.
func TestURIPath(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"main.tf", "main.tf"},
		{"./terraform/s3.tf", "terraform/s3.tf"},
		{`modules\net\main.tf`, "modules/net/main.tf"},
		{".github/workflows/ci.yml", ".github/workflows/ci.yml"},
		{"a b/c.tf", "a%20b/c.tf"},
		{"é.tf", "%C3%A9.tf"},
		{"x#y?.tf", "x%23y%3F.tf"},
		{"-._~/:@!$&'()*+,;=", "-._~/:@!$&'()*+,;="},
		{"", ""},
	} {
		if got := uriPath(tc.in); got != tc.want {
			t.Errorf("uriPath(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
