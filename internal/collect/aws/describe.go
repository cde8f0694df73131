package aws

import (
	"context"

	"golang.org/x/sync/errgroup"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// describeEach describes every listed item with at most opts.Concurrency
// requests in flight and adds the resources in listing order, so that a
// snapshot's order does not depend on which answer came back first. A
// cancelled run adds none of them.
func describeEach[T any](ctx context.Context, r *run, items []T, describe func(context.Context, T) evidence.Resource) error {
	out := make([]evidence.Resource, len(items))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.opts.Concurrency)
	for i, it := range items {
		g.Go(func() error {
			out[i] = describe(gctx, it)
			return nil
		})
	}
	if err := g.Wait(); err != nil || ctx.Err() != nil {
		return err
	}
	for _, res := range out {
		r.add(res)
	}
	return nil
}
