// Package awstest is an in-process AWS stand-in for tests and benchmarks.
// It speaks the wire protocols the real SDK clients use — the query
// protocol with XML answers (IAM, STS, EC2, RDS, SNS), REST-XML (S3, S3
// Control), JSON 1.1 (KMS, CloudTrail, Config, CloudWatch Logs, ECR, Organizations), REST-JSON
// (GuardDuty, Account, Access Analyzer, Macie, Security Hub, EFS, Lambda, EKS) and RPC v2
// CBOR (CloudWatch) — so signing, serialisation, pagination, retries and error
// decoding of aws-sdk-go-v2 run for real. Response bodies are templates in
// testdata/, shaped after the examples of the AWS API reference. Faults
// (throttling, access denied, 5xx, latency, empty and truncated 200
// bodies) are injected per operation.
package awstest

import "time"

// Estate is everything the stand-in serves, by account.
type Estate struct {
	Accounts []*Account
}

// Account is one AWS account of the estate.
type Account struct {
	ID string
	// AccessKeyID is the key whose requests reach this account directly.
	AccessKeyID string
	// Roles are role ARNs that may be assumed into this account.
	Roles []string
	// Regions are the enabled regions and what they hold.
	Regions map[string]*Region
	// DisabledRegions are opt-in regions not enabled in the account.
	DisabledRegions []string

	Users           []User
	Groups          []Group
	IAMRoles        []Role   // the account's IAM roles (Roles: who may assume in)
	Policies        []Policy // customer-managed and AWS-managed, attached or not
	Buckets         []Bucket
	PasswordPolicy  *PasswordPolicy
	RootMFA         bool
	RootAccessKeys  int
	PublicAccess    *PublicAccessBlock // account-level S3 Block Public Access
	SecurityContact string             // e-mail address, empty when not set

	// The account-wide settings of CIS AWS section 1 (iam_account.go).
	RootVirtualMFA bool     // the root user's MFA device is a virtual one
	SAMLProviders  []string // provider names
	OIDCProviders  []string // provider URLs without https://
	ServerCerts    []ServerCert
	Contact        *Contact // the primary contact; nil when not set

	Distributions []Distribution // CloudFront (global)
	// Organization is the AWS Organization the account is in (shared by
	// its accounts); nil: in none (organizations.go).
	Organization *Organization
}

// ServerCert is an IAM server certificate.
type ServerCert struct {
	Name     string
	Uploaded time.Time
	Expires  time.Time
}

// Contact is the account's primary contact (GetContactInformation).
type Contact struct {
	FullName, Address, Country, Phone string
}

// Region holds the regional resources of one account.
type Region struct {
	SecurityGroups []SecurityGroup
	Instances      []Instance
	Volumes        []Volume
	VPCs           []VPC
	Trails         []Trail
	Keys           []Key
	DBs            []DB
	DBClusters     []DBCluster
	DBSnapshots    []DBSnapshot
	EventSubs      []EventSub
	ParamGroups    []ParamGroup // custom parameter groups (rds_params.go)
	// The EC2 depth of issue 18 (ec2_depth.go).
	Subnets         []Subnet
	Snapshots       []Snapshot
	Images          []Image
	LaunchTemplates []LaunchTemplate
	SnapshotBPA     string // block-all-sharing, block-new-sharing; "" is unblocked
	ImageBPA        string // block-new-sharing; "" is unblocked
	IMDSDefault     string // the account default http_tokens; "" is none set
	EBSDefault      bool
	GuardDuty       string // detector status, "" when there is no detector
	// The detector's protection plans and findings (guardduty_findings.go).
	GuardDutyFeatures []GuardDutyFeature
	GuardDutyFindings []GuardDutyFinding
	Inspector         *Inspector // nil: Inspector never enabled (inspector.go)
	Recorder          *Recorder
	Analyzers         []Analyzer // IAM Access Analyzer
	Macie             string     // session status (ENABLED, PAUSED), "" when Macie is off
	SecurityHub       bool       // subscribed to Security Hub
	// The CIS 4.x monitoring chain: log group → metric filter → alarm → topic.
	LogGroups     []LogGroup // logs.go
	MetricFilters []MetricFilter
	Alarms        []Alarm
	Subscriptions []Subscription
	NetworkACLs   []NetworkACL
	RouteTables   []RouteTable
	FileSystems   []FileSystem
	// The edge: load balancers and API Gateway (elb.go, apigateway.go).
	LoadBalancers []LoadBalancer
	ClassicLBs    []ClassicLB
	RestAPIs      []RestAPI
	DomainNames   []APIDomain
	HTTPAPIs      []HTTPAPI
	// Compute (lambda.go, ecr.go, eks.go).
	Functions        []LambdaFunction
	Repositories     []ECRRepository
	RegistryScanning *RegistryScanning // nil: the default BASIC configuration without rules
	Clusters         []EKSCluster
	Secrets          []Secret // Secrets Manager (secretsmanager.go)
	Topics           []Topic  // SNS topics (sns_topics.go)
	Queues           []Queue  // SQS (sqs.go)
	Tables           []Table  // DynamoDB (dynamodb.go)
	// AWS Backup (backup.go).
	BackupPlans  []BackupPlan
	BackupVaults []BackupVault
	Protected    []ProtectedResource
}

