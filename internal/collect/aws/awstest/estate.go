package awstest

import (
	"fmt"
	"time"
)

// Keys and accounts of the sample estate.
const (
	SampleAccount   = "111122223333"
	SampleKey       = "AKIAIOSFODNN7EXAMPLE"
	SampleSecret    = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	RoleAccount     = "444455556666"
	SampleRole      = "arn:aws:iam::444455556666:role/rampart-audit"
	RoleAccountKey  = "AKIAI44QH8DHBEXAMPLE"
	DisabledRegion  = "ap-east-1"
	adminPolicyJSON = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	readPolicyJSON  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}]}`
	tlsPolicyJSON   = `{"Version":"2012-10-17","Statement":[{"Sid":"TLS","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::acme-logs","arn:aws:s3:::acme-logs/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	publicPolicy    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-site/*"}]}`
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err) // constant input
	}
	return t
}

// Sample is a small estate with one good and one bad example of every
// setting the controls look at. Each call returns a fresh copy.
func Sample() *Estate {
	all := &PublicAccessBlock{true, true, true, true}
	main := &Account{
		ID: SampleAccount, AccessKeyID: SampleKey,
		DisabledRegions: []string{DisabledRegion},
		Users: []User{
			{Name: "alice", Created: day("2024-01-02"), Password: true, MFASerials: []string{"arn:aws:iam::111122223333:mfa/alice"},
				AccessKeys: []AccessKey{{ID: "AKIAALICE0000000001", Active: true, Created: day("2025-01-01"), LastUsed: day("2026-11-01")}},
				Groups:     []string{"developers"}, Attached: []string{"arn:aws:iam::111122223333:policy/read-only"}},
			{Name: "bob", Created: day("2024-02-03"), Password: true, InlineNames: []string{"bob-extra"}},
			{Name: "ci", Created: day("2024-03-04"), AccessKeys: []AccessKey{
				{ID: "AKIACI0000000000001", Active: true, Created: day("2026-10-01")},
				{ID: "AKIACI0000000000002", Active: false, Created: day("2023-10-01")},
			}, Attached: []string{"arn:aws:iam::111122223333:policy/admin-all"}},
		},
		Policies: []Policy{
			{Name: "admin-all", Attachments: 1, Document: adminPolicyJSON},
			{Name: "read-only", Attachments: 1, Document: readPolicyJSON},
		},
		Buckets: []Bucket{
			{Name: "acme-logs", Region: "eu-west-1", Created: day("2024-05-06"), SSEAlgorithm: "aws:kms",
				KMSKeyID: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", PublicAccess: all,
				Versioning: "Enabled", LogTarget: "acme-access-logs", Policy: tlsPolicyJSON},
			{Name: "acme-site", Region: "us-east-1", Created: day("2024-07-08"), SSEAlgorithm: "AES256", Policy: publicPolicy, PublicRead: true},
		},
		PasswordPolicy: &PasswordPolicy{MinLength: 8, Symbols: true, Numbers: true, Uppercase: true, Lowercase: true, AllowChange: true},
		RootMFA:        true,
		PublicAccess:   all,
		Regions: map[string]*Region{
			"eu-west-1": {
				SecurityGroups: []SecurityGroup{
					{ID: "sg-0default", Name: "default", VPC: "vpc-0main", Ingress: []Rule{{Protocol: "-1", SourceSGID: "sg-0default"}}},
					{ID: "sg-0web", Name: "web", VPC: "vpc-0main", Ingress: []Rule{
						{Protocol: "tcp", From: 443, To: 443, HasPorts: true, CIDRs: []string{"0.0.0.0/0"}, IPv6CIDRs: []string{"::/0"}},
						{Protocol: "tcp", From: 22, To: 22, HasPorts: true, CIDRs: []string{"0.0.0.0/0"}},
					}},
					{ID: "sg-0db", Name: "db", VPC: "vpc-0main", Ingress: []Rule{{Protocol: "tcp", From: 3306, To: 3306, HasPorts: true, CIDRs: []string{"10.0.0.0/16"}}}},
				},
				Instances: []Instance{{ID: "i-0aaa", PublicIP: "203.0.113.10", HTTPTokens: "optional"}, {ID: "i-0bbb", HTTPTokens: "required"}},
				Volumes:   []Volume{{ID: "vol-0enc", Encrypted: true, Size: 8}, {ID: "vol-0plain", Size: 100}},
				VPCs:      []VPC{{ID: "vpc-0main", FlowLogID: "fl-0main"}, {ID: "vpc-0default", Default: true}},
				Trails:    []Trail{{Name: "org-trail", MultiRegion: true, Validation: true, KMSKeyID: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", Logging: true, Bucket: "acme-logs"}},
				Keys: []Key{
					{ID: "1234abcd-12ab-34cd-56ef-1234567890ab", Customer: true, Spec: "SYMMETRIC_DEFAULT", Rotation: true},
					{ID: "0987dcba-09fe-87dc-65ba-ab0987654321", Customer: true, Spec: "SYMMETRIC_DEFAULT"},
					{ID: "aaaa1111-2222-3333-4444-555566667777", Spec: "SYMMETRIC_DEFAULT", Rotation: true},
				},
				DBs:        []DB{{ID: "orders", Encrypted: true, BackupDays: 7, DeletionGuard: true}, {ID: "legacy", Public: true}},
				EBSDefault: true,
				GuardDuty:  "ENABLED",
				Recorder:   &Recorder{Name: "default", Recording: true, AllSupported: true, Global: true},
			},
			"us-east-1": {
				SecurityGroups: []SecurityGroup{{ID: "sg-1default", Name: "default", VPC: "vpc-1default"}},
				VPCs:           []VPC{{ID: "vpc-1default", Default: true}},
				Trails:         []Trail{{Name: "local-trail", Bucket: "acme-logs"}},
			},
		},
	}
	other := &Account{
		ID: RoleAccount, AccessKeyID: RoleAccountKey, Roles: []string{SampleRole},
		Regions: map[string]*Region{"eu-west-1": {
			SecurityGroups: []SecurityGroup{{ID: "sg-2default", Name: "default", VPC: "vpc-2default"}},
		}},
		SecurityContact: "security@example.com",
	}
	return &Estate{Accounts: []*Account{main, other}}
}

// Generate builds one account with n resources spread over regions, for
// the benchmark: per region a mix of security groups, instances, volumes,
// VPCs, KMS keys and databases, plus users and buckets in the account.
func Generate(accountID, key string, regions []string, n int) *Estate {
	a := &Account{ID: accountID, AccessKeyID: key, Regions: map[string]*Region{}, RootMFA: true,
		PasswordPolicy: &PasswordPolicy{MinLength: 14, AllowChange: true, ReusePrevent: 24}}
	// 10% users, 10% buckets, the rest regional.
	users, buckets := n/10, n/10
	for i := range users {
		a.Users = append(a.Users, User{Name: fmt.Sprintf("user-%05d", i), Created: day("2024-01-01"), Password: i%2 == 0,
			MFASerials: []string{fmt.Sprintf("arn:aws:iam::%s:mfa/user-%05d", accountID, i)},
			AccessKeys: []AccessKey{{ID: fmt.Sprintf("AKIA%016d", i), Active: true, Created: day("2026-01-01")}}})
	}
	for i := range buckets {
		a.Buckets = append(a.Buckets, Bucket{Name: fmt.Sprintf("bucket-%05d", i), Region: regions[i%len(regions)], Created: day("2024-01-01"),
			SSEAlgorithm: "AES256", PublicAccess: &PublicAccessBlock{true, true, true, true}, Versioning: "Enabled"})
	}
	rest := n - users - buckets
	for i, name := range regions {
		r := &Region{EBSDefault: true, GuardDuty: "ENABLED", Recorder: &Recorder{Name: "default", Recording: true, AllSupported: true, Global: true}}
		share := rest / len(regions)
		if i < rest%len(regions) {
			share++
		}
		for j := range share {
			id := fmt.Sprintf("%s-%05d", name, j)
			switch j % 6 {
			case 0:
				r.SecurityGroups = append(r.SecurityGroups, SecurityGroup{ID: "sg-" + id, Name: "g-" + id, VPC: "vpc-x",
					Ingress: []Rule{{Protocol: "tcp", From: 443, To: 443, HasPorts: true, CIDRs: []string{"0.0.0.0/0"}}}})
			case 1:
				r.Instances = append(r.Instances, Instance{ID: "i-" + id, HTTPTokens: "required"})
			case 2:
				r.Volumes = append(r.Volumes, Volume{ID: "vol-" + id, Encrypted: true, Size: 8})
			case 3:
				r.VPCs = append(r.VPCs, VPC{ID: "vpc-" + id, FlowLogID: "fl-" + id})
			case 4:
				r.Keys = append(r.Keys, Key{ID: "key-" + id, Customer: true, Spec: "SYMMETRIC_DEFAULT", Rotation: true})
			case 5:
				r.DBs = append(r.DBs, DB{ID: "db-" + id, Encrypted: true, BackupDays: 7, DeletionGuard: true})
			}
		}
		a.Regions[name] = r
	}
	return &Estate{Accounts: []*Account{a}}
}
