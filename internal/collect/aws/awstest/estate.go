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
	// Compute resource policies: Lambda writes one statement per permission.
	lambdaAPIPolicy    = `{"Version":"2012-10-17","Id":"default","Statement":[{"Sid":"apigw","Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:eu-west-1:111122223333:function:orders-api","Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/*"}}}]}`
	lambdaPublicPolicy = `{"Version":"2012-10-17","Id":"default","Statement":[{"Sid":"anyone","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:eu-west-1:111122223333:function:legacy-report"},{"Sid":"s3","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:eu-west-1:111122223333:function:legacy-report"}]}`
	ecrPublicPolicy    = `{"Version":"2012-10-17","Statement":[{"Sid":"pull","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}`
	ecrPartnerPolicy   = `{"Version":"2012-10-17","Statement":[{"Sid":"partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777766665555:root"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}`
	ecrLifecycleJSON   = `{"rules":[{"rulePriority":1,"description":"expire untagged","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}`
	publicPolicy       = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-site/*"}]}`

	// AWS-managed policies, abridged: the statements that matter to controls.
	awsReadOnlyJSON = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["*:Describe*","*:Get*","*:List*"],"Resource":"*"}]}`
	awsSSMCoreJSON  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm:UpdateInstanceInformation","ssmmessages:*","ec2messages:*"],"Resource":"*"}]}`
	awsSupportJSON  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["support:*"],"Resource":"*"}]}`
	awsConfigJSON   = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["config:Put*","ec2:Describe*","iam:Get*","iam:List*","s3:GetBucket*"],"Resource":"*"}]}`
	// An inline policy with the characters IAM percent-encodes: a
	// variable, braces, slashes and a plus sign that is not a space.
	appDataJSON  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::acme-logs/app/${aws:PrincipalTag/team}/*","Condition":{"StringEquals":{"s3:x-amz-meta-owner":"ops+sec team"}}}]}`
	passRoleJSON = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"}]}`

	// Trust policies: one for every case a trust control tells apart.
	trustPublic  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`
	trustVendor  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"sts:AssumeRole"}]}`
	trustPartner = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777766665555:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"acme-7f3c91"}}}]}`
	trustEC2     = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	trustConfig  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"config.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}`
	trustOwnMFA  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}`
	// Secret resource policies: the account's own role, everyone, a vendor.
	secretPolicyOwn    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/ec2-app"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}`
	secretPolicyPublic = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*"}]}`
	secretPolicyVendor = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}`
	// Topic and queue policies: everyone, the account's own role, everyone with every action.
	topicPolicyPublic = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"SNS:Publish","Resource":"*"}]}`
	queuePolicyOwn    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/ec2-app"},"Action":["sqs:SendMessage","sqs:ReceiveMessage"],"Resource":"*"}]}`
	queuePolicyPublic = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:*","Resource":"*"}]}`
	// A key policy that lets anyone decrypt.
	keyPolicyPublic = `{"Version":"2012-10-17","Statement":[{"Sid":"root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},{"Sid":"everyone","Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}]}`
	// Service control policies of the sample organisation (organizations.go).
	scpFullAccess      = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	scpDenyLeave       = `{"Version":"2012-10-17","Statement":[{"Sid":"NoLeaving","Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}`
	scpProtectSecurity = `{"Version":"2012-10-17","Statement":[{"Sid":"ProtectSecurityServices","Effect":"Deny","Action":["guardduty:DeleteDetector","guardduty:DisassociateFromMasterAccount","guardduty:UpdateDetector","cloudtrail:StopLogging","cloudtrail:DeleteTrail","cloudtrail:UpdateTrail","config:DeleteConfigurationRecorder","config:StopConfigurationRecorder","config:DeleteDeliveryChannel","securityhub:DisableSecurityHub"],"Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/security-break-glass"}}}]}`
	scpRegionDeny      = `{"Version":"2012-10-17","Statement":[{"Sid":"DenyOtherRegions","Effect":"Deny","NotAction":["iam:*","organizations:*","sts:*","cloudfront:*","route53:*","support:*","budgets:*","globalaccelerator:*","waf:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","us-east-1"]},"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/security-break-glass"}}}]}`
	scpDraftTrail      = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["cloudtrail:StopLogging","cloudtrail:DeleteTrail"],"Resource":"*"}]}`
	awsAdminARN        = "arn:aws:iam::aws:policy/AdministratorAccess"
	awsSSMCoreARN      = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
	awsConfigARN       = "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole"
	awsSupportARN      = "arn:aws:iam::aws:policy/AWSSupportAccess"
	readOnlyARN        = "arn:aws:iam::111122223333:policy/read-only"
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
				Groups:     []string{"developers"}, Attached: []string{readOnlyARN}},
			// bob: an administrator twice over, through the admins group and an inline policy.
			{Name: "bob", Created: day("2024-02-03"), Password: true, Groups: []string{"admins"},
				Inline: []InlinePolicy{{Name: "bob-extra", Document: adminPolicyJSON}}},
			{Name: "ci", Created: day("2024-03-04"), AccessKeys: []AccessKey{
				{ID: "AKIACI0000000000001", Active: true, Created: day("2026-10-01")},
				{ID: "AKIACI0000000000002", Active: false, Created: day("2023-10-01")},
			}, Attached: []string{"arn:aws:iam::111122223333:policy/admin-all"}},
		},
		Groups: []Group{
			{Name: "admins", Created: day("2024-01-02"), Attached: []string{awsAdminARN}},
			{Name: "developers", Created: day("2024-01-02"), Attached: []string{readOnlyARN},
				Inline: []InlinePolicy{{Name: "dev-launch", Document: passRoleJSON}}},
		},
		IAMRoles: []Role{
			{Name: "public-trust", Created: day("2025-03-01"), Trust: trustPublic, Attached: []string{readOnlyARN}},
			{Name: "vendor-access", Created: day("2025-04-01"), Trust: trustVendor, Attached: []string{readOnlyARN},
				LastUsed: day("2026-11-15"), LastUsedRegion: "eu-west-1"},
			{Name: "partner-access", Created: day("2025-04-02"), Trust: trustPartner, Attached: []string{readOnlyARN}},
			{Name: "ec2-app", Created: day("2024-06-01"), Trust: trustEC2, Attached: []string{awsSSMCoreARN},
				Inline:           []InlinePolicy{{Name: "app-data", Document: appDataJSON}},
				InstanceProfiles: []string{"ec2-app"}, Boundary: readOnlyARN,
				LastUsed: day("2026-11-26"), LastUsedRegion: "eu-west-1"},
			{Name: "config-recorder", Path: "/service-role/", Created: day("2024-01-03"), Trust: trustConfig, Attached: []string{awsConfigARN},
				LastUsed: day("2026-11-26"), LastUsedRegion: "us-east-1"},
			{Name: "break-glass", Created: day("2024-01-02"), Trust: trustOwnMFA, Attached: []string{awsAdminARN, awsSupportARN}, MaxSession: 14400},
		},
		Policies: []Policy{
			{Name: "admin-all", Document: adminPolicyJSON},
			{Name: "read-only", Document: readPolicyJSON},
			// Attached to nothing: a control can still flag an admin policy lying in wait.
			{Name: "legacy-admin", Document: adminPolicyJSON},
			{Name: "AdministratorAccess", AWSManaged: true, Document: adminPolicyJSON},
			{Name: "AmazonSSMManagedInstanceCore", AWSManaged: true, Document: awsSSMCoreJSON},
			{Name: "AWS_ConfigRole", Path: "/service-role/", AWSManaged: true, Document: awsConfigJSON},
			{Name: "AWSSupportAccess", AWSManaged: true, Document: awsSupportJSON},
			// Attached to nothing: not in the snapshot.
			{Name: "ReadOnlyAccess", AWSManaged: true, Document: awsReadOnlyJSON},
		},
		Buckets: []Bucket{
			{Name: "acme-logs", Region: "eu-west-1", Created: day("2024-05-06"), SSEAlgorithm: "aws:kms",
				KMSKeyID: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", PublicAccess: all,
				Versioning: "Enabled", LogTarget: "acme-access-logs", Policy: tlsPolicyJSON, Ownership: "BucketOwnerEnforced", ObjectLock: "COMPLIANCE", LockDays: 365},
			{Name: "acme-site", Region: "us-east-1", Created: day("2024-07-08"), SSEAlgorithm: "AES256", Policy: publicPolicy, PublicRead: true, Ownership: "ObjectWriter"},
		},
		PasswordPolicy: &PasswordPolicy{MinLength: 8, Symbols: true, Numbers: true, Uppercase: true, Lowercase: true, AllowChange: true},
		RootMFA:        true,
		PublicAccess:   all,
		// Root MFA on a virtual device (CIS 1.6 wants hardware), federation
		// through one SAML provider, an expired and a current certificate.
		RootVirtualMFA: true,
		SAMLProviders:  []string{"okta"},
		ServerCerts: []ServerCert{
			{Name: "legacy-elb", Uploaded: day("2021-02-01"), Expires: day("2024-02-01")},
			{Name: "api-2026", Uploaded: day("2026-01-15"), Expires: day("2027-01-15")},
		},
		Contact: &Contact{FullName: "Acme Operations", Address: "1 Main Street", Country: "US", Phone: "+1-206-555-0100"},
		Distributions: []Distribution{
			// The site: HTTPS only, TLS 1.2, WAF, logs, OAC to its bucket, an HTTPS API origin.
			{ID: "E1SITE2EXAMPLE", Domain: "d111111abcdef8.cloudfront.net", Enabled: true,
				Behaviors:   []CacheBehavior{{Path: "*", ViewerPolicy: "redirect-to-https"}, {Path: "/api/*", ViewerPolicy: "https-only", FLE: "C3FLE0EXAMPLE"}},
				MinProtocol: "TLSv1.2_2021", SSLSupport: "sni-only", WebACL: "arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
				Logging: true, RootObject: "index.html", GeoRestrict: "whitelist", GeoCountries: []string{"DE", "US"},
				Origins: []Origin{
					{ID: "site", Domain: "acme-site.s3.us-east-1.amazonaws.com", S3: true, OAC: "E2OAC0EXAMPLE"},
					{ID: "api", Domain: "api.example.com", Protocol: "https-only", SSLProtocols: []string{"TLSv1.2"}},
				}},
			// The old downloads distribution: every mistake at once.
			{ID: "E2LEGACYEXAMPLE", Domain: "d222222abcdef8.cloudfront.net", Enabled: true,
				Behaviors:   []CacheBehavior{{Path: "*", ViewerPolicy: "allow-all"}},
				DefaultCert: true, MinProtocol: "TLSv1", GeoRestrict: "none",
				Origins: []Origin{
					{ID: "downloads", Domain: "acme-downloads.s3.amazonaws.com", S3: true, OAI: "origin-access-identity/cloudfront/E3OAIEXAMPLE"},
					{ID: "mirror", Domain: "mirror.example.com", Protocol: "match-viewer", SSLProtocols: []string{"TLSv1", "TLSv1.1", "TLSv1.2"}},
				}},
		},
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
				// i-0aaa's user data exports an access key pair (test-shaped:
				// AWS's documented example key); i-0bbb's is clean.
				Instances: []Instance{{ID: "i-0aaa", PublicIP: "203.0.113.10", HTTPTokens: "optional", SecurityGroups: []string{"sg-0web"},
					UserData: "#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"},
					{ID: "i-0bbb", HTTPTokens: "required", SecurityGroups: []string{"sg-0db", "sg-0default"}, UserData: "#!/bin/bash\nyum install -y nginx\n"}},
				// The EC2 depth of issue 18: a public subnet and a private one,
				// a public and a private snapshot, a public AMI, a hardened
				// launch template and one with IMDSv1, a public IP and a
				// password in its user data; account defaults set here, not
				// in us-east-1.
				Subnets: []Subnet{{ID: "subnet-0web", VPC: "vpc-0main", CIDR: "10.0.1.0/24", AZ: "eu-west-1a", PublicIPs: true}, {ID: "subnet-0db", VPC: "vpc-0main", CIDR: "10.0.2.0/24", AZ: "eu-west-1b"}},
				Snapshots: []Snapshot{
					{ID: "snap-0backup", Volume: "vol-0enc", Encrypted: true, SharedWith: []string{"444455556666"}},
					{ID: "snap-0leak", Volume: "vol-0plain", Public: true},
				},
				Images: []Image{{ID: "ami-0golden", Name: "golden-2026-05"}, {ID: "ami-0shared", Name: "demo-public", Public: true}},
				LaunchTemplates: []LaunchTemplate{
					{ID: "lt-0web", Name: "web", HTTPTokens: "required", UserData: "#!/bin/bash\nsystemctl start nginx\n"},
					{ID: "lt-0legacy", Name: "legacy", PublicIP: true, UserData: "#!/bin/bash\ngit clone https://deploy:s3cr3tpassw0rd@git.example.com/app.git\n"},
				},
				SnapshotBPA: "block-all-sharing",
				ImageBPA:    "block-new-sharing",
				IMDSDefault: "required",
				Volumes:     []Volume{{ID: "vol-0enc", Encrypted: true, Size: 8}, {ID: "vol-0plain", Size: 100}},
				VPCs:        []VPC{{ID: "vpc-0main", FlowLogID: "fl-0main"}, {ID: "vpc-0default", Default: true}},
				// Management events and S3 object writes of every bucket, not reads (CIS 3.8 yes, 3.9 no).
				Trails: []Trail{{Name: "org-trail", MultiRegion: true, Validation: true, KMSKeyID: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", Logging: true, Bucket: "acme-logs", LogGroup: "cloudtrail-org",
					Selectors: []EventSelector{{ReadWrite: "All", Management: true}, {ReadWrite: "WriteOnly", S3Values: []string{"arn:aws:s3"}}}}},
				Keys: []Key{
					{ID: "1234abcd-12ab-34cd-56ef-1234567890ab", Customer: true, Spec: "SYMMETRIC_DEFAULT", Rotation: true},
					{ID: "0987dcba-09fe-87dc-65ba-ab0987654321", Customer: true, Spec: "SYMMETRIC_DEFAULT", Policy: keyPolicyPublic},
					{ID: "aaaa1111-2222-3333-4444-555566667777", Spec: "SYMMETRIC_DEFAULT", Rotation: true},
				},
				// orders is hardened; legacy fails nearly everything; reports-1 is
				// a member of the Aurora cluster reports, whose settings are the
				// cluster's; scratch is a cluster that fails (issue 18).
				DBs: []DB{
					{ID: "orders", Encrypted: true, BackupDays: 7, DeletionGuard: true, Engine: "postgres", IAMAuth: true, MonitorSecs: 60, CopyTags: true, Port: 6432, LogExports: []string{"postgresql", "upgrade"}, MasterUser: "orders_owner", MultiAZ: true, ParamGroup: "orders-pg14"},
					{ID: "legacy", Public: true},
					{ID: "reports-1", Engine: "aurora-mysql", Cluster: "reports", Encrypted: true, BackupDays: 7, NoMonitorInfo: true},
				},
				DBClusters: []DBCluster{
					{ID: "reports", Engine: "aurora-mysql", Encrypted: true, DeletionGuard: true, IAMAuth: true, BackupDays: 14, Backtrack: 86400, MultiAZ: true, CopyTags: true, Port: 3307, LogExports: []string{"audit", "error"}, MasterUser: "reports_owner", ParamGroup: "reports-tls"},
					{ID: "scratch", Engine: "aurora-postgresql", BackupDays: 1},
				},
				// A private encrypted manual snapshot shared with a partner,
				// a public unencrypted one, an automated one and a public
				// cluster snapshot; instance events covered, cluster events
				// only for failures (issue 18).
				DBSnapshots: []DBSnapshot{
					{ID: "orders-2026-06", Source: "orders", Encrypted: true, SharedWith: []string{"444455556666"}},
					{ID: "legacy-export", Source: "legacy", Public: true},
					{ID: "rds:orders-2026-06-01-03-00", Source: "orders", Automated: true, Encrypted: true},
					{ID: "reports-handover", Source: "reports", Cluster: true, Encrypted: true, Public: true},
				},
				// TLS required by orders' and reports' own groups; legacy
				// (MySQL) and scratch (Aurora PostgreSQL 14) run on their
				// engines' default groups, which do not require it.
				ParamGroups: []ParamGroup{
					{Name: "orders-pg14", Values: map[string]string{"rds.force_ssl": "1", "log_connections": "1"}},
					{Name: "reports-tls", Cluster: true, Values: map[string]string{"require_secure_transport": "ON"}},
				},
				EventSubs: []EventSub{
					{Name: "db-critical", SourceType: "db-instance", Categories: []string{"failure", "maintenance", "configuration change"}},
					{Name: "cluster-failures", SourceType: "db-cluster", Categories: []string{"failure"}},
					{Name: "old-pg", SourceType: "db-parameter-group", Disabled: true},
				},
				EBSDefault: true,
				GuardDuty:  "ENABLED",
				Recorder:   &Recorder{Name: "default", Recording: true, AllSupported: true, Global: true},
				// An external-access analyzer next to an unused-access one;
				// us-east-1 has neither, nor Macie, nor Security Hub.
				Analyzers: []Analyzer{
					{Name: "unused-access", Type: "ACCOUNT_UNUSED_ACCESS", Status: "ACTIVE"},
					{Name: "external-access", Type: "ACCOUNT", Status: "ACTIVE"},
				},
				Macie:       "ENABLED",
				SecurityHub: true,
				// CIS 4.1 monitored end to end; 4.3 (root use) has a filter and
				// an alarm that notifies nobody.
				// Log groups: the trail's, kept a year under a customer key;
				// an application's, kept two weeks without one; access logs
				// kept for ever under a key; flow logs whose retention an
				// account-level policy sets, without a key.
				LogGroups: []LogGroup{
					{Name: "cloudtrail-org", RetentionDays: 365, KMSKey: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", Class: "STANDARD"},
					{Name: "/app/orders", RetentionDays: 14, Class: "STANDARD"},
					{Name: "events-access", KMSKey: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", Class: "INFREQUENT_ACCESS", DataProtection: "ACTIVATED"},
					{Name: "/aws/vpc/flow-logs", RetentionDays: 90, RetentionPolicy: "org-default-retention"},
				},
				MetricFilters: []MetricFilter{
					{Name: "unauthorized-api-calls", LogGroup: "cloudtrail-org", Pattern: `{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }`, MetricName: "UnauthorizedAPICalls", Namespace: "CISBenchmark"},
					{Name: "root-usage", LogGroup: "cloudtrail-org", Pattern: `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`, MetricName: "RootAccountUsage", Namespace: "CISBenchmark"},
					{Name: "app-errors", LogGroup: "/app/orders", Pattern: `ERROR`, MetricName: "OrderErrors", Namespace: "App"},
				},
				Alarms: []Alarm{
					{Name: "unauthorized-api-calls", MetricName: "UnauthorizedAPICalls", Namespace: "CISBenchmark", Actions: []string{"security-alerts"}},
					{Name: "root-usage", MetricName: "RootAccountUsage", Namespace: "CISBenchmark"},
				},
				// The main VPC's custom ACL admits SSH from anywhere (CIS 5.1),
				// behind a deny of RDP; a route table peers a whole /16 (5.5).
				NetworkACLs: []NetworkACL{
					{ID: "acl-0default", VPC: "vpc-0main", Default: true, Entries: []ACLEntry{
						{Rule: 100, Protocol: "-1", Allow: true, CIDR: "0.0.0.0/0"}, {Rule: 100, Protocol: "-1", Egress: true, Allow: true, CIDR: "0.0.0.0/0"}}},
					{ID: "acl-0web", VPC: "vpc-0main", Subnets: []string{"subnet-0web"}, Entries: []ACLEntry{
						{Rule: 90, Protocol: "6", CIDR: "0.0.0.0/0", From: 3389, To: 3389},
						{Rule: 100, Protocol: "6", Allow: true, CIDR: "0.0.0.0/0", From: 22, To: 22},
						{Rule: 110, Protocol: "6", Allow: true, CIDR: "0.0.0.0/0", From: 443, To: 443}}},
				},
				RouteTables: []RouteTable{
					{ID: "rtb-0main", VPC: "vpc-0main", CIDR: "10.0.0.0/16", Main: true, Routes: []Route{{Destination: "0.0.0.0/0", Gateway: "igw-0main"}}},
					{ID: "rtb-0private", VPC: "vpc-0main", CIDR: "10.0.0.0/16", Subnets: []string{"subnet-0db"}, Routes: []Route{
						{Destination: "0.0.0.0/0", NAT: "nat-0main"}, {Destination: "172.16.0.0/16", Peering: "pcx-0partner"}, {Destination: "172.31.5.0/24", Peering: "pcx-0partner"}}},
				},
				FileSystems: []FileSystem{
					{ID: "fs-0shared", Name: "shared", Encrypted: true, KMSKeyID: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
					{ID: "fs-0legacy", Name: "legacy"},
				},
				// The edge: a load balancer, distribution and API of each
				// kind done right beside one done wrong.
				LoadBalancers: []LoadBalancer{
					{Name: "web-alb", Type: "application", Scheme: "internet-facing", Zones: []string{"eu-west-1a", "eu-west-1b"},
						Listeners: []Listener{
							{Port: 80, Protocol: "HTTP", Redirect: "HTTPS"},
							{Port: 443, Protocol: "HTTPS", SSLPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", Cert: "arn:aws:acm:eu-west-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"},
						},
						AccessLogs: true, DeletionProtection: true, DropInvalidHeaders: true, DesyncMode: "defensive", CrossZone: true, WebACL: "web-edge"},
					{Name: "legacy-alb", Type: "application", Scheme: "internet-facing", Zones: []string{"eu-west-1a", "eu-west-1b"},
						Listeners: []Listener{
							{Port: 80, Protocol: "HTTP"},
							{Port: 443, Protocol: "HTTPS", SSLPolicy: "ELBSecurityPolicy-2016-08", Cert: "arn:aws:iam::111122223333:server-certificate/legacy-elb"},
							{Port: 8080, Protocol: "HTTP", Redirect: "#{protocol}"},
						},
						DesyncMode: "monitor", CrossZone: true},
					{Name: "db-nlb", Type: "network", Scheme: "internal", Zones: []string{"eu-west-1a"},
						Listeners: []Listener{{Port: 5432, Protocol: "TCP"}, {Port: 443, Protocol: "TLS", SSLPolicy: "ELBSecurityPolicy-TLS-1-1-2017-01", Cert: "arn:aws:acm:eu-west-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"}}},
				},
				ClassicLBs: []ClassicLB{
					{Name: "classic-web", Scheme: "internet-facing", Zones: []string{"eu-west-1a"},
						Listeners: []ClassicListener{
							{Protocol: "HTTP", Port: 80, InstanceProtocol: "HTTP", InstancePort: 80},
							{Protocol: "HTTPS", Port: 443, InstanceProtocol: "HTTP", InstancePort: 80, Cert: "arn:aws:iam::111122223333:server-certificate/legacy-elb",
								Policy: "AWSConsole-SSLNegotiationPolicy-classic-web", Reference: "ELBSecurityPolicy-2016-08"},
						},
						CrossZone: false, DesyncMode: "monitor"},
					{Name: "classic-internal", Scheme: "internal", Zones: []string{"eu-west-1a", "eu-west-1b"},
						Listeners: []ClassicListener{
							{Protocol: "SSL", Port: 443, InstanceProtocol: "TCP", InstancePort: 8443, Cert: "arn:aws:acm:eu-west-1:111122223333:certificate/12345678-1234-1234-1234-123456789012",
								Policy: "tls12", Reference: "ELBSecurityPolicy-TLS-1-2-2017-01"},
						},
						AccessLogs: true, CrossZone: true, Draining: true, DesyncMode: "strictest"},
				},
				RestAPIs: []RestAPI{
					{ID: "a1b2c3d4e5", Name: "orders-api", Endpoint: "REGIONAL", Authorizers: 1, Stages: []RestStage{
						{Name: "prod", AccessLogARN: "arn:aws:logs:eu-west-1:111122223333:log-group:api-access", LogLevel: "INFO", Tracing: true,
							ClientCert: "ab12cd", WebACL: "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/api/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", Cache: true, CacheEncrypted: true},
					}},
					{ID: "f6g7h8i9j0", Name: "legacy-api", Endpoint: "EDGE", Stages: []RestStage{
						{Name: "dev", Cache: true},
						{Name: "test", LogLevel: "OFF"},
					}},
				},
				DomainNames: []APIDomain{
					{Name: "api.example.com", SecurityPolicy: "TLS_1_2", Endpoint: "REGIONAL"},
					{Name: "old-api.example.com", SecurityPolicy: "TLS_1_0", Endpoint: "EDGE"},
				},
				HTTPAPIs: []HTTPAPI{
					{ID: "h1t2t3p4a5", Name: "events-http", Protocol: "HTTP", Authorizers: 1, Stages: []HTTPStage{{Name: "$default", AccessLogARN: "arn:aws:logs:eu-west-1:111122223333:log-group:events-access"}}},
					{ID: "w1s2c3h4a5", Name: "chat-ws", Protocol: "WEBSOCKET", Stages: []HTTPStage{{Name: "production"}}},
				},
				// Secrets: one that passes every control, one that fails them
				// (AWS key, no rotation, unread for a year, public), one shared
				// with a vendor account and one whose policy is broken.
				Secrets: []Secret{
					{Name: "prod/db-password", KMSKeyID: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", RotationDays: 30,
						LastRotated: day("2026-11-10"), LastAccessed: day("2026-11-30"), Created: day("2024-05-01"), Policy: secretPolicyOwn},
					{Name: "legacy/api-token", LastAccessed: day("2025-10-01"), Created: day("2024-01-15"), Policy: secretPolicyPublic},
					{Name: "vendor/feed-key", KMSKeyID: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", RotationDays: 90,
						LastRotated: day("2026-02-01"), LastAccessed: day("2026-11-29"), Created: day("2025-01-10"), Policy: secretPolicyVendor},
					{Name: "scratch/broken-policy", Created: day("2026-11-20"), Policy: `{"Statement": [`},
					{Name: "ops/aws-key-by-arn", KMSKeyID: "arn:aws:kms:eu-west-1:111122223333:key/aaaa1111-2222-3333-4444-555566667777", Created: day("2026-11-20"), LastAccessed: day("2026-11-29"), Policy: secretPolicyOwn},
				},
				// Topics and queues: one of each that passes every control
				// (a customer key, the owner's policy), a public one under the
				// AWS-managed key, one unencrypted, and broken answers.
				Topics: []Topic{
					{Name: "security-alerts", KMSKey: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
					{Name: "public-events", KMSKey: "alias/aws/sns", Policy: topicPolicyPublic},
					{Name: "build-notices"},
					{Name: "broken-policy", Policy: `{"Statement": [`},
					// The AWS-managed key given by its ARN, not alias/aws/sns:
					// only kms:DescribeKey tells it from a customer's.
					{Name: "ops-events", KMSKey: "arn:aws:kms:eu-west-1:111122223333:key/aaaa1111-2222-3333-4444-555566667777"},
				},
				Queues: []Queue{
					{Name: "orders", KMSKey: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", Policy: queuePolicyOwn},
					{Name: "orders-dlq", ManagedSSE: true},
					{Name: "webhooks-in", Policy: queuePolicyPublic},
					{Name: "legacy-jobs", KMSKey: "alias/aws/sqs", NoSSEAttribute: true},
					{Name: "ops-jobs", KMSKey: "aaaa1111-2222-3333-4444-555566667777"}, // the AWS-managed key by its ID
				},
				// Tables: one under a customer key with every protection, one
				// under the AWS-managed key, one on DynamoDB's own key without any.
				Tables: []Table{
					{Name: "orders", KMSKey: "1234abcd-12ab-34cd-56ef-1234567890ab", PITR: true, DeletionProtection: true},
					{Name: "sessions", KMSKey: "aaaa1111-2222-3333-4444-555566667777", PITR: true},
					{Name: "scratch"},
				},
				Subscriptions: []Subscription{
					{Topic: "security-alerts", Protocol: "email", Endpoint: "secops@example.com"},
					{Topic: "security-alerts", Protocol: "https", Endpoint: "https://hooks.example.com/aws", Pending: true},
				},
				// Compute: one function, repository and cluster that pass every
				// control, one that fails them, and the cases between.
				Functions: []LambdaFunction{
					{Name: "orders-api", Runtime: "python3.12", Tracing: "Active", Subnets: []string{"subnet-0db", "subnet-0web"},
						DLQ: "arn:aws:sqs:eu-west-1:111122223333:orders-dlq", KMSKey: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
						Env: map[string]string{"TABLE_NAME": "orders", "LOG_LEVEL": "info"}, Layers: []string{"arn:aws:lambda:eu-west-1:111122223333:layer:orders-common:4"},
						Policy: lambdaAPIPolicy, URLs: []FunctionURL{{AuthType: "AWS_IAM", CORSOrigins: []string{"https://app.example.com"}}}},
					// Every failure at once: a deprecated runtime, a key pair in
					// its environment, a public policy and URL, a layer of another account.
					{Name: "legacy-report", Runtime: "python3.7", Tracing: "PassThrough",
						Env:    map[string]string{"AWS_ACCESS_KEY_ID": "AKIAI44QH8DHBEXAMPLE", "AWS_SECRET_ACCESS_KEY": SampleSecret, "REPORT_BUCKET": "acme-site"},
						Layers: []string{"arn:aws:lambda:eu-west-1:999988887777:layer:shared-utils:3"},
						Policy: lambdaPublicPolicy, URLs: []FunctionURL{{AuthType: "NONE", CORSOrigins: []string{"*"}}, {Qualifier: "live", AuthType: "AWS_IAM"}}},
					// A container image (no runtime) whose environment Lambda could not decrypt.
					{Name: "thumbnailer", Image: true, Tracing: "PassThrough", KMSKey: "arn:aws:kms:eu-west-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321", EnvError: "AccessDeniedException"},
				},
				RegistryScanning: &RegistryScanning{Type: "BASIC", Rules: []ScanRule{{Frequency: "SCAN_ON_PUSH", Filters: []string{"prod-*"}}}},
				Repositories: []ECRRepository{
					{Name: "prod-api", Mutability: "IMMUTABLE", Encryption: "KMS", KMSKey: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", Lifecycle: ecrLifecycleJSON},
					{Name: "sandbox", Mutability: "MUTABLE", Encryption: "AES256", Policy: ecrPublicPolicy},
					{Name: "tools", Mutability: "IMMUTABLE", ScanOnPush: true, Encryption: "AES256", Lifecycle: ecrLifecycleJSON, Policy: ecrPartnerPolicy},
				},
				Clusters: []EKSCluster{
					{Name: "prod", Version: "1.34", Public: true, Private: true, CIDRs: []string{"203.0.113.0/24"},
						SecretsKey: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
						Logs:       []string{"api", "audit", "authenticator", "controllerManager", "scheduler"}, DeletionProtection: true},
					{Name: "dev", Version: "1.29", Public: true, CIDRs: []string{"0.0.0.0/0"}, Logs: []string{"api", "audit"}},
				},
				// GuardDuty: S3, EKS audit, RDS and runtime monitoring (EKS
				// agent managed) on; malware scanning and Lambda off. One high
				// finding past its 30 days, one low one, one archived.
				GuardDutyFeatures: []GuardDutyFeature{
					{Name: "CLOUD_TRAIL", Status: "ENABLED"}, {Name: "DNS_LOGS", Status: "ENABLED"}, {Name: "FLOW_LOGS", Status: "ENABLED"},
					{Name: "S3_DATA_EVENTS", Status: "ENABLED"}, {Name: "EKS_AUDIT_LOGS", Status: "ENABLED"},
					{Name: "EBS_MALWARE_PROTECTION", Status: "DISABLED"}, {Name: "RDS_LOGIN_EVENTS", Status: "ENABLED"},
					{Name: "LAMBDA_NETWORK_LOGS", Status: "DISABLED"},
					{Name: "RUNTIME_MONITORING", Status: "ENABLED", Additional: map[string]string{"EKS_ADDON_MANAGEMENT": "ENABLED", "ECS_FARGATE_AGENT_MANAGEMENT": "DISABLED", "EC2_AGENT_MANAGEMENT": "DISABLED"}},
				},
				GuardDutyFindings: []GuardDutyFinding{
					{ID: "1ec6b2a0e7c4d3f2a1b0c9d8e7f6a5b4", Type: "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", Title: "Credentials of user ci used from an IP address outside AWS",
						Severity: 8, ResourceType: "AccessKey", UserName: "ci", Created: day("2026-10-20"), Updated: day("2026-11-28"), Count: 14},
					{ID: "5fa0c1d2e3b4a5968778695a4b3c2d1e", Type: "Recon:EC2/PortProbeUnprotectedPort", Title: "Unprotected port on EC2 instance i-0aaa is being probed",
						Severity: 2, ResourceType: "Instance", InstanceID: "i-0aaa", Created: day("2026-11-25"), Updated: day("2026-11-30"), Count: 3},
					{ID: "9b8a7c6d5e4f30211203948576abcdef", Type: "Policy:S3/BucketBlockPublicAccessDisabled", Title: "Block Public Access was disabled for an S3 bucket",
						Severity: 2, ResourceType: "S3Bucket", Created: day("2026-06-01"), Updated: day("2026-06-01"), Archived: true, Count: 1},
				},
				// Inspector scans instances and images but not functions: a
				// critical CVE past its 7 days, a high one within its 30.
				Inspector: &Inspector{Status: "ENABLED", EC2: "ENABLED", ECR: "ENABLED", Lambda: "DISABLED", LambdaCode: "DISABLED", Findings: []InspectorFinding{
					{ID: "0f1e2d3c4b5a69788796a5b4c3d2e1f0", Title: "CVE-2024-6387 - openssh-server", Severity: "CRITICAL", Type: "PACKAGE_VULNERABILITY", CVE: "CVE-2024-6387", Package: "openssh-server",
						ResourceType: "AWS_EC2_INSTANCE", Resource: "i-0aaa", Fix: "YES", FirstSeen: day("2026-11-10"), LastSeen: day("2026-11-30")},
					{ID: "a9b8c7d6e5f4031221304958a6b7c8d9", Title: "CVE-2023-44487 - nghttp2", Severity: "HIGH", Type: "PACKAGE_VULNERABILITY", CVE: "CVE-2023-44487", Package: "nghttp2",
						ResourceType: "AWS_ECR_CONTAINER_IMAGE", Resource: "arn:aws:ecr:eu-west-1:111122223333:repository/prod-api/sha256:88b8a6f0c4e2", Fix: "NO", FirstSeen: day("2026-11-20"), LastSeen: day("2026-11-30")},
					{ID: "c3d4e5f60718293a4b5c6d7e8f901a2b", Title: "Port 22 is reachable from an Internet Gateway", Severity: "MEDIUM", Type: "NETWORK_REACHABILITY",
						ResourceType: "AWS_EC2_INSTANCE", Resource: "i-0aaa", Fix: "YES", FirstSeen: day("2026-11-28"), LastSeen: day("2026-11-30")},
				}},
			},
			"us-east-1": {
				SecurityGroups: []SecurityGroup{{ID: "sg-1default", Name: "default", VPC: "vpc-1default"}},
				VPCs:           []VPC{{ID: "vpc-1default", Default: true}},
				// Advanced selectors: management events, and S3 reads of one bucket only (not all buckets).
				Trails: []Trail{{Name: "local-trail", Bucket: "acme-logs", Advanced: []AdvancedSelector{
					{Name: "management", Fields: []FieldSelector{{Field: "eventCategory", Equals: []string{"Management"}}}},
					{Name: "site reads", Fields: []FieldSelector{{Field: "eventCategory", Equals: []string{"Data"}}, {Field: "resources.type", Equals: []string{"AWS::S3::Object"}},
						{Field: "readOnly", Equals: []string{"true"}}, {Field: "resources.ARN", StartsWith: []string{"arn:aws:s3:::acme-site/"}}}},
				}}},
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
	sampleBackup(main.Regions["eu-west-1"])
	sampleBackupDR(main.Regions["us-east-1"])
	// The management account's organisation: SCPs on, the leave and
	// region denies on the root, the security-services deny only on one
	// OU, a detached draft, and delegated administrators for GuardDuty and
	// Security Hub but not Config. The second account is in no
	// organisation (SampleWithMember makes it a member).
	main.Organization = &Organization{
		ID: "o-a1b2c3d4e5", ManagementAccount: SampleAccount, FeatureSet: "ALL", RootID: "r-a1b2",
		RootPolicyTypes: []string{"SERVICE_CONTROL_POLICY", "TAG_POLICY"},
		SCPs: []SCP{
			{ID: "p-FullAWSAccess", Name: "FullAWSAccess", AWSManaged: true, Content: scpFullAccess, Targets: []SCPTarget{{ID: "r-a1b2", Type: "ROOT", Name: "Root"}}},
			{ID: "p-leave0001", Name: "deny-leave-organization", Content: scpDenyLeave, Targets: []SCPTarget{{ID: "r-a1b2", Type: "ROOT", Name: "Root"}}},
			{ID: "p-secsvc0001", Name: "protect-security-services", Content: scpProtectSecurity, Targets: []SCPTarget{{ID: "ou-a1b2-workload", Type: "ORGANIZATIONAL_UNIT", Name: "Workloads"}}},
			{ID: "p-regions001", Name: "allowed-regions", Content: scpRegionDeny, Targets: []SCPTarget{{ID: "r-a1b2", Type: "ROOT", Name: "Root"}, {ID: "555566667777", Type: "ACCOUNT", Name: "security-tooling"}}},
			{ID: "p-draft00001", Name: "draft-protect-cloudtrail", Content: scpDraftTrail},
		},
		Delegated: []DelegatedAdmin{{Account: "555566667777", Services: []string{"guardduty.amazonaws.com", "securityhub.amazonaws.com"}}},
	}
	return &Estate{Accounts: []*Account{main, other}}
}

// SampleWithMember is Sample with its second account a member of the
// first one's organisation: it may describe the organisation, and is
// denied its root, policies and delegated administrators.
func SampleWithMember() *Estate {
	e := Sample()
	e.Accounts[1].Organization = e.Accounts[0].Organization
	return e
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
