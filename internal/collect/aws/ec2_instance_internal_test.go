package aws

import (
	"testing"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/stretchr/testify/assert"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// An instance is exposed through every interface it has: the groups of a
// secondary interface count as much as the instance's own list.
func TestInstanceSecurityGroups(t *testing.T) {
	t.Parallel()
	group := func(id string) ec2types.GroupIdentifier { return ec2types.GroupIdentifier{GroupId: sdkaws.String(id)} }
	sc := evidence.Scope{Platform: "aws", AccountID: "111122223333", Region: "eu-west-1"}
	for _, tc := range []struct {
		name string
		in   ec2types.Instance
		ids  []string
	}{
		{"none", ec2types.Instance{}, []string{}},
		{"own list", ec2types.Instance{SecurityGroups: []ec2types.GroupIdentifier{group("sg-b"), group("sg-a")}}, []string{"sg-a", "sg-b"}},
		{"interfaces add theirs, no repeats", ec2types.Instance{
			SecurityGroups: []ec2types.GroupIdentifier{group("sg-a")},
			NetworkInterfaces: []ec2types.InstanceNetworkInterface{
				{Groups: []ec2types.GroupIdentifier{group("sg-a")}},
				{Groups: []ec2types.GroupIdentifier{group("sg-open"), {}}},
			},
		}, []string{"sg-a", "sg-open"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.in.InstanceId = sdkaws.String("i-1")
			r := instanceResource(sc, tc.in)
			assert.Equal(t, tc.ids, r.Attributes["security_group_ids"])
			refs := []string{}
			for _, id := range tc.ids {
				refs = append(refs, "arn:aws:ec2:eu-west-1:111122223333:security-group/"+id)
			}
			assert.Equal(t, refs, r.Attributes["security_group_refs"])
		})
	}
}
