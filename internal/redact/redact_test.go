package redact

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Fake credentials of every kind, shaped as their issuers shape them.
const (
	ghToken      = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
	ghJobToken   = "ghs_FAKEtoken1234567890abcdef" // the sample: shorter than GitHub's 36
	ghPAT        = "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"
	awsKeyID     = "AKIAIOSFODNN7EXAMPLE"
	awsTempKeyID = "ASIAY34FZKBOKMUTVV7A"
	awsSecret    = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	awsSession   = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexample+token/value=="
	awsSession2  = "FwoGZXIvYXdzEBYaDHhBTEXAMPLETOKENVALUE0123456789"
	slackBot     = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
	pemKey       = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAexamplekeymaterial\n-----END RSA PRIVATE KEY-----"
)

func TestString(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, in, want string
	}{
		// GitHub
		{"classic PAT", "token " + ghToken + " here", "token [REDACTED:github-token] here"},
		{"job token shorter than GitHub's format", "extraheader = AUTHORIZATION: basic " + ghJobToken, "extraheader = AUTHORIZATION: basic [REDACTED:github-token]"},
		{"job token alone", ghJobToken, "[REDACTED:github-token]"},
		{"job token glued to a name", "x_" + ghJobToken, "x_[REDACTED:github-token]"},
		{"every GitHub prefix", "gho_abcdefghijklmnopqrst1 ghu_abcdefghijklmnopqrst1 ghr_abcdefghijklmnopqrst1",
			"[REDACTED:github-token] [REDACTED:github-token] [REDACTED:github-token]"},
		{"fine-grained PAT", ghPAT, "[REDACTED:github-token]"},
		{"token as URL user", "https://" + ghToken + "@github.com/acme/x", "https://[REDACTED:github-token]@github.com/acme/x"},
		{"token as URL password", "https://x-access-token:" + ghToken + "@github.com/acme/x", "https://x-access-token:[REDACTED:github-token]@github.com/acme/x"},
		// AWS
		{"access key ID keeps its last four", "key " + awsKeyID + " is old", "key [REDACTED:aws-access-key-id]MPLE is old"},
		{"temporary access key ID", awsTempKeyID, "[REDACTED:aws-access-key-id]VV7A"},
		{"secret key by name in a credentials file", "aws_secret_access_key = " + awsSecret, "aws_secret_access_key = [REDACTED:aws-secret-key]"},
		{"secret key by name in JSON", `{"SecretAccessKey": "abcdEFGH12345678abcd"}`, `{"SecretAccessKey": "[REDACTED:aws-secret-key]"}`},
		{"secret key by name, JSON-escaped", `{\"SecretAccessKey\":\"abcdEFGH12345678abcd\"}`, `{\"SecretAccessKey\":\"[REDACTED:aws-secret-key]\"}`},
		{"secret key by shape", "notes: " + awsSecret, "notes: [REDACTED:aws-secret-key]"},
		{"session token by shape", "t=" + awsSession + " end", "t=[REDACTED:aws-session-token] end"},
		{"older session token by shape", awsSession2, "[REDACTED:aws-session-token]"},
		{"session token by name", "aws_session_token=AbCdEf0123456789xyzXYZ", "aws_session_token=[REDACTED:aws-session-token]"},
		{"session token header", "X-Amz-Security-Token: AbCdEf0123456789xyz%2FXYZ", "X-Amz-Security-Token: [REDACTED:aws-session-token]"},
		// PEM
		{"PEM block", "key: " + pemKey + " done", "key: [REDACTED:pem-block] done"},
		{"PEM block, JSON-escaped newlines", `"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----"`, `"[REDACTED:pem-block]"`},
		{"unterminated PEM block", "a -----BEGIN EC PRIVATE KEY-----\nMHcCAQEE", "a [REDACTED:pem-block]"},
		{"two PEM blocks", pemKey + " and " + pemKey, "[REDACTED:pem-block] and [REDACTED:pem-block]"},
		// Authorization
		{"bearer header", "Authorization: Bearer abc.def.ghi", "Authorization: Bearer [REDACTED:auth-header]"},
		{"lower-case basic", "authorization: basic dXNlcjpwYXNz", "authorization: basic [REDACTED:auth-header]"},
		{"token scheme", "Authorization: token 0123456789abcdef", "Authorization: token [REDACTED:auth-header]"},
		{"proxy header", "Proxy-Authorization: Basic dXNlcjpwYXNz", "Proxy-Authorization: Basic [REDACTED:auth-header]"},
		{"JSON header", `{"Authorization": "Bearer eyJhbGciOi.x.y"}`, `{"Authorization": "Bearer [REDACTED:auth-header]"}`},
		{"SigV4", "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024",
			"Authorization: AWS4-HMAC-SHA256 [REDACTED:auth-header]"},
		{"header value without a scheme", "authorization=0123456789abcdefghijABCDEF", "authorization=[REDACTED:auth-header]"},
		// Slack
		{"Slack bot token", "slack " + slackBot, "slack [REDACTED:slack-token]"},
		{"Slack webhook", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", "https://hooks.slack.com/services/[REDACTED:slack-webhook]"},
		// URLs
		{"query token", "https://example.com/cb?token=abc123&page=2", "https://example.com/cb?token=[REDACTED:url-secret]&page=2"},
		{"access_token", "https://api.example.com/x?a=1&access_token=zzz#frag", "https://api.example.com/x?a=1&access_token=[REDACTED:url-secret]#frag"},
		{"presigned S3 URL", "https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIDEXAMPLE%2F20260101&X-Amz-Signature=abc123",
			"https://b.s3.amazonaws.com/k?X-Amz-Credential=[REDACTED:url-secret]&X-Amz-Signature=[REDACTED:url-secret]"},
		{"SAS sig", "https://a.blob.core.windows.net/c?sv=2020&sig=abc%2Bdef", "https://a.blob.core.windows.net/c?sv=2020&sig=[REDACTED:url-secret]"},
		{"password, secret, key, api_key", "?password=p1&secret=s1&key=k1&api_key=a1&client_secret=c1",
			"?password=[REDACTED:url-secret]&secret=[REDACTED:url-secret]&key=[REDACTED:url-secret]&api_key=[REDACTED:url-secret]&client_secret=[REDACTED:url-secret]"},
		{"URL password", "clone https://deploy:hunter2@git.example.com/x.git", "clone https://deploy:[REDACTED:url-password]@git.example.com/x.git"},
		{"URL password, empty user", "postgres://:s3cr3t@db:5432/app", "postgres://:[REDACTED:url-password]@db:5432/app"},

		// Not secrets: these must survive.
		{"bucket ARN", "arn:aws:s3:::acme-prod-audit-logs", "arn:aws:s3:::acme-prod-audit-logs"},
		{"role ARN", "arn:aws:iam::111122223333:role/ci-deploy", "arn:aws:iam::111122223333:role/ci-deploy"},
		{"commit SHA", "fixed in 3f786850e387550fdab836ed7e6dc881de23001b", "fixed in 3f786850e387550fdab836ed7e6dc881de23001b"},
		{"base64 SHA-256", "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="},
		{"sentence", "bucket acme-logs allows public read through its ACL", "bucket acme-logs allows public read through its ACL"},
		{"bucket name", "acme-prod-ledger-exports", "acme-prod-ledger-exports"},
		{"prose about authorization", "the token needs authorization: ask an owner", "the token needs authorization: ask an owner"},
		{"attribute names", "attributes.webhook_secret_set and password_enabled", "attributes.webhook_secret_set and password_enabled"},
		{"a repository URL", "https://github.com/acme-payments/payments-api/blob/main/x.tf#L3", "https://github.com/acme-payments/payments-api/blob/main/x.tf#L3"},
		{"a query without secrets", "https://example.com/?page=2&per_page=100", "https://example.com/?page=2&per_page=100"},
		{"ssh remote", "git@github.com:acme/infra.git", "git@github.com:acme/infra.git"},
		{"host and port", "https://proxy:8080/path@x", "https://proxy:8080/path@x"},
		{"a certificate's name", "BEGIN CERTIFICATE is mentioned", "BEGIN CERTIFICATE is mentioned"},
		{"role unique ID", "AROAEXAMPLEID1234567", "AROAEXAMPLEID1234567"},
		{"Terraform address", "aws_s3_bucket.logs and github_repository.payments_api", "aws_s3_bucket.logs and github_repository.payments_api"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := String(tc.in)
			require.Equal(t, tc.want, got)
			require.Empty(t, Found(got), "redacted output still holds a secret")
			require.Equal(t, got, String(got), "not idempotent")
		})
	}
}

