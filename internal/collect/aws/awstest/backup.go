package awstest

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// BackupPlan is an AWS Backup plan of the estate with its rules and
// resource assignments (selections).
type BackupPlan struct {
	ID, Name   string
	Rules      []BackupRule
	Selections []BackupSelection
}

// BackupRule is one rule of a plan; a zero day count is absent.
type BackupRule struct {
	Name, Vault, Schedule  string
	DeleteAfter, ColdAfter int
	Continuous             bool
	CopyTo                 string // destination vault ARN, "" when no copy
	CopyDeleteAfter        int
}

// BackupSelection assigns resources to a plan: by ARN (or pattern), by
// tag, narrowed by conditions.
type BackupSelection struct {
	ID, Name     string
	Resources    []string
	NotResources []string
	Tags         []BackupTag // ListOfTags
	StringEquals []BackupTag // Conditions.StringEquals
}

// BackupTag is a tag condition (key, value).
type BackupTag struct{ Key, Value string }

// BackupVault is a backup vault; KeyID is a key of the region's Keys.
type BackupVault struct {
	Name, KeyID      string
	KeyType          string // EncryptionKeyType, "" when the answer leaves it out
	Locked           bool
	MinDays, MaxDays int // the vault lock's retention, 0 = absent
	LockDate         time.Time
	Policy           string // access policy JSON, "" = none
	RecoveryPoints   int
}

// ProtectedResource is a resource AWS Backup has backed up.
type ProtectedResource struct {
	ARN, Type, Name string
	LastBackup      time.Time
	Vault           string // the vault's name
}

// backupOperation names an AWS Backup REST request by method and path.
func backupOperation(c *call) string {
	if c.r.Method != http.MethodGet {
		return ""
	}
	parts := strings.Split(strings.Trim(c.r.URL.Path, "/"), "/")
	switch {
	case len(parts) == 2 && parts[0] == "backup" && parts[1] == "plans":
		return "ListBackupPlans"
	case len(parts) == 3 && parts[0] == "backup" && parts[1] == "plans":
		return "GetBackupPlan"
	case len(parts) == 4 && parts[0] == "backup" && parts[3] == "selections":
		return "ListBackupSelections"
	case len(parts) == 5 && parts[0] == "backup" && parts[3] == "selections":
		return "GetBackupSelection"
	case len(parts) == 1 && parts[0] == "backup-vaults":
		return "ListBackupVaults"
	case len(parts) == 3 && parts[0] == "backup-vaults" && parts[2] == "access-policy":
		return "GetBackupVaultAccessPolicy"
	case len(parts) == 1 && parts[0] == "resources":
		return "ListProtectedResources"
	}
	return ""
}

func (s *Server) backup(c *call) error {
	reg := c.regionData()
	const t = "application/json"
	parts := strings.Split(strings.Trim(c.r.URL.Path, "/"), "/")
	for i := range parts {
		p, err := url.PathUnescape(parts[i])
		if err != nil {
			return fmt.Errorf("backup: path: %w", err)
		}
		parts[i] = p
	}
	base := map[string]any{"Account": c.account.ID, "Region": c.region}
	token := c.r.URL.Query().Get("nextToken")
	plan := func() *BackupPlan {
		for i := range reg.BackupPlans {
			if reg.BackupPlans[i].ID == parts[2] {
				return &reg.BackupPlans[i]
			}
		}
		s.fail(c, http.StatusBadRequest, "ResourceNotFoundException", "Failed reading Backup plan with provided version")
		return nil
	}
	switch c.op {
	case "ListBackupPlans":
		base["Items"], base["NextToken"] = page(c, reg.BackupPlans, token, s.faults.PageSize)
		return render(c, t, "backup/ListBackupPlans", base)
	case "GetBackupPlan":
		if p := plan(); p != nil {
			base["Plan"] = p
			return render(c, t, "backup/GetBackupPlan", base)
		}
		return nil
	case "ListBackupSelections":
		if p := plan(); p != nil {
			base["Plan"] = p
			base["Items"], base["NextToken"] = page(c, p.Selections, token, s.faults.PageSize)
			return render(c, t, "backup/ListBackupSelections", base)
		}
		return nil
	case "GetBackupSelection":
		p := plan()
		if p == nil {
			return nil
		}
		for _, sel := range p.Selections {
			if sel.ID != parts[4] {
				continue
			}
			base["Plan"], base["Selection"] = p, sel
			return render(c, t, "backup/GetBackupSelection", base)
		}
		s.fail(c, http.StatusBadRequest, "ResourceNotFoundException", "Backup selection not found")
		return nil
	case "ListBackupVaults":
		base["Items"], base["NextToken"] = page(c, reg.BackupVaults, token, s.faults.PageSize)
		return render(c, t, "backup/ListBackupVaults", base)
	case "GetBackupVaultAccessPolicy":
		for _, v := range reg.BackupVaults {
			if v.Name != parts[1] {
				continue
			}
			if v.Policy == "" {
				// What AWS Backup answers for a vault without a policy.
				s.fail(c, http.StatusBadRequest, "ResourceNotFoundException", "Backup Vault "+v.Name+" has no access policy")
				return nil
			}
			base["Vault"] = v
			return render(c, t, "backup/GetBackupVaultAccessPolicy", base)
		}
		s.fail(c, http.StatusBadRequest, "ResourceNotFoundException", "Backup vault not found")
		return nil
	case "ListProtectedResources":
		base["Items"], base["NextToken"] = page(c, reg.Protected, token, s.faults.PageSize)
		return render(c, t, "backup/ListProtectedResources", base)
	}
	return fmt.Errorf("backup: unsupported request %s %s", c.r.Method, c.r.URL.Path)
}

