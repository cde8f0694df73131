package aws

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/account"
	accounttypes "github.com/aws/aws-sdk-go-v2/service/account/types"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// Resource types this collector produces, named by the registry.
const (
	TypeAccount        = evidence.TypeAWSAccount
	TypeIAMUser        = evidence.TypeAWSIAMUser
	TypeIAMPolicy      = evidence.TypeAWSIAMPolicy
	TypeIAMRole        = evidence.TypeAWSIAMRole
	TypeIAMGroup       = evidence.TypeAWSIAMGroup
	TypeS3Bucket       = evidence.TypeAWSS3Bucket
	TypeSecurityGroup  = evidence.TypeAWSEC2SecurityGroup
	TypeInstance       = evidence.TypeAWSEC2Instance
	TypeVolume         = evidence.TypeAWSEC2Volume
	TypeVPC            = evidence.TypeAWSVPC
	TypeTrail          = evidence.TypeAWSCloudTrailTrail
	TypeKMSKey         = evidence.TypeAWSKMSKey
	TypeRDSInstance    = evidence.TypeAWSRDSInstance
	TypeRDSCluster     = evidence.TypeAWSRDSCluster
	TypeSubnet         = evidence.TypeAWSEC2Subnet
	TypeSnapshot       = evidence.TypeAWSEC2Snapshot
	TypeImage          = evidence.TypeAWSEC2Image
	TypeLaunchTemplate = evidence.TypeAWSEC2LaunchTemplate
	TypeRDSSnapshot    = evidence.TypeAWSRDSSnapshot

	TypeServerCertificate = evidence.TypeAWSIAMServerCertificate
	TypeMetricFilter      = evidence.TypeAWSLogsMetricFilter
	TypeAlarm             = evidence.TypeAWSCloudWatchAlarm
	TypeSubscription      = evidence.TypeAWSSNSSubscription
	TypeNetworkACL        = evidence.TypeAWSEC2NetworkACL
	TypeRouteTable        = evidence.TypeAWSEC2RouteTable
	TypeEFSFileSystem     = evidence.TypeAWSEFSFileSystem

	TypeELBv2LoadBalancer       = evidence.TypeAWSELBv2LoadBalancer
	TypeELBLoadBalancer         = evidence.TypeAWSELBLoadBalancer
	TypeCloudFrontDistribution  = evidence.TypeAWSCloudFrontDist
	TypeAPIGatewayRestAPI       = evidence.TypeAWSAPIGatewayRestAPI
	TypeAPIGatewayDomainName    = evidence.TypeAWSAPIGatewayDomain
	TypeAPIGatewayV2API         = evidence.TypeAWSAPIGatewayV2API
	TypeLambdaFunction          = evidence.TypeAWSLambdaFunction
	TypeECRRepository           = evidence.TypeAWSECRRepository
	TypeEKSCluster              = evidence.TypeAWSEKSCluster
	TypeSecret                  = evidence.TypeAWSSecretsManagerSecret
	TypeGuardDutyDetector       = evidence.TypeAWSGuardDutyDetector
	TypeInspectorAccount        = evidence.TypeAWSInspectorAccount
	TypeSNSTopic                = evidence.TypeAWSSNSTopic
	TypeSQSQueue                = evidence.TypeAWSSQSQueue
	TypeDynamoDBTable           = evidence.TypeAWSDynamoDBTable
	TypeBackupPlan              = evidence.TypeAWSBackupPlan
	TypeBackupSelection         = evidence.TypeAWSBackupSelection
	TypeBackupVault             = evidence.TypeAWSBackupVault
	TypeBackupProtectedResource = evidence.TypeAWSBackupProtectedResource
	TypeLogGroup                = evidence.TypeAWSLogsLogGroup
	TypeOrganization            = evidence.TypeAWSOrganization
	TypeOrgPolicy               = evidence.TypeAWSOrgPolicy
)

