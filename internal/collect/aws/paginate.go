package aws

import (
	"context"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
)

// pager is the shape every aws-sdk-go-v2 paginator has; Opt is the
// service's Options type (the variadic option functions of NextPage).
type pager[Out, Opt any] interface {
	HasMorePages() bool
	NextPage(context.Context, ...func(*Opt)) (*Out, error)
}

// listAll reads one paginated listing to its end. page takes in one
// answer and returns the next-page token the answer hands out (or an
// error: an answer without a member the operation always returns); the
// token goes through a pageGuard, so a listing that loops or never ends
// fails instead of stopping quietly. The first error ends the listing and
// is returned as it is: the caller names the IAM action (r.gap for a
// listing that is a type, r.unknownReason for one that is an attribute)
// and drops what page gathered, since a part of a list would read as all
// of it. The pages' own order is kept.
func listAll[Out, Opt any](ctx context.Context, p pager[Out, Opt], page func(*Out) (next *string, err error)) error {
	var guard pageGuard
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		var next *string
		if err == nil {
			next, err = page(out)
		}
		if err == nil {
			err = guard.next(next)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// pages follows a token through a listing the SDK has no paginator for
// (GetAuthorizers, and every API Gateway v2 listing), with the same
// cycle and page-count guard as the paginated listings.
func pages(ctx context.Context, fetch func(ctx context.Context, token *string) (next *string, err error)) error {
	var guard pageGuard
	var token *string
	for {
		next, err := fetch(ctx, token)
		if err == nil {
			err = guard.next(next)
		}
		if err != nil {
			return err
		}
		if sdkaws.ToString(next) == "" {
			return nil
		}
		token = next
	}
}
