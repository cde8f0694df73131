package github

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	gh "github.com/google/go-github/v60/github"
)

// getPage sends one list request and decodes its items: the body itself
// when field is "", else the body's field (GitHub's wrapped lists).
func getPage[T any](ctx context.Context, r *run, req *http.Request, field string) ([]T, *gh.Response, error) {
	var page []T
	if field == "" {
		resp, err := r.c.Do(ctx, req, &page)
		return page, resp, err
	}
	var obj map[string]json.RawMessage
	resp, err := r.c.Do(ctx, req, &obj)
	if err != nil {
		return nil, resp, err
	}
	raw, ok := obj[field]
	if !ok {
		return nil, resp, fmt.Errorf("the answer has no %q list", field)
	}
	if err := json.Unmarshal(raw, &page); err != nil {
		return nil, resp, fmt.Errorf("decode %q: %w", field, err)
	}
	return page, resp, nil
}
