package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	gh "github.com/google/go-github/v60/github"
)

// need names what a request needs, for the reason recorded when GitHub
// refuses it: the classic OAuth scope and the fine-grained / GitHub App
// permission.
type need struct {
	scope      string
	permission string
}

func (n need) String() string {
	return fmt.Sprintf("%s (fine-grained token / GitHub App) or %s (classic token)", n.permission, n.scope)
}

var (
	needOrgAdmin      = need{"admin:org", "organization administration:read"}
	needOrgRead       = need{"read:org", "organization members:read"}
	needOrgOwner      = need{"admin:org as an organization owner", "organization administration:read"}
	needOrgHooks      = need{"admin:org_hook", "organization webhooks:read"}
	needRepoAdmin     = need{"repo (admin on the repository)", "administration:read"}
	needRepoHooks     = need{"read:repo_hook (admin on the repository)", "webhooks:read"}
	needRepoMeta      = need{"repo", "metadata:read"}
	needContents      = need{"repo", "contents:read"}
	needDependabot    = need{"security_events (owner or security manager)", "dependabot alerts:read"}
	needCodeScanning  = need{"security_events (owner or security manager)", "code scanning alerts:read"}
	needSecretScannng = need{"security_events (owner or security manager)", "secret scanning alerts:read"}
	needOrgSecrets    = need{"admin:org", "organization secrets:read"}
	needRepoSecrets   = need{"repo (admin on the repository)", "secrets:read"}
	needOrgRunners    = need{"admin:org", "organization self-hosted runners:read"}
)

// needs is every need above, for the test that holds app-manifest.json and
// docs/github.md's permissions table to them.
var needs = []need{
	needOrgAdmin, needOrgRead, needOrgOwner, needOrgHooks, needRepoAdmin, needRepoHooks, needRepoMeta, needContents,
	needDependabot, needCodeScanning, needSecretScannng, needOrgSecrets, needRepoSecrets, needOrgRunners,
}

// gap is a refusal or failure that leaves an attribute unknown.
type gap struct {
	reason     string
	permission string
	// failure is set for errors that are not a permission (5xx after
	// retries, a malformed body): the snapshot is then marked incomplete.
	failure bool
}

// fatal reports errors that stop the whole collection.
func fatal(ctx context.Context, err error) bool {
	return errors.Is(err, ErrRateLimited) || errors.Is(err, ErrUnauthorized) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil
}

// classify turns a failed call into a gap; fatal errors are returned as such.
func classify(ctx context.Context, err error, n need) (*gap, error) {
	if err == nil {
		return nil, nil
	}
	if fatal(ctx, err) {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	var er *gh.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		code := er.Response.StatusCode
		switch code {
		case http.StatusForbidden, http.StatusNotFound, http.StatusUnprocessableEntity:
			perm := n.String()
			// GitHub names what a fine-grained token lacked in this header.
			if h := er.Response.Header.Get("X-Accepted-GitHub-Permissions"); h != "" {
				perm = strings.ReplaceAll(h, "=", ":") + " (fine-grained token / GitHub App) or " + n.scope + " (classic token)"
			}
			return &gap{reason: fmt.Sprintf("%d %s: needs %s", code, er.Message, perm), permission: perm}, nil
		}
		return &gap{reason: fmt.Sprintf("%d %s", code, er.Message), failure: true}, nil
	}
	return &gap{reason: "request failed: " + err.Error(), failure: true}, nil
}
