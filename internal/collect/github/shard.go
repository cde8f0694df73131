package github

import "hash/fnv"

// RepoShard narrows a Target to one of Count disjoint slices of its
// repositories, so that `rampart worker` processes can collect one
// organisation in parallel jobs. A repository belongs to the shard its
// name hashes to (FNV-1a), which every worker computes alike without a
// shared listing. Shard 0 also carries the organisation and its members,
// so each resource is collected by exactly one shard. The zero value is
// the whole organisation.
//
// Every shard still makes the organisation-wide requests (the repository
// list and the alert lists it filters by repository): about a dozen
// requests per shard, the price of shards that need no coordination.
type RepoShard struct {
	Index, Count int
}

// Sharded says whether s narrows the target at all.
func (s RepoShard) Sharded() bool { return s.Count > 1 }

// HasRepo says whether the repository named name is in the shard.
func (s RepoShard) HasRepo(name string) bool {
	if !s.Sharded() {
		return true
	}
	h := fnv.New32a()
	_, _ = h.Write([]byte(name)) // a hash.Hash never fails to write
	return int(h.Sum32()%uint32(s.Count)) == s.Index
}

// HasOrg says whether the shard carries the organisation and member
// resources.
func (s RepoShard) HasOrg() bool { return !s.Sharded() || s.Index == 0 }
