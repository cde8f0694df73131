// Package redact is the last line of defence before anything leaves
// Rampart: it replaces token-shaped strings — GitHub, AWS, Slack and
// Authorization credentials, PEM blocks, secrets in URLs — with a marker
// naming their kind, "[REDACTED:github-token]". Reports are redacted on the
// copy being written (Value), the log streams line by line (Writer), and
// `rampart fixture` reuses the same rules, so there is one owner for what
// counts as a secret (docs/report-schema.md#redaction).
//
// The rules are deliberately wider than the vendors' formats (a GitHub
// token is its prefix and 20 or more characters, not exactly 36): a false
// positive costs a reader one value, a false negative leaks a credential.
package redact

import (
	"regexp"
	"strings"
)

// Kinds of secret, as they appear in the marker.
const (
	PEMBlock        = "pem-block"
	GitHubToken     = "github-token"
	AWSAccessKeyID  = "aws-access-key-id"
	AWSSecretKey    = "aws-secret-key"
	AWSSessionToken = "aws-session-token"
	AuthHeader      = "auth-header"
	SlackToken      = "slack-token"
	SlackWebhook    = "slack-webhook"
	URLSecret       = "url-secret"
	URLPassword     = "url-password"
)

// Marker is what replaces a secret of the given kind.
func Marker(kind string) string { return "[REDACTED:" + kind + "]" }

// rule is one secret shape. The secret is the named group "s" of re when it
// has one (the key name and separator before it stay readable), else the
// whole match. hint is a cheap test that must hold wherever re can match:
// most strings of a report hold no secret, and a few substring searches
// cost far less than a dozen regular expressions per string.
type rule struct {
	kind string
	re   *regexp.Regexp
	hint func(s string, f features) bool
	// find, when set, stands in for re: a shape a regular expression says
	// slowly or not at all.
	find func(s string) [][2]int
}

// sep is what stands between a key and its value in the forms a secret is
// written in: `key = v`, `key: v`, `"key": "v"`, and the same with the
// quotes JSON-escaped (`\"key\":\"v\"`) when a document is quoted inside
// a message.
const sep = `\\?["']?\s*[:=]\s*\\?["']?`

