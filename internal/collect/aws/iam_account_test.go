package aws_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
	"github.com/rampart-audit/rampart/internal/evidence"
)

// TestAccountCISAttributes spells out the CIS section 1 account settings of
// the sample: a virtual root MFA device, one SAML provider, the support
// role, the primary contact, and the server certificates.
func TestAccountCISAttributes(t *testing.T) {
	t.Parallel()
	est := awstest.Sample()
	est.Accounts[0].OIDCProviders = []string{"token.actions.githubusercontent.com"}
	srv := awstest.New(est, awstest.Faults{})
	defer srv.Close()
	snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	acct := find(t, snap, awscollect.TypeAccount, ":111122223333:root")
	assert.Equal(t, true, acct.Attributes["root_virtual_mfa"])
	assert.Equal(t, 1, acct.Attributes["saml_providers"])
	assert.Equal(t, 1, acct.Attributes["oidc_providers"])
	assert.Equal(t, []string{"break-glass"}, acct.Attributes["support_roles"])
	assert.Equal(t, map[string]any{"configured": true}, acct.Attributes["contact_information"])
	assert.Equal(t, 2, count(snap, awscollect.TypeServerCertificate), "two certificates over one page")
	old := find(t, snap, awscollect.TypeServerCertificate, ":server-certificate/legacy-elb")
	assert.Equal(t, "2024-02-01T00:00:00Z", old.Attributes["expiration"])

	// The account without any of them: every answer is an explicit "none".
	srv2 := awstest.New(awstest.Sample(), awstest.Faults{})
	defer srv2.Close()
	opts := options(srv2, awstest.SampleKey)
	opts.Targets = []awscollect.Target{{AccountID: awstest.RoleAccount, RoleARN: awstest.SampleRole}}
	snap, _, err = awscollect.Collect(context.Background(), opts)
	require.NoError(t, err)
	other := find(t, snap, awscollect.TypeAccount, ":444455556666:root")
	assert.Equal(t, false, other.Attributes["root_virtual_mfa"])
	assert.Equal(t, 0, other.Attributes["saml_providers"])
	assert.Equal(t, []string{}, other.Attributes["support_roles"], "no support role is an empty list, never absent")
	assert.Equal(t, map[string]any{"configured": false}, other.Attributes["contact_information"])
	assert.Empty(t, other.Unknown)
}

// TestAccountCISAttributeFaults: a denied or broken answer leaves the
// attribute unknown naming the action (the server certificates not
// collected), never false, zero or an empty list.
func TestAccountCISAttributeFaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		faults     awstest.Faults
		attr       string // the account attribute left unknown; "" for the certificates
		reason     string
		incomplete bool
	}{
		{"virtual MFA denied", awstest.Faults{Deny: map[string]bool{"iam:ListVirtualMFADevices": true}}, "root_virtual_mfa", "access denied: needs iam:ListVirtualMFADevices", false},
		{"virtual MFA looping pages", awstest.Faults{LoopPages: map[string]bool{"iam:ListVirtualMFADevices": true}}, "root_virtual_mfa", "iam:ListVirtualMFADevices failed: ", true},
		{"SAML denied", awstest.Faults{Deny: map[string]bool{"iam:ListSAMLProviders": true}}, "saml_providers", "access denied: needs iam:ListSAMLProviders", false},
		{"OIDC empty body", awstest.Faults{EmptyBody: map[string]bool{"iam:ListOpenIDConnectProviders": true}}, "oidc_providers", "iam:ListOpenIDConnectProviders failed: ", true},
		{"contact denied", awstest.Faults{Deny: map[string]bool{"account:GetContactInformation": true}}, "contact_information", "access denied: needs account:GetContactInformation", false},
		{"contact truncated", awstest.Faults{Truncate: map[string]bool{"account:GetContactInformation": true}}, "contact_information", "account:GetContactInformation failed: ", true},
		{"authorization details denied", awstest.Faults{Deny: map[string]bool{"iam:GetAccountAuthorizationDetails": true}}, "support_roles", "access denied: needs iam:GetAccountAuthorizationDetails", false},
		{"server certificates denied", awstest.Faults{Deny: map[string]bool{"iam:ListServerCertificates": true}}, "", "access denied: needs iam:ListServerCertificates", false},
		{"server certificates truncated", awstest.Faults{Truncate: map[string]bool{"iam:ListServerCertificates": true}}, "", "iam:ListServerCertificates failed: ", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, tc.faults)
			assert.Equal(t, tc.incomplete, snap.Incomplete, snap.IncompleteReason)
			acct := find(t, snap, awscollect.TypeAccount, ":111122223333:root")
			if tc.attr != "" {
				assert.NotContains(t, acct.Attributes, tc.attr)
				assert.Contains(t, acct.Unknown[tc.attr], tc.reason)
				return
			}
			assert.Zero(t, count(snap, awscollect.TypeServerCertificate))
			var gap *evidence.NotCollected
			for i, g := range snap.NotCollected {
				if g.ResourceType == awscollect.TypeServerCertificate {
					gap = &snap.NotCollected[i]
				}
			}
			require.NotNil(t, gap, "the certificates are not collected")
			assert.Contains(t, gap.Reason, tc.reason)
		})
	}
}
