package serve

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strings"
)

// Auth decides whether a request may see the dashboard and the API. It
// returns who made it (for the log), or ok false.
type Auth interface {
	Authenticate(r *http.Request) (who string, ok bool)
}

// TokenAuth accepts `Authorization: Bearer TOKEN`, and for browsers the
// session cookie the login form sets. Both are compared in constant time.
type TokenAuth struct {
	token   []byte
	session string
}

// sessionCookie carries an HMAC of the token, never the token itself, so a
// cookie that leaks (a proxy's log) does not give the bearer token away.
const sessionCookie = "rampart_session"

// NewTokenAuth accepts token; an empty token is refused by the caller.
func NewTokenAuth(token string) *TokenAuth {
	mac := hmac.New(sha256.New, []byte(token))
	mac.Write([]byte("rampart serve session"))
	return &TokenAuth{token: []byte(token), session: hex.EncodeToString(mac.Sum(nil))}
}

func (a *TokenAuth) Authenticate(r *http.Request) (string, bool) {
	if h := r.Header.Get("Authorization"); h != "" {
		given, found := strings.CutPrefix(h, "Bearer ")
		if found && subtle.ConstantTimeCompare([]byte(given), a.token) == 1 {
			return "token", true
		}
		return "", false
	}
	if c, err := r.Cookie(sessionCookie); err == nil && subtle.ConstantTimeCompare([]byte(c.Value), []byte(a.session)) == 1 {
		return "session", true
	}
	return "", false
}

// login checks a token typed into the login form and returns the cookie.
func (a *TokenAuth) login(token string) (*http.Cookie, bool) {
	if subtle.ConstantTimeCompare([]byte(token), a.token) != 1 {
		return nil, false
	}
	return &http.Cookie{Name: sessionCookie, Value: a.session, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode}, true
}

// ProxyAuth trusts a header set by a reverse proxy that authenticated the
// user (X-Forwarded-User). Only sound when nothing but the proxy can reach
// the server, which is why the command requires --trust-proxy for it.
type ProxyAuth struct{ Header string }

func (a ProxyAuth) Authenticate(r *http.Request) (string, bool) {
	who := strings.TrimSpace(r.Header.Get(a.Header))
	return who, who != ""
}

// open paths answer without authentication: a load balancer's probes.
var openPaths = map[string]bool{"/healthz": true, "/readyz": true, "/login": true}

func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if openPaths[r.URL.Path] {
			next.ServeHTTP(w, r)
			return
		}
		if _, ok := s.opts.Auth.Authenticate(r); !ok {
			if _, isToken := s.opts.Auth.(*TokenAuth); isToken && wantsHTML(r) {
				http.Redirect(w, r, "/login", http.StatusSeeOther)
				return
			}
			w.Header().Set("WWW-Authenticate", `Bearer realm="rampart"`)
			writeProblem(w, http.StatusUnauthorized, "authentication required: Authorization: Bearer $RAMPART_SERVE_TOKEN")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// wantsHTML: a browser asking for a page (not the API, not metrics).
func wantsHTML(r *http.Request) bool {
	return r.Method == http.MethodGet && !strings.HasPrefix(r.URL.Path, "/api/") && r.URL.Path != "/metrics" &&
		strings.Contains(r.Header.Get("Accept"), "text/html")
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	ta, ok := s.opts.Auth.(*TokenAuth)
	if !ok {
		writeProblem(w, http.StatusNotFound, "no login: authentication is by the reverse proxy")
		return
	}
	failed := false
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		if c, ok := ta.login(r.PostFormValue("token")); ok {
			http.SetCookie(w, c)
			http.Redirect(w, r, "/", http.StatusSeeOther)
			return
		}
		failed = true
		w.WriteHeader(http.StatusUnauthorized)
	}
	s.render(w, "login", map[string]any{"Failed": failed})
}