var rules = []rule{
	// First, so the body of a key is not taken apart by the rules below.
	// An unterminated block is redacted to the end of the string; `.`
	// spans real newlines and JSON-escaped ones ("\n") alike.
	{kind: PEMBlock, re: regexp.MustCompile(`-----BEGIN [A-Z0-9 ]{1,64}-----(?s:.*?)(?:-----END [A-Z0-9 ]{1,64}-----|$)`),
		hint: func(s string, f features) bool { return f.dash && strings.Contains(s, "-----BEGIN ") }},
	// GitHub: ghp_ (classic PAT), gho_ (OAuth), ghu_ (user-to-server),
	// ghs_ (installation and Actions job tokens), ghr_ (refresh); 20+
	// characters after the prefix where GitHub issues 36, so shortened and
	// test-shaped tokens are caught too.
	{kind: GitHubToken, re: regexp.MustCompile(`gh[pousr]_[A-Za-z0-9]{20,}`),
		hint: func(s string, f features) bool { return f.under && hasGitHubPrefix(s) }},
	{kind: GitHubToken, re: regexp.MustCompile(`github_pat_[A-Za-z0-9_]{22,}`),
		hint: func(s string, f features) bool { return f.under && strings.Contains(s, "github_pat_") }},
	{kind: SlackToken, re: regexp.MustCompile(`(?:xox[abeoprs]|xapp)-[A-Za-z0-9-]{10,}`),
		hint: func(s string, f features) bool {
			return f.dash && (strings.Contains(s, "xox") || strings.Contains(s, "xapp-"))
		}},
	{kind: SlackWebhook, re: regexp.MustCompile(`(?i)hooks\.slack\.com/(?:services|workflows|triggers)/(?P<s>[A-Za-z0-9/_-]+)`),
		hint: func(s string, f features) bool { return f.dot && containsFold(s, "hooks.slack.com") }},
	// Access key IDs (AKIA long-term, ASIA temporary, ABIA/ACCA service
	// credentials) keep their last four characters, as the IAM console
	// shows them: enough for a person to tell which key a finding means.
	{kind: AWSAccessKeyID, re: regexp.MustCompile(`(?P<s>(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12})[A-Z0-9]{4}`),
		hint: func(s string, f features) bool {
			return f.run >= 20 && (strings.Contains(s, "AKIA") || strings.Contains(s, "ASIA") || strings.Contains(s, "ABIA") || strings.Contains(s, "ACCA"))
		}},
	// STS session tokens begin with the base64 of their own header.
	{kind: AWSSessionToken, re: regexp.MustCompile(`(?:IQoJb3JpZ2lu|FwoGZXIvYXdzE)[A-Za-z0-9/+=%]*`),
		hint: func(s string, f features) bool {
			return f.run >= 12 && (strings.Contains(s, "IQoJb3JpZ2lu") || strings.Contains(s, "FwoGZXIvYXdzE"))
		}},
	{kind: AWSSessionToken, re: regexp.MustCompile(`(?i)(?:aws_session_token|aws_security_token|x-amz-security-token|session_?token)` + sep + `(?P<s>[A-Za-z0-9/+=%]{16,})`),
		hint: func(s string, f features) bool { return f.sep && containsFold(s, "token") }},
	{kind: AWSSecretKey, re: regexp.MustCompile(`(?i)(?:secret_?access_?key)` + sep + `(?P<s>[A-Za-z0-9/+=]{16,})`),
		hint: func(s string, f features) bool { return f.sep && containsFold(s, "secret") }},
	// "Authorization: Basic …", "authorization = bearer …" (git's
	// http.extraheader, curl -H, a logged request): the credentials after
	// the scheme, up to the end of the value, including AWS SigV4's
	// "Credential=…, SignedHeaders=…, Signature=…".
	{kind: AuthHeader, re: regexp.MustCompile(`(?i)authorization` + sep + `(?:basic|bearer|token|digest|negotiate|ntlm|aws4-hmac-sha256)[ \t]+(?P<s>[^\s"'\\<>\[\]]+(?:[ ,]+[A-Za-z-]+=[^\s"'\\<>\[\],]+)*)`),
		hint: func(s string, f features) bool { return f.sep && containsFold(s, "authorization") }},
	// Without a scheme, only a long single value: "authorization: required"
	// is prose.
	{kind: AuthHeader, re: regexp.MustCompile(`(?i)authorization` + sep + `(?P<s>[^\s"'\\<>\[\]]{20,})`),
		hint: func(s string, f features) bool { return f.sep && containsFold(s, "authorization") }},
	// Query parameters that carry credentials: OAuth and API tokens, S3
	// presigned URLs (X-Amz-Signature, X-Amz-Credential), Azure SAS (sig),
	// passwords and keys.
	{kind: URLSecret, re: regexp.MustCompile(`(?i)[?&;](?:[a-z0-9_.-]*token|sig|signature|x-amz-signature|x-amz-credential|password|passwd|pwd|[a-z0-9_.-]*secret|key|api_?key|api-key|access_?key|code)=(?P<s>[^&#\s"'<>\\\[\]]+)`),
		hint: func(s string, f features) bool { return f.eq && strings.ContainsAny(s, "?&;") }},
	// https://user:password@host: the password; the user name stays.
	{kind: URLPassword, re: regexp.MustCompile(`(?i)[a-z][a-z0-9+.-]*://[^/\s:@"'<>\[\]]*:(?P<s>[^/\s@"'<>\[\]]+)@`),
		hint: func(s string, f features) bool { return f.colon && f.at && strings.Contains(s, "://") }},
	// Last: a 40-character base64 run with upper case, lower case and a
	// digit, on its own, is the shape of an AWS secret access key. A SHA-1
	// in hex has no upper case and a base64 SHA-256 is 44 characters long,
	// so commit IDs and digests survive.
	{kind: AWSSecretKey, find: secretKeyRuns,
		hint: func(_ string, f features) bool { return f.run >= 40 }},
}

// maxRounds bounds the passes String makes: each pass applies every rule;
// a second pass finds nothing unless one replacement completed another
// shape, and a third never has in the fuzz corpus.
const maxRounds = 4

// String returns s with every secret replaced by its marker.
func String(s string) string {
	out, _ := Redact(s)
	return out
}

// Bytes is String for byte slices; b itself is never changed.
func Bytes(b []byte) []byte {
	s := string(b)
	out, kinds := Redact(s)
	if kinds == nil {
		return b
	}
	return []byte(out)
}

// Redact returns s with every secret replaced, and the kinds it replaced,
// each once, in rule order; none means s is returned unchanged.
func Redact(s string) (string, []string) {
	f := scan(s)
	if f.none() {
		// Nearly every string of a report: no rule's hint can hold, so
		// none of the fifteen is asked (TestNoneMeansNoRuleMatches).
		return s, nil
	}
	return applyRules(s, f)
}

// applyRules replaces what every rule whose hint holds on s matches, until
// a round changes nothing (at most maxRounds); f is scan(s).
func applyRules(s string, f features) (string, []string) {
	var kinds []string
	for range maxRounds {
		changed := false
		for i := range rules {
			r := &rules[i]
			if !r.hint(s, f) {
				continue
			}
			out, n := r.replace(s)
			if n == 0 {
				continue
			}
			s, changed, f = out, true, scan(out)
			if !contains(kinds, r.kind) {
				kinds = append(kinds, r.kind)
			}
		}
		if !changed {
			break
		}
	}
	return s, kinds
}

