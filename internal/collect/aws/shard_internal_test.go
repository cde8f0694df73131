package aws

import (
	"testing"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// A regional task without a group would be collected by no shard: the
// distributed run would silently lose its resources.
func TestEveryRegionalTaskHasAGroup(t *testing.T) {
	r := &run{}
	for _, task := range r.regionalTasks(sdkaws.Config{}, evidence.Scope{}, newAccountState("1")) {
		if _, ok := regionalGroupOf[task.name]; !ok {
			t.Errorf("regional task %q has no service group in regionalGroupOf", task.name)
		}
	}
	if got, want := len(regionalGroupOf), len(r.regionalTasks(sdkaws.Config{}, evidence.Scope{}, newAccountState("1"))); got != want {
		t.Errorf("regionalGroupOf names %d tasks, regionalTasks has %d: a stale entry", got, want)
	}
}
