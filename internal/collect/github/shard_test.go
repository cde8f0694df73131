package github_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/rampart-audit/rampart/internal/collect/github"
)

// The shards of an organisation partition its repositories: each in
// exactly one shard, and the organisation itself in shard 0 alone.
func TestRepoShardsPartition(t *testing.T) {
	for _, n := range []int{2, 3, 7} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			used := map[int]int{}
			for i := range 500 {
				name := fmt.Sprintf("svc-%04d", i)
				in := 0
				for s := range n {
					if (github.RepoShard{Index: s, Count: n}).HasRepo(name) {
						in++
						used[s]++
					}
				}
				assert.Equal(t, 1, in, "%s is in %d shards", name, in)
			}
			assert.Len(t, used, n, "every shard gets repositories")
			for s := range n {
				assert.Equal(t, s == 0, github.RepoShard{Index: s, Count: n}.HasOrg(), "shard %d", s)
			}
		})
	}
	whole := github.RepoShard{}
	assert.True(t, whole.HasRepo("anything"))
	assert.True(t, whole.HasOrg())
	assert.False(t, whole.Sharded())
}