// globalTypes are listed once per account, regionalTypes once per region.
var (
	globalTypes   = []string{TypeAccount, TypeIAMUser, TypeIAMRole, TypeIAMGroup, TypeIAMPolicy, TypeServerCertificate, TypeS3Bucket, TypeCloudFrontDistribution, TypeOrganization, TypeOrgPolicy}
	regionalTypes = []string{TypeSecurityGroup, TypeInstance, TypeVolume, TypeVPC, TypeTrail, TypeKMSKey, TypeRDSInstance, TypeRDSCluster, TypeLogGroup, TypeMetricFilter, TypeAlarm, TypeSubscription, TypeNetworkACL, TypeRouteTable, TypeEFSFileSystem, TypeELBv2LoadBalancer, TypeELBLoadBalancer, TypeAPIGatewayRestAPI, TypeAPIGatewayDomainName, TypeAPIGatewayV2API, TypeSubnet, TypeSnapshot, TypeImage, TypeLaunchTemplate, TypeRDSSnapshot, TypeLambdaFunction, TypeECRRepository, TypeEKSCluster, TypeSecret, TypeSNSTopic, TypeSQSQueue, TypeDynamoDBTable, TypeGuardDutyDetector, TypeInspectorAccount, TypeBackupPlan, TypeBackupSelection, TypeBackupVault, TypeBackupProtectedResource}
)

// accountState gathers the aws.account resource, which many tasks (global
// and per region) contribute to.
type accountState struct {
	mu      sync.Mutex
	attrs   map[string]any
	unknown map[string]string
	regions map[string]map[string]any
	// regionsKnown is false when the account's regions could not be
	// listed: the resource then has no regions attribute at all, since an
	// empty map would read as "no region lacks GuardDuty" and pass.
	regionsKnown bool
}

func newAccountState(id string) *accountState {
	return &accountState{
		attrs:   map[string]any{"account_id": id},
		unknown: map[string]string{},
		regions: map[string]map[string]any{},
	}
}

func (a *accountState) set(k string, v any) {
	a.mu.Lock()
	a.attrs[k] = v
	a.mu.Unlock()
}

func (a *accountState) setRegion(region, k string, v any) {
	a.mu.Lock()
	if a.regions[region] == nil {
		a.regions[region] = map[string]any{}
	}
	a.regions[region][k] = v
	a.mu.Unlock()
}

// initRegion makes the region appear even when none of its settings could
// be read, so controls iterating regions see it and report it unknown.
func (a *accountState) initRegion(region string) {
	a.mu.Lock()
	if a.regions[region] == nil {
		a.regions[region] = map[string]any{}
	}
	a.mu.Unlock()
}

func (a *accountState) unknownAttr(k, reason string) {
	a.mu.Lock()
	a.unknown[k] = reason
	a.mu.Unlock()
}

func (a *accountState) resource(id string) evidence.Resource {
	a.mu.Lock()
	defer a.mu.Unlock()
	attrs := a.attrs
	if a.regionsKnown {
		regions := map[string]any{}
		for k, v := range a.regions {
			regions[k] = v
		}
		attrs["regions"] = regions
	}
	return evidence.Resource{
		Type:       TypeAccount,
		ID:         "arn:aws:iam::" + id + ":root",
		Scope:      evidence.Scope{Platform: "aws", AccountID: id},
		Attributes: attrs,
		Unknown:    a.unknown,
	}
}

// collectAccount collects one account: identity, regions, then global and
// regional services concurrently, each region with its own limit.
func (r *run) collectAccount(ctx context.Context, t Target) {
	cfg, identityAction := r.accountConfig(t)
	sc := evidence.Scope{Platform: "aws", AccountID: t.AccountID}
	id, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		for _, typ := range append(append([]string(nil), globalTypes...), regionalTypes...) {
			r.gap(ctx, typ, sc, identityAction, err)
		}
		return
	}
	accountID := sdkaws.ToString(id.Account)
	if accountID == "" {
		err := errMissing("Account")
		for _, typ := range append(append([]string(nil), globalTypes...), regionalTypes...) {
			r.gap(ctx, typ, sc, "sts:GetCallerIdentity", err)
		}
		return
	}
	if t.AccountID != "" && accountID != t.AccountID {
		err := fmt.Errorf("the credentials reach account %s, not %s", accountID, t.AccountID)
		for _, typ := range append(append([]string(nil), globalTypes...), regionalTypes...) {
			r.gap(ctx, typ, sc, identityAction, err)
		}
		return
	}
	sc.AccountID = accountID
	acct := newAccountState(accountID)

	regions, err := r.regions(ctx, cfg, t, accountID)
	if err != nil {
		for _, typ := range regionalTypes {
			r.gap(ctx, typ, sc, "ec2:DescribeRegions", err)
		}
		acct.unknownAttr("regions", r.unknownReason(sc, "regions", "ec2:DescribeRegions", err))
	} else {
		acct.regionsKnown = true
	}

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if r.opts.Shard.global() && r.runTasks(ctx, r.globalTasks(cfg, sc, acct)) {
			r.ranAll(sc, globalTypes)
		}
	}()
	for _, region := range regions {
		acct.initRegion(region)
		if !r.opts.Shard.regional() {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			rcfg := cfg.Copy()
			rcfg.Region = region
			rsc := sc
			rsc.Region = region
			if r.runTasks(ctx, r.opts.Shard.only(r.regionalTasks(rcfg, rsc, acct))) {
				r.ranAll(rsc, r.opts.Shard.types(regionalTypes))
			}
		}()
	}
	wg.Wait()
	if ctx.Err() == nil {
		r.add(acct.resource(accountID))
	}
}

