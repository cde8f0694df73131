package aws

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"golang.org/x/sync/errgroup"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// reportRow is one line of the IAM credential report, by column name.
type reportRow map[string]string

// authDetailsAction is the one permission the account-wide IAM listing needs.
const authDetailsAction = "iam:GetAccountAuthorizationDetails"

// authDetailsTypes are the types that come from GetAccountAuthorizationDetails:
// when it fails, none of them is known.
var authDetailsTypes = []string{TypeIAMUser, TypeIAMRole, TypeIAMGroup, TypeIAMPolicy}

// authDetails is an account's GetAccountAuthorizationDetails, all pages.
type authDetails struct {
	users    []iamtypes.UserDetail
	groups   []iamtypes.GroupDetail
	roles    []iamtypes.RoleDetail
	policies []iamtypes.ManagedPolicyDetail
}

// collectIAM reads the credential report (root user, console passwords),
// then users, groups, roles and managed policies with their documents in
// one paginated GetAccountAuthorizationDetails, the roles' maximum session
// (the one role setting that answer lacks) from ListRoles, then each
// user's MFA devices and keys, which no account-wide call serves.
func (r *run) collectIAM(ctx context.Context, c *iam.Client, sc evidence.Scope, acct *accountState) error {
	report, reportErr := credentialReport(ctx, c)
	var reportReason string
	if reportErr != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		reportReason = r.unknownReason(sc, "credential report", "iam:GenerateCredentialReport and iam:GetCredentialReport", reportErr)
		acct.unknownAttr("root", reportReason)
	} else if root, ok := report["<root_account>"]; ok {
		acct.set("root", rootAttrs(root))
	} else {
		acct.unknownAttr("root", "the credential report has no <root_account> row")
	}

	d, err := authorizationDetails(ctx, c)
	if err != nil {
		for _, typ := range authDetailsTypes {
			r.gap(ctx, typ, sc, authDetailsAction, err)
		}
		if ctx.Err() == nil {
			acct.unknownAttr("support_roles", unknownText(authDetailsAction, err))
		}
		return nil
	}
	acct.set("support_roles", supportRoles(d))
	for _, g := range d.groups {
		r.add(groupResource(sc, g, d.users))
	}
	sessions, sessionsReason := r.maxSessions(ctx, c, sc)
	for _, role := range d.roles {
		r.add(roleResource(sc, role, sessions, sessionsReason))
	}
	attached := attachedARNs(d)
	for _, pol := range d.policies {
		if keepPolicy(pol, attached) {
			r.add(policyResource(sc, pol))
		}
	}

	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.opts.Concurrency)
	for _, u := range d.users {
		g.Go(func() error {
			res := r.userResource(gctx, c, sc, u, report, reportReason)
			if gctx.Err() == nil {
				r.add(res)
			}
			return nil
		})
	}
	return g.Wait()
}

// authorizationDetails reads every page of GetAccountAuthorizationDetails
// with every entity filter. A page that fails, or a Marker handed out
// twice, fails the whole listing: a part of it would be a silent gap.
func authorizationDetails(ctx context.Context, c *iam.Client) (authDetails, error) {
	var d authDetails
	p := iam.NewGetAccountAuthorizationDetailsPaginator(c, &iam.GetAccountAuthorizationDetailsInput{
		Filter: []iamtypes.EntityType{
			iamtypes.EntityTypeUser, iamtypes.EntityTypeRole, iamtypes.EntityTypeGroup,
			iamtypes.EntityTypeLocalManagedPolicy, iamtypes.EntityTypeAWSManagedPolicy,
		},
	})
	err := listAll(ctx, p, func(page *iam.GetAccountAuthorizationDetailsOutput) (*string, error) {
		d.users = append(d.users, page.UserDetailList...)
		d.groups = append(d.groups, page.GroupDetailList...)
		d.roles = append(d.roles, page.RoleDetailList...)
		d.policies = append(d.policies, page.Policies...)
		return truncated(page.IsTruncated, page.Marker), nil
	})
	if err != nil {
		return authDetails{}, err
	}
	return d, nil
}

