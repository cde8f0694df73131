package aws

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakePage is one answer of a scripted listing.
type fakePage struct {
	items []string
	next  string
	err   error
}

type fakeOptions struct{}

// fakePager hands out its pages in order, the way an SDK paginator does:
// more pages while the last answer had a token.
type fakePager struct {
	pages []fakePage
	i     int
	done  bool
}

func (p *fakePager) HasMorePages() bool { return !p.done && p.i < len(p.pages) }

func (p *fakePager) NextPage(context.Context, ...func(*fakeOptions)) (*fakePage, error) {
	pg := p.pages[p.i]
	p.i++
	p.done = pg.next == ""
	if pg.err != nil {
		return nil, pg.err
	}
	return &pg, nil
}

func TestListAll(t *testing.T) {
	t.Parallel()
	denied := errors.New("AccessDenied")
	for _, tc := range []struct {
		name      string
		pages     []fakePage
		want      []string
		wantErr   error
		errSubstr string
	}{
		{name: "every page in order", pages: []fakePage{{items: []string{"a", "b"}, next: "t1"}, {items: []string{"c"}}}, want: []string{"a", "b", "c"}},
		{name: "a failing page ends the listing", pages: []fakePage{{items: []string{"a"}, next: "t1"}, {err: denied, next: "t2"}, {items: []string{"z"}}}, wantErr: denied},
		{name: "a token handed out twice is a cycle", pages: []fakePage{{next: "t1"}, {next: "t2"}, {next: "t1"}, {items: []string{"never"}}}, wantErr: errPageCycle},
		{name: "an answer without its member", pages: []fakePage{{items: nil, next: "t1"}}, errSubstr: "the answer has no Items"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			err := listAll(context.Background(), &fakePager{pages: tc.pages}, func(p *fakePage) (*string, error) {
				if p.items == nil && p.next == "t1" && len(tc.pages) == 1 {
					return nil, errMissing("Items")
				}
				got = append(got, p.items...)
				return &p.next, nil
			})
			switch {
			case tc.wantErr != nil:
				require.ErrorIs(t, err, tc.wantErr)
			case tc.errSubstr != "":
				require.ErrorContains(t, err, tc.errSubstr)
			default:
				require.NoError(t, err)
				assert.Equal(t, tc.want, got)
			}
		})
	}
}