// NetworkACL is a VPC network ACL; the stand-in adds the default deny
// entries (rule 32767, both directions) as EC2 does.
type NetworkACL struct {
	ID, VPC string
	Default bool
	Subnets []string
	Entries []ACLEntry
}

type ACLEntry struct {
	Rule     int
	Protocol string // "-1", "6", "17"
	Egress   bool
	Allow    bool
	CIDR     string
	From, To int // ports, for protocols 6 and 17
}

// ACLEntries are the entries EC2 answers with: the ACL's and the default denies.
func (a NetworkACL) ACLEntries() []ACLEntry {
	return append(append([]ACLEntry(nil), a.Entries...),
		ACLEntry{Rule: 32767, Protocol: "-1", CIDR: "0.0.0.0/0"}, ACLEntry{Rule: 32767, Protocol: "-1", Egress: true, CIDR: "0.0.0.0/0"})
}

// RouteTable is a VPC route table; the local route is added as EC2 does.
type RouteTable struct {
	ID, VPC, CIDR string
	Main          bool
	Subnets       []string
	Routes        []Route
}

// Route has one target: a gateway (igw-, vgw-), NAT gateway or peering connection.
type Route struct {
	Destination string
	Gateway     string
	NAT         string
	Peering     string
}

type Subnet struct {
	ID, VPC, CIDR, AZ string
	PublicIPs         bool // MapPublicIpOnLaunch
}

type Snapshot struct {
	ID, Volume string
	Encrypted  bool
	Public     bool     // createVolumePermission for group all
	SharedWith []string // account IDs
}

type Image struct {
	ID, Name string
	Public   bool
}

// LaunchTemplate is a template with one version, its default.
type LaunchTemplate struct {
	ID, Name   string
	HTTPTokens string // "" sets no metadata options
	PublicIP   bool
	UserData   string // plain text, sent base64-encoded
}

type FileSystem struct {
	ID, Name  string
	Encrypted bool
	KMSKeyID  string
}

// MetricFilter is a CloudWatch Logs metric filter with one transformation.
type MetricFilter struct {
	Name, LogGroup, Pattern, MetricName, Namespace string
}

// Alarm is a CloudWatch metric alarm; Actions are topic names.
type Alarm struct {
	Name, MetricName, Namespace string
	Actions                     []string
}

// Subscription is an SNS subscription of the topic named Topic; Pending
// ones have no ARN yet.
type Subscription struct {
	Topic, Protocol, Endpoint string
	Pending                   bool
}

// Analyzer is an IAM Access Analyzer analyzer.
type Analyzer struct {
	Name, Type, Status string // Type ACCOUNT, ORGANIZATION, ACCOUNT_UNUSED_ACCESS …; Status ACTIVE …
}

type User struct {
	Name       string
	Created    time.Time
	Password   bool
	MFASerials []string
	AccessKeys []AccessKey
	Groups     []string
	Attached   []string // policy ARNs
	Inline     []InlinePolicy
}

// Group is an IAM group; its members are the users naming it in Groups,
// as IAM derives them.
type Group struct {
	Name     string
	Path     string // "" is "/"
	Created  time.Time
	Attached []string // policy ARNs
	Inline   []InlinePolicy
}

// Role is an IAM role.
type Role struct {
	Name             string
	Path             string // "" is "/"
	Created          time.Time
	Trust            string // the assume-role policy, JSON (sent URL-encoded)
	Attached         []string
	Inline           []InlinePolicy
	InstanceProfiles []string // instance profile names
	Boundary         string   // permissions boundary policy ARN, "" when none
	LastUsed         time.Time
	LastUsedRegion   string
	MaxSession       int // seconds; 0 is IAM's default, 3600
}

// InlinePolicy is a policy embedded in a user, group or role.
type InlinePolicy struct {
	Name     string
	Document string // JSON, sent URL-encoded; any string, to test broken ones
}

type AccessKey struct {
	ID       string
	Active   bool
	Created  time.Time
	LastUsed time.Time // zero: never used
}

// Policy is a managed policy. Its attachment count is derived from the
// users, groups and roles that attach it.
type Policy struct {
	Name       string
	Path       string // "" is "/"
	AWSManaged bool   // arn:aws:iam::aws:policy/<path><name>
	Document   string // JSON
}

// ARN is the policy's ARN in account.
func (p Policy) ARN(account string) string {
	owner := account
	if p.AWSManaged {
		owner = "aws"
	}
	return "arn:aws:iam::" + owner + ":policy" + orRoot(p.Path) + p.Name
}

func orRoot(path string) string {
	if path == "" {
		return "/"
	}
	return path
}

type PasswordPolicy struct {
	MinLength     int
	Symbols       bool
	Numbers       bool
	Uppercase     bool
	Lowercase     bool
	MaxAge        int // 0: no expiry
	ReusePrevent  int
	AllowChange   bool
	ExpirePasswds bool
}