func (r *run) userResource(ctx context.Context, c *iam.Client, sc evidence.Scope, u iamtypes.UserDetail, report map[string]reportRow, reportReason string) evidence.Resource {
	name := sdkaws.ToString(u.UserName)
	attrs := map[string]any{
		"user_name":         name,
		"arn":               sdkaws.ToString(u.Arn),
		"user_id":           sdkaws.ToString(u.UserId),
		"create_date":       rfc3339(u.CreateDate),
		"groups":            nonNil(u.GroupList),
		"attached_policies": attachedPolicies(u.AttachedManagedPolicies),
	}
	unknown := map[string]string{}
	attrs["inline_policies"] = inlinePolicies(u.UserPolicyList, unknown)

	switch row, ok := report[name]; {
	case reportReason != "":
		unknown["password_enabled"] = reportReason
	case !ok:
		// Users created after the report was generated are not in it yet.
		unknown["password_enabled"] = "the user is not in the IAM credential report yet"
	default:
		attrs["password_enabled"] = row["password_enabled"] == "true"
		if t := reportTime(row["password_last_used"]); t != "" {
			attrs["password_last_used"] = t
		}
	}

	mfa := []any{}
	err := listAll(ctx, iam.NewListMFADevicesPaginator(c, &iam.ListMFADevicesInput{UserName: u.UserName}), func(page *iam.ListMFADevicesOutput) (*string, error) {
		for _, d := range page.MFADevices {
			mfa = append(mfa, map[string]any{"serial_number": sdkaws.ToString(d.SerialNumber)})
		}
		return truncated(page.IsTruncated, page.Marker), nil
	})
	if err != nil {
		unknown["mfa_devices"] = r.unknownReason(sc, "mfa_devices of "+name, "iam:ListMFADevices", err)
		mfa = nil
	}
	if mfa != nil {
		attrs["mfa_devices"] = mfa
	}

	keys, err := r.accessKeys(ctx, c, sc, u.UserName)
	if err != nil {
		unknown["access_keys"] = err.Error()
	} else {
		attrs["access_keys"] = keys
	}
	return evidence.Resource{Type: TypeIAMUser, ID: sdkaws.ToString(u.Arn), Scope: sc, Attributes: attrs, Unknown: unknown}
}

// accessKeys lists a user's keys with their last use. Key IDs are not
// secrets (they appear in CloudTrail); the secret half is never returned by
// these APIs and never stored.
func (r *run) accessKeys(ctx context.Context, c *iam.Client, sc evidence.Scope, user *string) ([]any, error) {
	keys := []any{}
	// A key's last use that cannot be read fails the whole list, with its
	// own action named rather than the listing's.
	var lastUseErr error
	err := listAll(ctx, iam.NewListAccessKeysPaginator(c, &iam.ListAccessKeysInput{UserName: user}), func(page *iam.ListAccessKeysOutput) (*string, error) {
		for _, k := range page.AccessKeyMetadata {
			key := map[string]any{
				"access_key_id": sdkaws.ToString(k.AccessKeyId),
				"status":        string(k.Status),
				"create_date":   rfc3339(k.CreateDate),
			}
			lu, err := c.GetAccessKeyLastUsed(ctx, &iam.GetAccessKeyLastUsedInput{AccessKeyId: k.AccessKeyId})
			if err != nil {
				lastUseErr = fmt.Errorf("%s", r.unknownReason(sc, "access key last use", "iam:GetAccessKeyLastUsed", err))
				return nil, lastUseErr
			}
			// A key never used has no date: absent, and controls read that as "never".
			if lu.AccessKeyLastUsed != nil && lu.AccessKeyLastUsed.LastUsedDate != nil {
				key["last_used_date"] = rfc3339(lu.AccessKeyLastUsed.LastUsedDate)
			}
			keys = append(keys, key)
		}
		return truncated(page.IsTruncated, page.Marker), nil
	})
	if lastUseErr != nil {
		return nil, lastUseErr
	}
	if err != nil {
		return nil, fmt.Errorf("%s", r.unknownReason(sc, "access_keys of "+sdkaws.ToString(user), "iam:ListAccessKeys", err))
	}
	return keys, nil
}

