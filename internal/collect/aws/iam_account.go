package aws

import (
	"context"
	"slices"
	"strings"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/account"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// The account-wide IAM settings CIS AWS v3.0 section 1 reads besides the
// entities: the root user's virtual MFA device (1.6), the identity
// providers (1.21), server certificates (1.19) and the support role (1.17,
// from the GetAccountAuthorizationDetails answer collectIAM already has).

// supportAccessARN is the AWS-managed policy CIS 1.17 wants attached to a role.
const supportAccessARN = "arn:aws:iam::aws:policy/AWSSupportAccess"

// supportRoles names the roles that attach AWSSupportAccess, sorted. Any
// partition's ARN counts: the policy's name is the same in all of them.
func supportRoles(d authDetails) []string {
	out := []string{}
	for _, role := range d.roles {
		for _, p := range role.AttachedManagedPolicies {
			if arn := sdkaws.ToString(p.PolicyArn); arn == supportAccessARN || strings.HasSuffix(arn, ":iam::aws:policy/AWSSupportAccess") {
				out = append(out, sdkaws.ToString(role.RoleName))
				break
			}
		}
	}
	slices.Sort(out)
	return out
}

// rootVirtualMFA reads whether a virtual MFA device is assigned to the root
// user. CIS 1.6 wants a hardware device: MFA active (root.mfa_active, from
// the credential report) and no virtual device assigned to root.
func (r *run) rootVirtualMFA(ctx context.Context, c *iam.Client, sc evidence.Scope, acct *accountState) error {
	const action = "iam:ListVirtualMFADevices"
	found := false
	err := listAll(ctx, iam.NewListVirtualMFADevicesPaginator(c, &iam.ListVirtualMFADevicesInput{AssignmentStatus: iamtypes.AssignmentStatusTypeAssigned}), func(page *iam.ListVirtualMFADevicesOutput) (*string, error) {
		for _, d := range page.VirtualMFADevices {
			// The root user's device is the one whose user is the account's
			// root ARN; its serial ends in "root-account-mfa-device" too,
			// which catches an answer without the user.
			if (d.User != nil && strings.HasSuffix(sdkaws.ToString(d.User.Arn), ":"+sc.AccountID+":root")) ||
				strings.HasSuffix(sdkaws.ToString(d.SerialNumber), ":mfa/root-account-mfa-device") {
				found = true
			}
		}
		return truncated(page.IsTruncated, page.Marker), nil
	})
	if err != nil {
		acct.unknownAttr("root_virtual_mfa", r.unknownReason(sc, "root_virtual_mfa", action, err))
		return nil
	}
	acct.set("root_virtual_mfa", found)
	return nil
}

// identityProviders counts the account's SAML and OIDC identity providers
// (CIS 1.21: users come in through federation). Neither listing paginates.
func (r *run) identityProviders(ctx context.Context, c *iam.Client, sc evidence.Scope, acct *accountState) error {
	saml, err := c.ListSAMLProviders(ctx, &iam.ListSAMLProvidersInput{})
	if err != nil {
		acct.unknownAttr("saml_providers", r.unknownReason(sc, "saml_providers", "iam:ListSAMLProviders", err))
	} else {
		acct.set("saml_providers", len(saml.SAMLProviderList))
	}
	oidc, err := c.ListOpenIDConnectProviders(ctx, &iam.ListOpenIDConnectProvidersInput{})
	if err != nil {
		acct.unknownAttr("oidc_providers", r.unknownReason(sc, "oidc_providers", "iam:ListOpenIDConnectProviders", err))
	} else {
		acct.set("oidc_providers", len(oidc.OpenIDConnectProviderList))
	}
	return nil
}

// serverCertificates lists the IAM server certificates (CIS 1.19: expired
// ones removed). Metadata only: the certificate body is not read.
func (r *run) serverCertificates(ctx context.Context, c *iam.Client, sc evidence.Scope) error {
	var out []evidence.Resource
	err := listAll(ctx, iam.NewListServerCertificatesPaginator(c, &iam.ListServerCertificatesInput{}), func(page *iam.ListServerCertificatesOutput) (*string, error) {
		for _, m := range page.ServerCertificateMetadataList {
			attrs := map[string]any{
				"server_certificate_name": sdkaws.ToString(m.ServerCertificateName),
				"server_certificate_id":   sdkaws.ToString(m.ServerCertificateId),
				"arn":                     sdkaws.ToString(m.Arn),
				"path":                    sdkaws.ToString(m.Path),
			}
			unknown := map[string]string{}
			if m.Expiration != nil {
				attrs["expiration"] = rfc3339(m.Expiration)
			} else {
				// Every certificate has an expiry; without it "expired" is unknown, not "no".
				unknown["expiration"] = "iam:ListServerCertificates failed: " + errMissing("Expiration").Error()
			}
			if m.UploadDate != nil {
				attrs["upload_date"] = rfc3339(m.UploadDate)
			}
			out = append(out, evidence.Resource{Type: TypeServerCertificate, ID: sdkaws.ToString(m.Arn), Scope: sc, Attributes: attrs, Unknown: unknown})
		}
		return truncated(page.IsTruncated, page.Marker), nil
	})
	if err != nil {
		r.gap(ctx, TypeServerCertificate, sc, "iam:ListServerCertificates", err)
		return nil
	}
	for _, res := range out {
		r.add(res)
	}
	return nil
}

// contactInformation reads whether the account's primary contact is filled
// in (CIS 1.1). Only that: names, addresses and numbers are personal data
// a control does not need.
func (r *run) contactInformation(ctx context.Context, c *account.Client, sc evidence.Scope, acct *accountState) error {
	const action = "account:GetContactInformation"
	out, err := c.GetContactInformation(ctx, &account.GetContactInformationInput{})
	switch {
	case hasCode(err, "ResourceNotFoundException"):
		acct.set("contact_information", map[string]any{"configured": false})
	case err != nil:
		acct.unknownAttr("contact_information", r.unknownReason(sc, "contact_information", action, err))
	case out.ContactInformation == nil:
		acct.unknownAttr("contact_information", r.unknownReason(sc, "contact_information", action, errMissing("ContactInformation")))
	default:
		ci := out.ContactInformation
		acct.set("contact_information", map[string]any{
			// The members AWS requires of a primary contact.
			"configured": sdkaws.ToString(ci.FullName) != "" && sdkaws.ToString(ci.PhoneNumber) != "" &&
				sdkaws.ToString(ci.AddressLine1) != "" && sdkaws.ToString(ci.CountryCode) != "",
		})
	}
	return nil
}

// unknownText is unknownReason's text without recording the failure, for
// an attribute that fails with a listing whose gap already recorded it.
func unknownText(action string, err error) string {
	if isDenied(err) {
		return "access denied: needs " + action
	}
	return action + " failed: " + err.Error()
}