// accountConfig is the SDK configuration for t's account (its role
// assumed) and the action that proves the identity.
func (r *run) accountConfig(t Target) (sdkaws.Config, string) {
	cfg := r.cfg.Copy()
	cfg.Retryer = func() sdkaws.Retryer { return r.newRetryer() }
	identityAction := "sts:GetCallerIdentity"
	if t.RoleARN != "" {
		identityAction = "sts:AssumeRole on " + t.RoleARN
		base := sts.NewFromConfig(cfg)
		cfg.Credentials = sdkaws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(base, t.RoleARN, func(o *stscreds.AssumeRoleOptions) {
			o.RoleSessionName = "rampart-audit"
		}))
	}
	return cfg, identityAction
}

// regions resolves the regions to collect: the target's, checked against
// the account's enabled regions, or every enabled region.
func (r *run) regions(ctx context.Context, cfg sdkaws.Config, t Target, accountID string) ([]string, error) {
	out, err := ec2.NewFromConfig(cfg).DescribeRegions(ctx, &ec2.DescribeRegionsInput{AllRegions: sdkaws.Bool(true)})
	if err != nil {
		if len(t.Regions) > 0 {
			// The workspace named the regions; without DescribeRegions we
			// cannot check them, and collect them as named.
			return t.Regions, nil
		}
		return nil, err
	}
	status := map[string]string{}
	for _, reg := range out.Regions {
		if name := sdkaws.ToString(reg.RegionName); name != "" {
			status[name] = sdkaws.ToString(reg.OptInStatus)
		}
	}
	if len(status) == 0 {
		// Every account has at least the region the call was sent to: an
		// empty list is a broken answer, not an account without regions.
		if len(t.Regions) > 0 {
			return t.Regions, nil
		}
		return nil, errors.New("DescribeRegions returned no regions")
	}
	enabled := func(name string) bool {
		s, ok := status[name]
		return ok && s != "not-opted-in"
	}
	var regions []string
	if len(t.Regions) == 0 {
		for name := range status {
			if enabled(name) {
				regions = append(regions, name)
			} else {
				r.skip(fmt.Sprintf("aws:%s/%s: opt-in region not enabled in the account", accountID, name))
			}
		}
		sort.Strings(regions)
		return regions, nil
	}
	for _, name := range t.Regions {
		switch {
		case enabled(name):
			regions = append(regions, name)
		case status[name] == "not-opted-in":
			r.skip(fmt.Sprintf("aws:%s/%s: named in the workspace but not enabled in the account (opt-in region)", accountID, name))
		default:
			r.skip(fmt.Sprintf("aws:%s/%s: named in the workspace but not a region of the account's partition", accountID, name))
		}
	}
	return regions, nil
}

func (r *run) globalTasks(cfg sdkaws.Config, sc evidence.Scope, acct *accountState) []task {
	iamc := iam.NewFromConfig(cfg)
	return []task{
		{"iam", func(ctx context.Context) error { return r.collectIAM(ctx, iamc, sc, acct) }},
		{"iam password policy", func(ctx context.Context) error { return r.passwordPolicy(ctx, iamc, sc, acct) }},
		{"iam root virtual mfa", func(ctx context.Context) error { return r.rootVirtualMFA(ctx, iamc, sc, acct) }},
		{"iam identity providers", func(ctx context.Context) error { return r.identityProviders(ctx, iamc, sc, acct) }},
		{"iam server certificates", func(ctx context.Context) error { return r.serverCertificates(ctx, iamc, sc) }},
		{"contact information", func(ctx context.Context) error {
			return r.contactInformation(ctx, account.NewFromConfig(cfg), sc, acct)
		}},
		{"s3", func(ctx context.Context) error { return r.collectS3(ctx, cfg, sc) }},
		{"s3 account public access block", func(ctx context.Context) error { return r.accountPublicAccessBlock(ctx, cfg, sc, acct) }},
		{"security contact", func(ctx context.Context) error { return r.securityContact(ctx, cfg, sc, acct) }},
		{"cloudfront", func(ctx context.Context) error { return r.distributions(ctx, cfg, sc) }},
		{"organizations", func(ctx context.Context) error { return r.organization(ctx, cfg, sc) }},
	}
}