// Found reports the kinds of secret s still holds, by the same rules; a
// string String returned holds none.
func Found(s string) []string {
	var kinds []string
	f := scan(s)
	for i := range rules {
		r := &rules[i]
		if r.hint(s, f) && len(r.matches(s)) > 0 && !contains(kinds, r.kind) {
			kinds = append(kinds, r.kind)
		}
	}
	return kinds
}

// features are what one pass over a string tells the hints: every rule
// needs one of these characters, or a run of base64 characters of some
// length, before its (slower) search is worth running.
type features struct {
	under, dash, dot, eq, colon, at bool
	sep                             bool // "=" or ":", between a key and its value
	run                             int  // the longest run of [A-Za-z0-9/+=]
}

// none reports that no rule's hint can hold for a string with these
// features: every hint needs a '-', '_', '.', '=' or ':' or a base64 run of
// 12 or more characters (the shortest any hint asks for).
func (f features) none() bool {
	return !f.dash && !f.under && !f.dot && !f.sep && !f.at && f.run < 12
}

func scan(s string) features {
	var f features
	run := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '/' || c == '+' || c == '=' {
			run++
			f.run = max(f.run, run)
		} else {
			run = 0
		}
		switch c {
		case '_':
			f.under = true
		case '-':
			f.dash = true
		case '.':
			f.dot = true
		case '=':
			f.eq = true
		case ':':
			f.colon = true
		case '@':
			f.at = true
		}
	}
	f.sep = f.eq || f.colon
	return f
}

// matches returns the [start, end) of each secret of r in s.
func (r *rule) matches(s string) [][2]int {
	if r.find != nil {
		return r.find(s)
	}
	group := r.re.SubexpIndex("s")
	var out [][2]int
	for _, m := range r.re.FindAllStringSubmatchIndex(s, -1) {
		start, end := m[0], m[1]
		if group > 0 && m[2*group] >= 0 {
			start, end = m[2*group], m[2*group+1]
		}
		out = append(out, [2]int{start, end})
	}
	return out
}

func (r *rule) replace(s string) (string, int) {
	ms := r.matches(s)
	if len(ms) == 0 {
		return s, 0
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for _, m := range ms {
		b.WriteString(s[last:m[0]])
		b.WriteString(Marker(r.kind))
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String(), len(ms)
}

// secretKeyRuns finds the runs of [A-Za-z0-9/+=] exactly 40 long with
// upper case, lower case and a digit: an AWS secret access key on its own.
func secretKeyRuns(s string) [][2]int {
	var out [][2]int
	start := -1
	for i := 0; i <= len(s); i++ {
		in := false
		if i < len(s) {
			c := s[i]
			in = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '/' || c == '+' || c == '='
		}
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			if i-start == 40 && mixed(s[start:i]) {
				out = append(out, [2]int{start, i})
			}
			start = -1
		}
	}
	return out
}

// hasGitHubPrefix finds "gh" + one of pousr + "_" without a regular
// expression: "_" is common in resource names, the prefix is not.
func hasGitHubPrefix(s string) bool {
	for i := strings.IndexByte(s, '_'); i >= 0; {
		if i >= 3 && s[i-3] == 'g' && s[i-2] == 'h' && strings.IndexByte("pousr", s[i-1]) >= 0 {
			return true
		}
		next := strings.IndexByte(s[i+1:], '_')
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}

// containsFold reports whether s contains the lower-case ASCII needle in
// any case, without allocating a lower-cased copy of s.
func containsFold(s, needle string) bool {
	lo, up := needle[0], needle[0]
	if 'a' <= lo && lo <= 'z' {
		up = lo - ('a' - 'A')
	}
	// The next occurrence of the first byte in each case, each searched
	// for again only once passed, so the scan stays linear.
	nextLo, nextUp := indexFrom(s, lo, 0), indexFrom(s, up, 0)
	for {
		i := nextLo
		if nextUp >= 0 && (i < 0 || nextUp < i) {
			i = nextUp
		}
		if i < 0 || i+len(needle) > len(s) {
			return false
		}
		if equalFold(s[i:i+len(needle)], needle) {
			return true
		}
		if i == nextLo {
			nextLo = indexFrom(s, lo, i+1)
		}
		if i == nextUp {
			nextUp = indexFrom(s, up, i+1)
		}
	}
}

func indexFrom(s string, c byte, from int) int {
	if from >= len(s) {
		return -1
	}
	if j := strings.IndexByte(s[from:], c); j >= 0 {
		return from + j
	}
	return -1
}

func equalFold(s, lower string) bool {
	for j := 0; j < len(lower); j++ {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[j] {
			return false
		}
	}
	return true
}

func mixed(s string) bool {
	var upper, lower, digit bool
	for i := 0; i < len(s); i++ {
		c := s[i]
		upper = upper || 'A' <= c && c <= 'Z'
		lower = lower || 'a' <= c && c <= 'z'
		digit = digit || '0' <= c && c <= '9'
	}
	return upper && lower && digit
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
