package githubtest

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// maxInline is the file size up to which GitHub's contents API returns a
// file's content inline; above it the content is "" with encoding "none".
const maxInline = 1 << 20

// contentsRoute answers GET /repos/{o}/{r}/contents/.github/workflows and
// each file in it, from the documented "file" and "directory" examples of
// repos/get-content reshaped for Repo.Workflows.
func (s *Server) contentsRoute(repo *Repo, rest []string) (int, []byte, []any) {
	p := strings.Join(rest, "/")
	if repo.DefaultBranch == "" {
		return notFound()
	}
	if p == "" || p == ".github" || p == "docs" {
		entries, found := s.policyListing(repo, p)
		if !found {
			return notFound()
		}
		return ok(entries)
	}
	if repo.Workflows == nil {
		return notFound()
	}
	if p == ".github/workflows" {
		tmpl := example("openapi/repos__get-content.directory.json").([]any)[0].(map[string]any)
		list := []any{}
		for _, name := range slices.Sorted(maps.Keys(repo.Workflows)) {
			e := s.contentEntry(clone(tmpl), repo, name)
			delete(e, "content")
			delete(e, "encoding")
			list = append(list, e)
		}
		return ok(list)
	}
	name, found := strings.CutPrefix(p, ".github/workflows/")
	text, has := repo.Workflows[name]
	if !found || !has {
		return notFound()
	}
	f := s.contentEntry(object("openapi/repos__get-content.file.json"), repo, name)
	if len(text) > maxInline {
		f["content"], f["encoding"] = "", "none"
	} else {
		f["content"], f["encoding"] = wrapBase64(base64.StdEncoding.EncodeToString([]byte(text))), "base64"
	}
	return http.StatusOK, mustJSON(f), nil
}

func (s *Server) contentEntry(t map[string]any, repo *Repo, name string) map[string]any {
	text := repo.Workflows[name]
	sum := sha1.Sum([]byte("blob " + strconv.Itoa(len(text)) + "\x00" + text))
	sha := hex.EncodeToString(sum[:])
	p := ".github/workflows/" + name
	api := "https://api.github.com/repos/" + s.org.Login + "/" + repo.Name
	t["type"], t["name"], t["path"], t["size"], t["sha"] = "file", name, p, len(text), sha
	t["url"] = api + "/contents/" + p + "?ref=" + repo.DefaultBranch
	t["git_url"] = api + "/git/blobs/" + sha
	t["html_url"] = "https://github.com/" + s.org.Login + "/" + repo.Name + "/blob/" + repo.DefaultBranch + "/" + p
	t["download_url"] = "https://raw.githubusercontent.com/" + s.org.Login + "/" + repo.Name + "/" + repo.DefaultBranch + "/" + p
	t["_links"] = map[string]any{"self": t["url"], "git": t["git_url"], "html": t["html_url"]}
	return t
}

// wrapBase64 breaks base64 text into lines of 60 characters, as GitHub's
// answers do (the decoder ignores the newlines).
func wrapBase64(s string) string {
	var b strings.Builder
	for len(s) > 60 {
		b.WriteString(s[:60])
		b.WriteByte('\n')
		s = s[60:]
	}
	b.WriteString(s)
	return b.String()
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // the stand-in's own values always marshal
	}
	return b
}

func clone(m map[string]any) map[string]any {
	var out map[string]any
	_ = json.Unmarshal(mustJSON(m), &out)
	return out
}