func (r *run) regionalTasks(cfg sdkaws.Config, sc evidence.Scope, acct *accountState) []task {
	ec2c := ec2.NewFromConfig(cfg)
	return []task{
		{"ec2 security groups", func(ctx context.Context) error { return r.securityGroups(ctx, ec2c, sc) }},
		{"ec2 instances", func(ctx context.Context) error { return r.instances(ctx, ec2c, sc) }},
		{"ec2 volumes", func(ctx context.Context) error { return r.volumes(ctx, ec2c, sc) }},
		{"vpcs", func(ctx context.Context) error { return r.vpcs(ctx, ec2c, sc) }},
		{"network acls", func(ctx context.Context) error { return r.networkACLs(ctx, ec2c, sc) }},
		{"route tables", func(ctx context.Context) error { return r.routeTables(ctx, ec2c, sc) }},
		{"ebs default encryption", func(ctx context.Context) error { return r.ebsDefault(ctx, ec2c, sc, acct) }},
		{"ec2 account defaults", func(ctx context.Context) error { return r.ec2AccountDefaults(ctx, ec2c, sc, acct) }},
		{"subnets", func(ctx context.Context) error { return r.subnets(ctx, ec2c, sc) }},
		{"ebs snapshots", func(ctx context.Context) error { return r.snapshots(ctx, ec2c, sc) }},
		{"amis", func(ctx context.Context) error { return r.images(ctx, ec2c, sc) }},
		{"launch templates", func(ctx context.Context) error { return r.launchTemplates(ctx, ec2c, sc) }},
		{"cloudtrail", func(ctx context.Context) error { return r.trails(ctx, cfg, sc) }},
		{"kms", func(ctx context.Context) error { return r.kmsKeys(ctx, cfg, sc) }},
		{"rds", func(ctx context.Context) error { return r.rdsInstances(ctx, cfg, sc) }},
		{"rds clusters", func(ctx context.Context) error { return r.rdsClusters(ctx, cfg, sc) }},
		{"rds snapshots", func(ctx context.Context) error { return r.rdsSnapshots(ctx, cfg, sc) }},
		{"rds event subscriptions", func(ctx context.Context) error { return r.rdsEventSubscriptions(ctx, cfg, sc, acct) }},
		{"guardduty", func(ctx context.Context) error { return r.guardDuty(ctx, cfg, sc, acct) }},
		{"config", func(ctx context.Context) error { return r.configRecorder(ctx, cfg, sc, acct) }},
		{"access analyzer", func(ctx context.Context) error { return r.accessAnalyzer(ctx, cfg, sc, acct) }},
		{"macie", func(ctx context.Context) error { return r.macie(ctx, cfg, sc, acct) }},
		{"security hub", func(ctx context.Context) error { return r.securityHub(ctx, cfg, sc, acct) }},
		{"logs log groups", func(ctx context.Context) error { return r.logGroups(ctx, cfg, sc) }},
		{"logs metric filters", func(ctx context.Context) error { return r.metricFilters(ctx, cfg, sc) }},
		{"cloudwatch alarms", func(ctx context.Context) error { return r.alarms(ctx, cfg, sc) }},
		{"sns subscriptions", func(ctx context.Context) error { return r.subscriptions(ctx, cfg, sc) }},
		{"efs", func(ctx context.Context) error { return r.fileSystems(ctx, cfg, sc) }},
		{"elbv2", func(ctx context.Context) error { return r.loadBalancersV2(ctx, cfg, sc) }},
		{"elb classic", func(ctx context.Context) error { return r.classicLoadBalancers(ctx, cfg, sc) }},
		{"apigateway rest apis", func(ctx context.Context) error { return r.restAPIs(ctx, cfg, sc) }},
		{"apigateway domain names", func(ctx context.Context) error { return r.domainNames(ctx, cfg, sc) }},
		{"apigatewayv2 apis", func(ctx context.Context) error { return r.httpAPIs(ctx, cfg, sc) }},
		{"lambda", func(ctx context.Context) error { return r.lambdaFunctions(ctx, cfg, sc) }},
		{"ecr", func(ctx context.Context) error { return r.ecrRepositories(ctx, cfg, sc) }},
		{"eks", func(ctx context.Context) error { return r.eksClusters(ctx, cfg, sc) }},
		{"secrets manager", func(ctx context.Context) error { return r.secrets(ctx, cfg, sc) }},
		{"inspector", func(ctx context.Context) error { return r.inspector(ctx, cfg, sc) }},
		{"sns topics", func(ctx context.Context) error { return r.topics(ctx, cfg, sc) }},
		{"sqs", func(ctx context.Context) error { return r.queues(ctx, cfg, sc) }},
		{"dynamodb", func(ctx context.Context) error { return r.tables(ctx, cfg, sc) }},
		{"backup plans", func(ctx context.Context) error { return r.backupPlans(ctx, cfg, sc) }},
		{"backup vaults", func(ctx context.Context) error { return r.backupVaults(ctx, cfg, sc) }},
		{"backup protected resources", func(ctx context.Context) error { return r.protectedResources(ctx, cfg, sc) }},
	}
}