// The vault access policies of the sample estate: one that only denies
// deleting recovery points, one that lets another account copy in and
// anyone read.
const (
	vaultDenyDeletePolicy = `{"Version":"2012-10-17","Statement":[{"Sid":"no-delete","Effect":"Deny","Principal":"*","Action":["backup:DeleteRecoveryPoint","backup:UpdateRecoveryPointLifecycle"],"Resource":"*"}]}`
	vaultSharedPolicy     = `{"Version":"2012-10-17","Statement":[{"Sid":"partner-copy","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"backup:CopyIntoBackupVault","Resource":"*"},{"Sid":"anyone-reads","Effect":"Allow","Principal":"*","Action":"backup:DescribeRecoveryPoint","Resource":"*"}]}`
)

// sampleBackup is the AWS Backup of the sample estate's eu-west-1: the
// daily plan assigns the hardened data stores by ARN (and every EFS file
// system by pattern, minus the legacy one) and keeps them 35 days with a
// copy to us-east-1; the scratch plan keeps a week. Vaults: the main one
// under a customer key and locked, the default one under aws/backup
// without a lock, and one shared with a partner and readable by anyone.
func sampleBackup(r *Region) {
	const acct, region = SampleAccount, "eu-west-1"
	arn := func(service, rest string) string {
		return "arn:aws:" + service + ":" + region + ":" + acct + ":" + rest
	}
	r.BackupPlans = []BackupPlan{
		{ID: "8ba2fcb4-9f18-4b4b-b6a8-1c6a1d0c9c1e", Name: "daily", Rules: []BackupRule{{
			Name: "daily-35d", Vault: "acme-main", Schedule: "cron(0 5 ? * * *)", DeleteAfter: 35, Continuous: true,
			CopyTo: "arn:aws:backup:us-east-1:" + acct + ":backup-vault:acme-dr", CopyDeleteAfter: 90,
		}}, Selections: []BackupSelection{
			{ID: "6f1c3e0a-4d2b-4a7e-9c61-0b5a8d2e7f10", Name: "data-stores", Resources: []string{
				arn("rds", "db:orders"), arn("rds", "cluster:reports"), arn("dynamodb", "table/orders"), arn("ec2", "volume/vol-0enc"),
				arn("elasticfilesystem", "file-system/*"),
			}, NotResources: []string{arn("elasticfilesystem", "file-system/fs-0legacy")}},
		}},
		{ID: "2d7e9a41-5c3b-4f08-8e1d-9a6b4c2f0e35", Name: "scratch-weekly", Rules: []BackupRule{{
			Name: "weekly-7d", Vault: "Default", Schedule: "cron(0 3 ? * SUN *)", DeleteAfter: 7,
		}}, Selections: []BackupSelection{
			{ID: "b3e0d6c2-1a9f-4e75-8d40-7c2b5e9a1f63", Name: "scratch", Resources: []string{arn("dynamodb", "table/scratch")}},
		}},
	}
	r.BackupVaults = []BackupVault{
		{Name: "acme-main", KeyID: "1234abcd-12ab-34cd-56ef-1234567890ab", Locked: true, MinDays: 30, MaxDays: 365, LockDate: day("2026-03-01"), Policy: vaultDenyDeletePolicy, RecoveryPoints: 412},
		{Name: "Default", KeyID: "aaaa1111-2222-3333-4444-555566667777", RecoveryPoints: 4},
		{Name: "partner-share", KeyID: "1234abcd-12ab-34cd-56ef-1234567890ab", Policy: vaultSharedPolicy},
	}
	r.Protected = []ProtectedResource{
		{ARN: arn("rds", "db:orders"), Type: "RDS", Name: "orders", LastBackup: day("2026-11-30"), Vault: "acme-main"},
		{ARN: arn("rds", "cluster:reports"), Type: "Aurora", Name: "reports", LastBackup: day("2026-11-30"), Vault: "acme-main"},
		{ARN: arn("dynamodb", "table/orders"), Type: "DynamoDB", Name: "orders", LastBackup: day("2026-11-29"), Vault: "acme-main"},
		{ARN: arn("ec2", "volume/vol-0enc"), Type: "EBS", Name: "vol-0enc", LastBackup: day("2026-09-14"), Vault: "acme-main"},
		{ARN: arn("elasticfilesystem", "file-system/fs-0shared"), Type: "EFS", Name: "shared", LastBackup: day("2026-11-30"), Vault: "acme-main"},
	}
}

// sampleBackupDR is us-east-1's: the copy target, and a plan that
// assigns by tag and condition (which the controls cannot evaluate
// without resource tags).
func sampleBackupDR(r *Region) {
	r.BackupVaults = []BackupVault{{Name: "acme-dr", KeyID: "5555eeee-6666-7777-8888-9999aaaabbbb", KeyType: "CUSTOMER_MANAGED_KMS_KEY", Locked: true, MinDays: 90}}
	r.BackupPlans = []BackupPlan{{ID: "c4a1f7e2-3b6d-4e9a-8f05-1d2c7b9e4a68", Name: "tagged", Rules: []BackupRule{{
		Name: "monthly", Vault: "acme-dr", Schedule: "cron(0 4 1 * ? *)", DeleteAfter: 365, ColdAfter: 30,
	}}, Selections: []BackupSelection{{ID: "e9b2c5a8-7d1f-4a63-b0e4-2f8c6a1d9b57", Name: "by-tag", Resources: []string{"*"},
		Tags: []BackupTag{{Key: "backup", Value: "monthly"}}, StringEquals: []BackupTag{{Key: "env", Value: "prod"}}}}}}
}
