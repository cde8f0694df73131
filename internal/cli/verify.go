package cli

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/auditbundle"
	"github.com/rampart-audit/rampart/internal/verdict"
)

// newVerifyCommand checks an audit bundle: exit 0 intact (and, with a
// public key, signed by it), 1 tampered (a file changed, added or removed,
// a bad signature), 2 unreadable or no bundle, 3 the signature could not
// be checked (signed, but no public key given).
func newVerifyCommand(p Params) *cobra.Command {
	var publicKey string
	cmd := &cobra.Command{
		Use:   "verify BUNDLE",
		Short: "Check an audit bundle (audit --bundle) against its manifest and signature",
		Long: `Check every file of an audit bundle against the SHA-256 in its manifest,
report any file changed, added or removed, and check the ed25519 signature
with --public-key FILE or ` + BundlePublicKeyEnv + ` (PEM).

Exit codes: 0 intact; 1 tampered; 2 not a readable bundle or a bad key;
3 signed, but no public key given to check the signature.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var pub ed25519.PublicKey
			var data []byte
			switch {
			case publicKey != "":
				var err error
				if data, err = os.ReadFile(publicKey); err != nil {
					return exitWith(verdict.ExitInput, fmt.Errorf("--public-key: %w", err))
				}
			case p.Getenv != nil && p.Getenv(BundlePublicKeyEnv) != "":
				data = []byte(p.Getenv(BundlePublicKeyEnv))
			}
			if data != nil {
				var err error
				if pub, err = auditbundle.ParsePublicKey(data); err != nil {
					return exitWith(verdict.ExitInput, fmt.Errorf("--public-key: %w", err))
				}
			}
			res, err := auditbundle.Verify(args[0], pub)
			if err != nil {
				return exitWith(verdict.ExitInput, err)
			}
			for _, pr := range res.Problems {
				fmt.Fprintf(p.Stderr, "%s\n", pr)
			}
			switch {
			case len(res.Problems) == 0:
				sig := "unsigned"
				if res.SignatureChecked {
					sig = "signature valid"
				}
				fmt.Fprintf(p.Stdout, "bundle %s intact: %d files, %s\n", args[0], res.Files, sig)
				return nil
			case res.Signed && !res.SignatureChecked && len(res.Problems) == 1:
				return exitWith(verdict.ExitNotEvaluated, errors.New("signature not checked"))
			}
			return exitWith(verdict.ExitFindings, fmt.Errorf("bundle %s is not as written: %d problem(s)", args[0], len(res.Problems)))
		},
	}
	cmd.Flags().StringVar(&publicKey, "public-key", "", "ed25519 public key (PEM) the bundle must be signed with; default "+BundlePublicKeyEnv)
	return cmd
}