func TestRedactNamesKindsOnce(t *testing.T) {
	t.Parallel()
	out, kinds := Redact(ghToken + " " + ghJobToken + " " + awsKeyID)
	require.Equal(t, "[REDACTED:github-token] [REDACTED:github-token] [REDACTED:aws-access-key-id]MPLE", out)
	require.Equal(t, []string{GitHubToken, AWSAccessKeyID}, kinds)

	out, kinds = Redact("nothing here")
	require.Equal(t, "nothing here", out)
	require.Nil(t, kinds)
}

func TestBytesLeavesItsInputAlone(t *testing.T) {
	t.Parallel()
	in := []byte("t " + ghToken)
	out := Bytes(in)
	require.Equal(t, "t [REDACTED:github-token]", string(out))
	require.Equal(t, "t "+ghToken, string(in))
	clean := []byte("clean")
	require.Equal(t, "clean", string(Bytes(clean)))
}

// Each sample disappears whole from its surroundings, which stay.
func TestSamplesAreAllRedacted(t *testing.T) {
	t.Parallel()
	for _, s := range samples() {
		got := String("x " + s + " y")
		require.NotContains(t, got, s)
		require.True(t, strings.HasPrefix(got, "x ") && strings.HasSuffix(got, " y"), got)
	}
}

func samples() []string {
	return []string{ghToken, ghJobToken, ghPAT, awsKeyID, awsTempKeyID, awsSecret, awsSession, awsSession2, slackBot, pemKey}
}

func TestContainsFold(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		s, needle string
		want      bool
	}{
		{"X-Amz-Security-TOKEN: x", "token", true},
		{"Token", "token", true},
		{"tokeN", "token", true},
		{"toke", "token", false},
		{"tttttoken", "token", true},
		{"TTTtoKen", "token", true},
		{"", "token", false},
		{"extraheader = AUTHORIZATION: basic", "authorization", true},
		{"hooks.slack.co", "hooks.slack.com", false},
	} {
		require.Equal(t, tc.want, containsFold(tc.s, tc.needle), "%q in %q", tc.needle, tc.s)
	}
}
