package aws

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// fakeKeys answers DescribeKey from a table of key name → KeyManager ("" is
// an answer without KeyManager) and counts the calls; deny answers
// AccessDeniedException for every key.
type fakeKeys struct {
	managers map[string]kmstypes.KeyManagerType
	deny     bool
	calls    atomic.Int64
}

func (f *fakeKeys) DescribeKey(_ context.Context, in *kms.DescribeKeyInput, _ ...func(*kms.Options)) (*kms.DescribeKeyOutput, error) {
	f.calls.Add(1)
	if f.deny {
		return nil, &smithy.GenericAPIError{Code: "AccessDeniedException", Message: "not authorized to perform: kms:DescribeKey"}
	}
	m, ok := f.managers[sdkaws.ToString(in.KeyId)]
	if !ok {
		return nil, &smithy.GenericAPIError{Code: "NotFoundException", Message: "no such key"}
	}
	return &kms.DescribeKeyOutput{KeyMetadata: &kmstypes.KeyMetadata{KeyId: in.KeyId, KeyManager: m}}, nil
}

// TestCustomerManagedKey: the table of what a key name says — an alias of
// an AWS-managed key asks nothing and is false; every other name is
// decided by KeyManager, and a denied, failed or incomplete answer is an
// error (the attribute unknown), never true.
func TestCustomerManagedKey(t *testing.T) {
	t.Parallel()
	const (
		cmkARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
		awsARN = "arn:aws:kms:eu-west-1:111122223333:key/aaaa1111-2222-3333-4444-555566667777"
		awsID  = "aaaa1111-2222-3333-4444-555566667777"
	)
	keys := map[string]kmstypes.KeyManagerType{
		cmkARN: kmstypes.KeyManagerTypeCustomer, awsARN: kmstypes.KeyManagerTypeAws, awsID: kmstypes.KeyManagerTypeAws,
		"alias/orders": kmstypes.KeyManagerTypeCustomer, "broken": "",
	}
	sc := evidence.Scope{Platform: "aws", AccountID: "111122223333", Region: "eu-west-1"}
	for _, tc := range []struct {
		key      string
		deny     bool
		customer bool
		calls    int64
		err      string
	}{
		{key: "alias/aws/sns"},
		{key: "alias/aws/sqs"},
		{key: "arn:aws:kms:eu-west-1:111122223333:alias/aws/dynamodb"},
		{key: cmkARN, customer: true, calls: 1},
		{key: "alias/orders", customer: true, calls: 1},
		{key: awsARN, calls: 1},
		{key: awsID, calls: 1},
		{key: "broken", calls: 1, err: "the answer has no KeyMetadata.KeyManager"},
		{key: "arn:aws:kms:eu-west-1:999988887777:key/other", calls: 1, err: "NotFoundException"},
		{key: cmkARN, deny: true, calls: 1, err: "AccessDeniedException"},
		{key: "alias/aws/sns", deny: true},
	} {
		t.Run(fmt.Sprintf("%s deny=%v", tc.key, tc.deny), func(t *testing.T) {
			t.Parallel()
			f := &fakeKeys{managers: keys, deny: tc.deny}
			var k keyManagers
			got, err := k.customerManaged(context.Background(), f, sc, tc.key)
			assert.Equal(t, tc.calls, f.calls.Load())
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				assert.False(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.customer, got)
		})
	}
}

// TestKeyManagerCache: 100 queues under one key, asked concurrently, cost
// one DescribeKey; the same key name in another region or account is asked
// again (a key ID names a different key there).
func TestKeyManagerCache(t *testing.T) {
	t.Parallel()
	const key = "1234abcd-12ab-34cd-56ef-1234567890ab"
	f := &fakeKeys{managers: map[string]kmstypes.KeyManagerType{key: kmstypes.KeyManagerTypeCustomer}}
	var k keyManagers
	eu := evidence.Scope{Platform: "aws", AccountID: "111122223333", Region: "eu-west-1"}
	var wg sync.WaitGroup
	var wrong atomic.Int64
	for range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ok, err := k.customerManaged(context.Background(), f, eu, key); !ok || err != nil {
				wrong.Add(1)
			}
		}()
	}
	wg.Wait()
	assert.Zero(t, wrong.Load())
	assert.Equal(t, int64(1), f.calls.Load(), "one call for 100 resources")
	us, other := eu, eu
	us.Region, other.AccountID = "us-east-1", "444455556666"
	for _, sc := range []evidence.Scope{us, other} {
		_, err := k.customerManaged(context.Background(), f, sc, key)
		require.NoError(t, err)
	}
	assert.Equal(t, int64(3), f.calls.Load())
}

// TestSetCustomerManagedKeyDenied: through the run, a denied DescribeKey
// is the resource's unknown naming kms:DescribeKey.
func TestSetCustomerManagedKeyDenied(t *testing.T) {
	t.Parallel()
	r := &run{}
	res := evidence.Resource{Attributes: map[string]any{}, Unknown: map[string]string{}}
	r.setCustomerManagedKey(context.Background(), &fakeKeys{deny: true}, evidence.Scope{Platform: "aws", AccountID: "111122223333", Region: "eu-west-1"}, res, "k", "queue q")
	assert.NotContains(t, res.Attributes, "customer_managed_key")
	assert.Equal(t, "access denied: needs kms:DescribeKey", res.Unknown["customer_managed_key"])
	res2 := evidence.Resource{Attributes: map[string]any{}, Unknown: map[string]string{}}
	r.setCustomerManagedKey(context.Background(), &fakeKeys{}, evidence.Scope{}, res2, "", "queue q")
	assert.Equal(t, false, res2.Attributes["customer_managed_key"], "no key is not a customer key")
}
