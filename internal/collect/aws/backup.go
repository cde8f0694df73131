package aws

import (
	"context"
	"fmt"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/backup"
	bktypes "github.com/aws/aws-sdk-go-v2/service/backup/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// backupPlans lists the region's backup plans with their rules
// (GetBackupPlan per plan) and each plan's selections (ListBackupSelections
// per plan, GetBackupSelection per selection). A plan listing that fails
// leaves both types not collected: selections are only ever found through
// their plan. One plan's selections that cannot be listed leave the
// selections not collected for the region, since the ones of the other
// plans would read as all of them.
func (r *run) backupPlans(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := backup.NewFromConfig(cfg)
	var plans []bktypes.BackupPlansListMember
	err := listAll(ctx, backup.NewListBackupPlansPaginator(c, &backup.ListBackupPlansInput{}), func(page *backup.ListBackupPlansOutput) (*string, error) {
		if page.BackupPlansList == nil {
			return nil, errMissing("BackupPlansList")
		}
		plans = append(plans, page.BackupPlansList...)
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeBackupPlan, sc, "backup:ListBackupPlans", err)
		r.gap(ctx, TypeBackupSelection, sc, "backup:ListBackupPlans", err)
		return nil
	}
	if err := describeEach(ctx, r, plans, func(ctx context.Context, p bktypes.BackupPlansListMember) evidence.Resource {
		return r.backupPlan(ctx, c, sc, p)
	}); err != nil {
		return fmt.Errorf("describe backup plans: %w", err)
	}
	var selections []selectionRef
	for _, p := range plans {
		id, arn := sdkaws.ToString(p.BackupPlanId), backupPlanARN(sc, p)
		err := listAll(ctx, backup.NewListBackupSelectionsPaginator(c, &backup.ListBackupSelectionsInput{BackupPlanId: sdkaws.String(id)}), func(page *backup.ListBackupSelectionsOutput) (*string, error) {
			if page.BackupSelectionsList == nil {
				return nil, errMissing("BackupSelectionsList")
			}
			for _, s := range page.BackupSelectionsList {
				selections = append(selections, selectionRef{planID: id, planARN: arn, member: s})
			}
			return page.NextToken, nil
		})
		if err != nil {
			r.gap(ctx, TypeBackupSelection, sc, "backup:ListBackupSelections", err)
			return nil
		}
	}
	return describeEach(ctx, r, selections, func(ctx context.Context, s selectionRef) evidence.Resource {
		return r.backupSelection(ctx, c, sc, s)
	})
}

// selectionRef is one listed selection with the plan it belongs to.
type selectionRef struct {
	planID, planARN string
	member          bktypes.BackupSelectionsListMember
}

func backupPlanARN(sc evidence.Scope, p bktypes.BackupPlansListMember) string {
	if arn := sdkaws.ToString(p.BackupPlanArn); arn != "" {
		return arn
	}
	return "arn:" + partition(sc.Region) + ":backup:" + sc.Region + ":" + sc.AccountID + ":backup-plan:" + sdkaws.ToString(p.BackupPlanId)
}

func (r *run) backupPlan(ctx context.Context, c *backup.Client, sc evidence.Scope, p bktypes.BackupPlansListMember) evidence.Resource {
	id, arn := sdkaws.ToString(p.BackupPlanId), backupPlanARN(sc, p)
	res := evidence.Resource{Type: TypeBackupPlan, ID: arn, Scope: sc, Unknown: map[string]string{},
		Attributes: map[string]any{"name": sdkaws.ToString(p.BackupPlanName), "plan_id": id, "arn": arn}}
	out, err := c.GetBackupPlan(ctx, &backup.GetBackupPlanInput{BackupPlanId: sdkaws.String(id)})
	if err == nil && (out.BackupPlan == nil || out.BackupPlan.Rules == nil) {
		err = errMissing("BackupPlan.Rules")
	}
	if err != nil {
		res.Unknown["rules"] = r.unknownReason(sc, "rules of backup plan "+id, "backup:GetBackupPlan", err)
		return res
	}
	rules := make([]map[string]any, 0, len(out.BackupPlan.Rules))
	for _, rule := range out.BackupPlan.Rules {
		m := map[string]any{
			"name":         sdkaws.ToString(rule.RuleName),
			"target_vault": sdkaws.ToString(rule.TargetBackupVaultName),
			"continuous":   sdkaws.ToBool(rule.EnableContinuousBackup),
		}
		if s := sdkaws.ToString(rule.ScheduleExpression); s != "" {
			m["schedule"] = s
		}
		lifecycleDays(m, rule.Lifecycle)
		copies := make([]map[string]any, 0, len(rule.CopyActions))
		for _, ca := range rule.CopyActions {
			cm := map[string]any{"destination_vault_arn": sdkaws.ToString(ca.DestinationBackupVaultArn), "expires": false}
			if ca.Lifecycle != nil && ca.Lifecycle.DeleteAfterDays != nil {
				cm["delete_after_days"], cm["expires"] = *ca.Lifecycle.DeleteAfterDays, true
			}
			copies = append(copies, cm)
		}
		m["copy_actions"] = copies
		rules = append(rules, m)
	}
	res.Attributes["rules"] = rules
	return res
}

// lifecycleDays copies the two lifecycle days a rule may set. An absent
// DeleteAfterDays keeps recovery points until they are deleted by hand:
// said by expires = false, not by the absence alone, so that a day count
// lost on the way never reads as "kept for ever".
func lifecycleDays(m map[string]any, lc *bktypes.Lifecycle) {
	m["expires"] = false
	if lc == nil {
		return
	}
	if lc.DeleteAfterDays != nil {
		m["delete_after_days"], m["expires"] = *lc.DeleteAfterDays, true
	}
	if lc.MoveToColdStorageAfterDays != nil {
		m["move_to_cold_storage_after_days"] = *lc.MoveToColdStorageAfterDays
	}
}

// selectionFields are the attributes one GetBackupSelection says; a failed
// call leaves all of them unknown, since any of them may decide membership.
var selectionFields = []string{"iam_role_arn", "resources", "not_resources", "tags", "conditions"}

func (r *run) backupSelection(ctx context.Context, c *backup.Client, sc evidence.Scope, s selectionRef) evidence.Resource {
	id := sdkaws.ToString(s.member.SelectionId)
	res := evidence.Resource{Type: TypeBackupSelection, ID: s.planARN + "/selection/" + id, Scope: sc, Unknown: map[string]string{},
		Attributes: map[string]any{"name": sdkaws.ToString(s.member.SelectionName), "selection_id": id, "plan": s.planARN}}
	out, err := c.GetBackupSelection(ctx, &backup.GetBackupSelectionInput{BackupPlanId: sdkaws.String(s.planID), SelectionId: sdkaws.String(id)})
	if err == nil && out.BackupSelection == nil {
		err = errMissing("BackupSelection")
	}
	if err != nil {
		why := r.unknownReason(sc, "backup selection "+id, "backup:GetBackupSelection", err)
		for _, f := range selectionFields {
			res.Unknown[f] = why
		}
		return res
	}
	sel := out.BackupSelection
	res.Attributes["iam_role_arn"] = sdkaws.ToString(sel.IamRoleArn)
	res.Attributes["resources"] = nonNil(sel.Resources)
	res.Attributes["not_resources"] = nonNil(sel.NotResources)
	tags := make([]map[string]any, 0, len(sel.ListOfTags))
	for _, t := range sel.ListOfTags {
		tags = append(tags, map[string]any{"type": string(t.ConditionType), "key": sdkaws.ToString(t.ConditionKey), "value": sdkaws.ToString(t.ConditionValue)})
	}
	res.Attributes["tags"] = tags
	conds := []map[string]any{}
	if cs := sel.Conditions; cs != nil {
		for _, group := range []struct {
			op     string
			params []bktypes.ConditionParameter
		}{{"string_equals", cs.StringEquals}, {"string_not_equals", cs.StringNotEquals}, {"string_like", cs.StringLike}, {"string_not_like", cs.StringNotLike}} {
			for _, p := range group.params {
				conds = append(conds, map[string]any{"operator": group.op, "key": sdkaws.ToString(p.ConditionKey), "value": sdkaws.ToString(p.ConditionValue)})
			}
		}
	}
	res.Attributes["conditions"] = conds
	return res
}

// backupVaults lists the region's vaults with their lock, key and access
// policy. ResourceNotFoundException from GetBackupVaultAccessPolicy is the
// service saying the vault has no policy — a fact; any other failure
// leaves the policy unknown.
func (r *run) backupVaults(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := backup.NewFromConfig(cfg)
	var vaults []bktypes.BackupVaultListMember
	err := listAll(ctx, backup.NewListBackupVaultsPaginator(c, &backup.ListBackupVaultsInput{}), func(page *backup.ListBackupVaultsOutput) (*string, error) {
		if page.BackupVaultList == nil {
			return nil, errMissing("BackupVaultList")
		}
		vaults = append(vaults, page.BackupVaultList...)
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeBackupVault, sc, "backup:ListBackupVaults", err)
		return nil
	}
	keys := kms.NewFromConfig(cfg)
	return describeEach(ctx, r, vaults, func(ctx context.Context, v bktypes.BackupVaultListMember) evidence.Resource {
		return r.backupVault(ctx, c, keys, sc, v)
	})
}

func (r *run) backupVault(ctx context.Context, c *backup.Client, keys *kms.Client, sc evidence.Scope, v bktypes.BackupVaultListMember) evidence.Resource {
	name := sdkaws.ToString(v.BackupVaultName)
	arn := sdkaws.ToString(v.BackupVaultArn)
	if arn == "" {
		arn = "arn:" + partition(sc.Region) + ":backup:" + sc.Region + ":" + sc.AccountID + ":backup-vault:" + name
	}
	res := evidence.Resource{Type: TypeBackupVault, ID: arn, Scope: sc, Unknown: map[string]string{},
		Attributes: map[string]any{"name": name, "arn": arn, "recovery_points": v.NumberOfRecoveryPoints}}
	if v.Locked != nil {
		res.Attributes["locked"] = *v.Locked
	} else {
		res.Unknown["locked"] = r.unknownReason(sc, "lock of backup vault "+name, "backup:ListBackupVaults", errMissing("Locked"))
	}
	if v.MinRetentionDays != nil {
		res.Attributes["min_retention_days"] = *v.MinRetentionDays
	}
	if v.MaxRetentionDays != nil {
		res.Attributes["max_retention_days"] = *v.MaxRetentionDays
	}
	if t := rfc3339(v.LockDate); t != "" {
		res.Attributes["lock_date"] = t
	}
	r.vaultKey(ctx, keys, sc, res, v)
	out, err := c.GetBackupVaultAccessPolicy(ctx, &backup.GetBackupVaultAccessPolicyInput{BackupVaultName: sdkaws.String(name)})
	if err == nil && out.Policy == nil {
		// A vault without a policy is a ResourceNotFoundException; an
		// answer without one is broken, not "no policy".
		err = errMissing("Policy")
	}
	switch {
	case hasCode(err, "ResourceNotFoundException"):
		res.Attributes["policy"] = map[string]any{"present": false}
	case err != nil:
		res.Unknown["policy"] = r.unknownReason(sc, "access policy of backup vault "+name, "backup:GetBackupVaultAccessPolicy", err)
	default:
		if pol, why := resourcePolicy(out.Policy); why != "" {
			res.Unknown["policy"] = why
		} else {
			res.Attributes["policy"] = pol
		}
	}
	return res
}

// vaultKey fills encryption_key_arn and customer_managed_key. Newer
// answers say the key type; without it the run's one key lookup
// (keymanager.go) tells the AWS-managed aws/backup key from a customer's
// (the ARN alone does not).
func (r *run) vaultKey(ctx context.Context, keys *kms.Client, sc evidence.Scope, res evidence.Resource, v bktypes.BackupVaultListMember) {
	name := sdkaws.ToString(v.BackupVaultName)
	key := sdkaws.ToString(v.EncryptionKeyArn)
	if key != "" {
		res.Attributes["encryption_key_arn"] = key
	}
	switch v.EncryptionKeyType {
	case bktypes.EncryptionKeyTypeCustomerManagedKmsKey:
		res.Attributes["customer_managed_key"] = true
		return
	case bktypes.EncryptionKeyTypeAwsOwnedKmsKey:
		res.Attributes["customer_managed_key"] = false
		return
	}
	if key == "" {
		why := r.unknownReason(sc, "key of backup vault "+name, "backup:ListBackupVaults", errMissing("EncryptionKeyArn"))
		res.Unknown["encryption_key_arn"], res.Unknown["customer_managed_key"] = why, why
		return
	}
	r.setCustomerManagedKey(ctx, keys, sc, res, key, "backup vault "+name)
}

// protectedResources lists what AWS Backup has backed up in the region,
// with each resource's latest recovery point.
func (r *run) protectedResources(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	var out []evidence.Resource
	err := listAll(ctx, backup.NewListProtectedResourcesPaginator(backup.NewFromConfig(cfg), &backup.ListProtectedResourcesInput{}), func(page *backup.ListProtectedResourcesOutput) (*string, error) {
		if page.Results == nil {
			return nil, errMissing("Results")
		}
		for _, p := range page.Results {
			arn := sdkaws.ToString(p.ResourceArn)
			if arn == "" {
				return nil, errMissing("Results.ResourceArn")
			}
			attrs := map[string]any{"resource_arn": arn, "resource_type": sdkaws.ToString(p.ResourceType)}
			for k, v := range map[string]string{"resource_name": sdkaws.ToString(p.ResourceName), "last_backup_time": rfc3339(p.LastBackupTime), "last_backup_vault_arn": sdkaws.ToString(p.LastBackupVaultArn)} {
				if v != "" {
					attrs[k] = v
				}
			}
			out = append(out, evidence.Resource{Type: TypeBackupProtectedResource, ID: arn + "#backup", Scope: sc, Attributes: attrs})
		}
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeBackupProtectedResource, sc, "backup:ListProtectedResources", err)
		return nil
	}
	for _, res := range out {
		r.add(res)
	}
	return nil
}
