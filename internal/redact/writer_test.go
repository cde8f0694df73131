package redact

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWriter(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		writes []string
		want   string
	}{
		{"a line", []string{"warning: " + ghToken + "\n"}, "warning: [REDACTED:github-token]\n"},
		// A token written in two pieces is whole again before it is matched.
		{"token split across writes", []string{"warning: ghp_abcdefghij", "klmnopqrstuvwxyz0123456789 end\n"}, "warning: [REDACTED:github-token] end\n"},
		{"unterminated last line", []string{"rampart: " + awsKeyID}, "rampart: [REDACTED:aws-access-key-id]MPLE"},
		{"progress lines end at a carriage return", []string{"\rcollecting 1/3", "\rcollecting 2/3 " + slackBot, "\n"}, "\rcollecting 1/3\rcollecting 2/3 [REDACTED:slack-token]\n"},
		{"PEM block across lines", []string{"key = <<EOT\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nZXhhbXBsZQ==\n-----END RSA PRIVATE KEY-----\nEOT\n"},
			"key = <<EOT\n[REDACTED:pem-block]\nEOT\n"},
		{"PEM block in an HCL source excerpt", []string{"   3:   k = <<EOT\n   4: -----BEGIN EC PRIVATE KEY-----\n   5: MHcCAQEEIIexample\n   6: -----END EC PRIVATE KEY-----\n   7: EOT\n"},
			"   3:   k = <<EOT\n   4: [REDACTED:pem-block]\n   7: EOT\n"},
		{"an encrypted PEM block's headers", []string{"-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123\n\nMIIE\n-----END RSA PRIVATE KEY----- tail\n"},
			"[REDACTED:pem-block]\n tail\n"},
		{"a cut-short block ends at the first line that is not base64", []string{"-----BEGIN PRIVATE KEY-----\nMIIE\nrampart: 2 error(s) in the workspace\n"},
			"[REDACTED:pem-block]\nrampart: 2 error(s) in the workspace\n"},
		{"clean lines pass through", []string{"rampart gate passed\n", "  0 new\n"}, "rampart gate passed\n  0 new\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			w := NewWriter(&out)
			for _, s := range tc.writes {
				n, err := w.Write([]byte(s))
				require.NoError(t, err)
				require.Equal(t, len(s), n)
			}
			require.NoError(t, w.Flush())
			require.Equal(t, tc.want, out.String())
		})
	}
}

func TestWriterLongLineIsWrittenInPieces(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	w := NewWriter(&out)
	long := strings.Repeat("a", maxLine+10)
	_, err := w.Write([]byte(long))
	require.NoError(t, err)
	require.Equal(t, maxLine, out.Len(), "a line longer than the limit is not held back")
	require.NoError(t, w.Flush())
	require.Equal(t, long, out.String())
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("disk full") }

func TestWriterReportsWriteErrors(t *testing.T) {
	t.Parallel()
	w := NewWriter(failingWriter{})
	_, err := w.Write([]byte("x\n"))
	require.ErrorContains(t, err, "disk full")
	_, err = w.Write([]byte("unterminated"))
	require.NoError(t, err)
	require.ErrorContains(t, w.Flush(), "disk full")
}

func TestWriterConcurrentLinesStayWhole(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	w := NewWriter(&out)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				fmt.Fprintf(w, "worker %d %s\n", i, ghToken)
			}
		}()
	}
	wg.Wait()
	require.NoError(t, w.Flush())
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Len(t, lines, 400)
	for _, l := range lines {
		require.Regexp(t, `^worker \d \[REDACTED:github-token\]$`, l)
	}
}