func (r *run) passwordPolicy(ctx context.Context, c *iam.Client, sc evidence.Scope, acct *accountState) error {
	out, err := c.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	switch {
	case hasCode(err, "NoSuchEntity"):
		acct.set("password_policy", map[string]any{"configured": false})
	case err != nil:
		acct.unknownAttr("password_policy", r.unknownReason(sc, "password_policy", "iam:GetAccountPasswordPolicy", err))
	case out.PasswordPolicy == nil:
		// "No policy" is NoSuchEntity above; an answer without one is broken.
		acct.unknownAttr("password_policy", r.unknownReason(sc, "password_policy", "iam:GetAccountPasswordPolicy", errMissing("PasswordPolicy")))
	default:
		pp := out.PasswordPolicy
		v := map[string]any{
			"configured":                     true,
			"minimum_password_length":        int(sdkaws.ToInt32(pp.MinimumPasswordLength)),
			"require_symbols":                pp.RequireSymbols,
			"require_numbers":                pp.RequireNumbers,
			"require_uppercase_characters":   pp.RequireUppercaseCharacters,
			"require_lowercase_characters":   pp.RequireLowercaseCharacters,
			"allow_users_to_change_password": pp.AllowUsersToChangePassword,
			"expire_passwords":               pp.ExpirePasswords,
			// 0 means "no reuse prevention", which is what IAM means by absence.
			"password_reuse_prevention": int(sdkaws.ToInt32(pp.PasswordReusePrevention)),
		}
		if pp.MaxPasswordAge != nil {
			v["max_password_age"] = int(*pp.MaxPasswordAge)
		}
		acct.set("password_policy", v)
	}
	return nil
}

// credentialReport generates the IAM credential report, waits for it, and
// parses it by user name.
func credentialReport(ctx context.Context, c *iam.Client) (map[string]reportRow, error) {
	for wait := 500 * time.Millisecond; ; wait = min(wait*2, 8*time.Second) {
		g, err := c.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{})
		if err != nil {
			return nil, fmt.Errorf("generate credential report: %w", err)
		}
		if g.State == iamtypes.ReportStateTypeComplete {
			break
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
	}
	out, err := c.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	if err != nil {
		return nil, fmt.Errorf("get credential report: %w", err)
	}
	return parseCredentialReport(out.Content)
}

func parseCredentialReport(content []byte) (map[string]reportRow, error) {
	rows, err := csv.NewReader(bytes.NewReader(content)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("parse credential report: %w", err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("parse credential report: no header line")
	}
	header := rows[0]
	out := make(map[string]reportRow, len(rows)-1)
	for _, row := range rows[1:] {
		m := reportRow{}
		for i, col := range header {
			if i < len(row) {
				m[col] = row[i]
			}
		}
		out[m["user"]] = m
	}
	return out, nil
}

func rootAttrs(row reportRow) map[string]any {
	v := map[string]any{"mfa_active": row["mfa_active"] == "true"}
	keys := []any{}
	active := 0
	for _, n := range []string{"1", "2"} {
		if row["access_key_"+n+"_active"] != "true" {
			continue
		}
		active++
		k := map[string]any{"active": true}
		if t := reportTime(row["access_key_"+n+"_last_used_date"]); t != "" {
			k["last_used_date"] = t
		}
		keys = append(keys, k)
	}
	v["access_keys"] = keys
	v["access_keys_active"] = active
	if t := reportTime(row["password_last_used"]); t != "" {
		v["password_last_used"] = t
	}
	return v
}

// reportTime normalises a credential report date; "N/A" and
// "no_information" mean never and become "".
func reportTime(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func rfc3339(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
