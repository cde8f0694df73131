package aws

import (
	"context"
	"strings"
	"sync"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// Whether a KMS key is customer-managed is the one thing a table's,
// topic's, queue's or secret's key ID does not say: the AWS-managed key of
// a service (aws/sns, aws/sqs, aws/dynamodb, aws/secretsmanager) is named
// by an alias only when the resource was configured with the alias; given
// by its key ID or ARN it looks like any other key. kms:DescribeKey's
// KeyManager (CUSTOMER or AWS) tells them apart, and is asked once per key
// per account and region in a run, however many resources share the key.

// describeKeyAPI is the one KMS call this needs (a fake in tests).
type describeKeyAPI interface {
	DescribeKey(ctx context.Context, in *kms.DescribeKeyInput, optFns ...func(*kms.Options)) (*kms.DescribeKeyOutput, error)
}

// keyManagers caches DescribeKey's answers for one run. The zero value is
// ready to use.
type keyManagers struct {
	mu      sync.Mutex
	answers map[string]*keyManagerAnswer
}

type keyManagerAnswer struct {
	once     sync.Once
	customer bool
	err      error
}

// awsManagedAlias reports whether key names an AWS-managed key by its alias
// (alias/aws/<service>, or that alias's ARN): AWS reserves the alias/aws/
// prefix for its own keys, so no call is needed.
func awsManagedAlias(key string) bool {
	if strings.HasPrefix(key, "alias/aws/") {
		return true
	}
	return strings.HasPrefix(key, "arn:") && strings.Contains(key, ":alias/aws/")
}

// customerManaged says whether key (an ID, ARN, alias or alias ARN, as the
// service answered it) is a customer-managed key; err is why it cannot be
// told (kms:DescribeKey denied or failed, or an answer without KeyManager).
// A failure is kept like an answer: the other resources under the key
// would only repeat it (every asker is of the same run, so a cancelled
// context is the run's own).
func (k *keyManagers) customerManaged(ctx context.Context, c describeKeyAPI, sc evidence.Scope, key string) (bool, error) {
	if awsManagedAlias(key) {
		return false, nil
	}
	id := sc.AccountID + "\x00" + sc.Region + "\x00" + key
	k.mu.Lock()
	if k.answers == nil {
		k.answers = map[string]*keyManagerAnswer{}
	}
	a := k.answers[id]
	if a == nil {
		a = &keyManagerAnswer{}
		k.answers[id] = a
	}
	k.mu.Unlock()
	a.once.Do(func() {
		out, err := c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: sdkaws.String(key)})
		if err == nil && (out.KeyMetadata == nil || out.KeyMetadata.KeyManager == "") {
			err = errMissing("KeyMetadata.KeyManager")
		}
		if err == nil {
			a.customer = out.KeyMetadata.KeyManager == kmstypes.KeyManagerTypeCustomer
		}
		a.err = err
	})
	return a.customer, a.err
}

// setCustomerManagedKey sets res's customer_managed_key for the key that
// encrypts it ("" is none: false); what names the resource in a failure.
func (r *run) setCustomerManagedKey(ctx context.Context, c describeKeyAPI, sc evidence.Scope, res evidence.Resource, key, what string) {
	if key == "" {
		res.Attributes["customer_managed_key"] = false
		return
	}
	customer, err := r.keys.customerManaged(ctx, c, sc, key)
	if err != nil {
		res.Unknown["customer_managed_key"] = r.unknownReason(sc, "key manager of "+what, "kms:DescribeKey", err)
		return
	}
	res.Attributes["customer_managed_key"] = customer
}