func (r *run) accountPublicAccessBlock(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope, acct *accountState) error {
	c := newS3Control(cfg)
	out, err := c.GetPublicAccessBlock(ctx, &s3control.GetPublicAccessBlockInput{AccountId: sdkaws.String(sc.AccountID)})
	switch {
	case hasCode(err, "NoSuchPublicAccessBlockConfiguration"):
		acct.set("s3_public_access_block", map[string]any{"configured": false})
	case err != nil:
		acct.unknownAttr("s3_public_access_block", r.unknownReason(sc, "s3_public_access_block", "s3:GetAccountPublicAccessBlock", err))
	default:
		p := out.PublicAccessBlockConfiguration
		if p == nil {
			// "Not configured" is the NoSuchPublicAccessBlockConfiguration
			// error above; an answer without the configuration is broken.
			acct.unknownAttr("s3_public_access_block", r.unknownReason(sc, "s3_public_access_block", "s3:GetAccountPublicAccessBlock", errMissing("PublicAccessBlockConfiguration")))
			return nil
		}
		acct.set("s3_public_access_block", map[string]any{
			"configured":              true,
			"block_public_acls":       sdkaws.ToBool(p.BlockPublicAcls),
			"ignore_public_acls":      sdkaws.ToBool(p.IgnorePublicAcls),
			"block_public_policy":     sdkaws.ToBool(p.BlockPublicPolicy),
			"restrict_public_buckets": sdkaws.ToBool(p.RestrictPublicBuckets),
		})
	}
	return nil
}

func (r *run) securityContact(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope, acct *accountState) error {
	c := account.NewFromConfig(cfg)
	out, err := c.GetAlternateContact(ctx, &account.GetAlternateContactInput{AlternateContactType: accounttypes.AlternateContactTypeSecurity})
	switch {
	case hasCode(err, "ResourceNotFoundException"):
		acct.set("security_contact", map[string]any{"configured": false})
	case err != nil:
		acct.unknownAttr("security_contact", r.unknownReason(sc, "security_contact", "account:GetAlternateContact", err))
	default:
		// Only whether it is set: names and addresses are personal data a
		// control does not need.
		if out.AlternateContact == nil {
			// "Not set" is ResourceNotFoundException above.
			acct.unknownAttr("security_contact", r.unknownReason(sc, "security_contact", "account:GetAlternateContact", errMissing("AlternateContact")))
			return nil
		}
		acct.set("security_contact", map[string]any{"configured": sdkaws.ToString(out.AlternateContact.EmailAddress) != ""})
	}
	return nil
}