type PublicAccessBlock struct {
	BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets bool
}

type Bucket struct {
	Name         string
	Region       string
	Created      time.Time
	SSEAlgorithm string // "" when there is no default encryption
	KMSKeyID     string
	PublicAccess *PublicAccessBlock
	Versioning   string // "", Enabled, Suspended
	LogTarget    string // "" when access logging is off
	Policy       string // JSON, "" when there is none
	PublicRead   bool   // an AllUsers READ grant in the ACL
	// Ownership is the Object Ownership rule (BucketOwnerEnforced,
	// BucketOwnerPreferred, ObjectWriter), "" when the bucket has none.
	Ownership string
	// ObjectLock is the default retention mode (GOVERNANCE, COMPLIANCE),
	// "Enabled" for object lock without a default rule, "" when off.
	ObjectLock string
	LockDays   int
}

type SecurityGroup struct {
	ID, Name, VPC string
	Ingress       []Rule
}

type Rule struct {
	Protocol   string
	From, To   int
	CIDRs      []string
	IPv6CIDRs  []string
	HasPorts   bool
	SourceSGID string
}

type Instance struct {
	ID         string
	PublicIP   string
	HTTPTokens string // optional | required
	// SecurityGroups are the IDs of the groups attached to the instance's
	// primary network interface, in the order DescribeInstances lists them.
	SecurityGroups []string
	UserData       string // plain text, sent base64-encoded by DescribeInstanceAttribute
}

type Volume struct {
	ID        string
	Encrypted bool
	Size      int
}

type VPC struct {
	ID        string
	Default   bool
	FlowLogID string // "" when the VPC has no flow log
}

type Trail struct {
	Name        string
	MultiRegion bool
	Validation  bool
	KMSKeyID    string
	Logging     bool
	Bucket      string
	// Selectors are the basic event selectors; with neither these nor
	// Advanced the trail has CloudTrail's default, management events All.
	Selectors []EventSelector
	Advanced  []AdvancedSelector
	LogGroup  string // CloudWatch Logs log group name, "" when not set
}

// EventSelector is a basic event selector; S3Values are the
// AWS::S3::Object data resource's values (none: no data events).
type EventSelector struct {
	ReadWrite  string // All, ReadOnly, WriteOnly
	Management bool
	S3Values   []string
}

// AdvancedSelector is an advanced event selector.
type AdvancedSelector struct {
	Name   string
	Fields []FieldSelector
}

type FieldSelector struct {
	Field              string
	Equals, StartsWith []string
}

// EventSelectorsOrDefault are the basic selectors GetEventSelectors answers with.
func (t Trail) EventSelectorsOrDefault() []EventSelector {
	if len(t.Selectors) == 0 && len(t.Advanced) == 0 {
		return []EventSelector{{ReadWrite: "All", Management: true}}
	}
	return t.Selectors
}

type Key struct {
	ID       string
	Customer bool
	Spec     string // SYMMETRIC_DEFAULT, RSA_2048 …
	Rotation bool
	// Policy is the key policy JSON; "" answers the default policy KMS
	// writes (the account's root, i.e. IAM decides). kms_policy.go.
	Policy string
}

type DB struct {
	ID            string
	Encrypted     bool
	Public        bool
	BackupDays    int
	DeletionGuard bool
	// The depth of issue 18 (rds_depth.go).
	Engine        string // "" is mysql
	Cluster       string // the cluster the instance belongs to, "" when stand-alone
	IAMAuth       bool
	MonitorSecs   int
	CopyTags      bool
	Port          int // 0 is the engine's default
	LogExports    []string
	MasterUser    string // "" is admin
	MultiAZ       bool
	NoMonitorInfo bool   // the answer leaves MonitoringInterval out
	ParamGroup    string // the DB parameter group; "" is the engine's default group
}

// DBSnapshot is a DB snapshot, or a DB cluster snapshot when Cluster.
type DBSnapshot struct {
	ID, Source string
	Cluster    bool
	Automated  bool
	Encrypted  bool
	Public     bool     // restore: all
	SharedWith []string // restore: account IDs
}

// EventSub is an RDS event subscription.
type EventSub struct {
	Name, SourceType string
	Categories       []string // empty: all
	Disabled         bool
}

// DBCluster is an Aurora or Multi-AZ DB cluster; its members are the DBs
// naming it in Cluster.
type DBCluster struct {
	ID            string
	Engine        string
	Encrypted     bool
	DeletionGuard bool
	IAMAuth       bool
	BackupDays    int
	Backtrack     int // seconds, 0 = off
	MultiAZ       bool
	CopyTags      bool
	Port          int
	LogExports    []string
	MasterUser    string
	ParamGroup    string // the cluster parameter group; "" is the engine's default group
}

// ParamGroup is a custom DB (or, with Cluster, DB cluster) parameter group
// with the values set in it; the stand-in answers a default group
// (default.<family>) with the engine defaults itself.
type ParamGroup struct {
	Name    string
	Cluster bool
	Values  map[string]string
}

type Recorder struct {
	Name         string
	Recording    bool
	AllSupported bool
	Global       bool
}