func (r *run) ebsDefault(ctx context.Context, c *ec2.Client, sc evidence.Scope, acct *accountState) error {
	out, err := c.GetEbsEncryptionByDefault(ctx, &ec2.GetEbsEncryptionByDefaultInput{})
	if err != nil {
		acct.unknownAttr("regions."+sc.Region+".ebs_encryption_by_default", r.unknownReason(sc, "ebs_encryption_by_default", "ec2:GetEbsEncryptionByDefault", err))
		return nil
	}
	if out.EbsEncryptionByDefault == nil {
		acct.unknownAttr("regions."+sc.Region+".ebs_encryption_by_default", r.unknownReason(sc, "ebs_encryption_by_default", "ec2:GetEbsEncryptionByDefault", errMissing("ebsEncryptionByDefault")))
		return nil
	}
	acct.setRegion(sc.Region, "ebs_encryption_by_default", *out.EbsEncryptionByDefault)
	return nil
}

func (r *run) guardDuty(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope, acct *accountState) error {
	c := guardduty.NewFromConfig(cfg)
	attr := "regions." + sc.Region + ".guardduty"
	var ids []string
	p := guardduty.NewListDetectorsPaginator(c, &guardduty.ListDetectorsInput{})
	var pGuard pageGuard
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err == nil {
			err = pGuard.next(page.NextToken)
		}
		if err != nil {
			acct.unknownAttr(attr, r.unknownReason(sc, "guardduty", "guardduty:ListDetectors", err))
			r.gap(ctx, TypeGuardDutyDetector, sc, "guardduty:ListDetectors", err)
			return nil
		}
		ids = append(ids, page.DetectorIds...)
	}
	if len(ids) == 0 {
		acct.setRegion(sc.Region, "guardduty", map[string]any{"enabled": false})
		return nil
	}
	// A region has at most one detector.
	d, err := c.GetDetector(ctx, &guardduty.GetDetectorInput{DetectorId: sdkaws.String(ids[0])})
	if err != nil {
		acct.unknownAttr(attr, r.unknownReason(sc, "guardduty", "guardduty:GetDetector", err))
		r.gap(ctx, TypeGuardDutyDetector, sc, "guardduty:GetDetector", err)
		return nil
	}
	if d.Status == "" {
		acct.unknownAttr(attr, r.unknownReason(sc, "guardduty", "guardduty:GetDetector", errMissing("status")))
		r.gap(ctx, TypeGuardDutyDetector, sc, "guardduty:GetDetector", errMissing("status"))
		return nil
	}
	acct.setRegion(sc.Region, "guardduty", map[string]any{
		"enabled":     d.Status == "ENABLED",
		"detector_id": ids[0],
		"status":      string(d.Status),
	})
	r.add(r.guardDutyDetector(ctx, c, sc, ids[0], d))
	return nil
}

func (r *run) configRecorder(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope, acct *accountState) error {
	c := configservice.NewFromConfig(cfg)
	attr := "regions." + sc.Region + ".config_recorder"
	recs, err := c.DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
	if err != nil {
		acct.unknownAttr(attr, r.unknownReason(sc, "config_recorder", "config:DescribeConfigurationRecorders", err))
		return nil
	}
	if len(recs.ConfigurationRecorders) == 0 {
		acct.setRegion(sc.Region, "config_recorder", map[string]any{"configured": false})
		return nil
	}
	st, err := c.DescribeConfigurationRecorderStatus(ctx, &configservice.DescribeConfigurationRecorderStatusInput{})
	if err != nil {
		acct.unknownAttr(attr, r.unknownReason(sc, "config_recorder", "config:DescribeConfigurationRecorderStatus", err))
		return nil
	}
	rec := recs.ConfigurationRecorders[0]
	v := map[string]any{"configured": true, "name": sdkaws.ToString(rec.Name)}
	if g := rec.RecordingGroup; g != nil {
		v["all_supported"] = g.AllSupported
		v["include_global_resource_types"] = g.IncludeGlobalResourceTypes
	}
	found := false
	for _, s := range st.ConfigurationRecordersStatus {
		if sdkaws.ToString(s.Name) == sdkaws.ToString(rec.Name) {
			v["recording"] = s.Recording
			v["last_status"] = string(s.LastStatus)
			found = true
		}
	}
	if !found {
		// Without its status whether the recorder records is unknown, not false.
		acct.unknownAttr(attr, r.unknownReason(sc, "config_recorder", "config:DescribeConfigurationRecorderStatus", errMissing("status of recorder "+sdkaws.ToString(rec.Name))))
		return nil
	}
	acct.setRegion(sc.Region, "config_recorder", v)
	return nil
}
