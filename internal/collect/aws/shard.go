package aws

import (
	"context"
	"fmt"
	"slices"
)

// Service groups: the slices of one account a `rampart worker` job
// collects. GroupGlobal is the account-wide services (IAM, S3, account
// settings) and the regions list; each regional group is one region's
// services of one kind. Together they are exactly what an unsharded
// collection does, each task in one group.
const (
	GroupGlobal   = "global"
	GroupNetwork  = "network"
	GroupLogging  = "logging"
	GroupData     = "data"
	GroupSecurity = "security"
	GroupCompute  = "compute"
)

// RegionalGroups are the groups collected once per region, in order.
var RegionalGroups = []string{GroupNetwork, GroupLogging, GroupData, GroupSecurity, GroupCompute}

// regionalGroupOf is the group of each regional task, by its name in
// regionalTasks; a task missing here fails Shard validation in tests
// (TestEveryRegionalTaskHasAGroup), so a new service cannot be silently
// left out of every shard.
var regionalGroupOf = map[string]string{
	"ec2 security groups": GroupNetwork, "ec2 instances": GroupNetwork, "ec2 volumes": GroupNetwork,
	"vpcs": GroupNetwork, "network acls": GroupNetwork, "route tables": GroupNetwork,
	"ebs default encryption": GroupNetwork, "ec2 account defaults": GroupNetwork, "subnets": GroupNetwork,
	"ebs snapshots": GroupNetwork, "amis": GroupNetwork, "launch templates": GroupNetwork,
	"elbv2": GroupNetwork, "elb classic": GroupNetwork, "apigateway rest apis": GroupNetwork,
	"apigateway domain names": GroupNetwork, "apigatewayv2 apis": GroupNetwork,
	"cloudtrail": GroupLogging, "logs log groups": GroupLogging, "logs metric filters": GroupLogging,
	"cloudwatch alarms": GroupLogging, "sns subscriptions": GroupLogging,
	"kms": GroupData, "rds": GroupData, "efs": GroupData, "rds clusters": GroupData,
	"rds snapshots": GroupData, "rds event subscriptions": GroupData, "secrets manager": GroupData,
	"sns topics": GroupData, "sqs": GroupData, "dynamodb": GroupData,
	"backup plans": GroupData, "backup vaults": GroupData, "backup protected resources": GroupData,
	"guardduty": GroupSecurity, "config": GroupSecurity, "access analyzer": GroupSecurity,
	"macie": GroupSecurity, "security hub": GroupSecurity, "inspector": GroupSecurity,
	"lambda": GroupCompute, "ecr": GroupCompute, "eks": GroupCompute,
}

// GroupTypes are the resource types each group lists; a shard that could
// not be collected is recorded as not_collected for these (the aws.account
// resource is assembled from every group and is listed for all).
var GroupTypes = map[string][]string{
	GroupGlobal: globalTypes,
	GroupNetwork: {TypeAccount, TypeSecurityGroup, TypeInstance, TypeVolume, TypeVPC, TypeNetworkACL, TypeRouteTable, TypeSubnet, TypeSnapshot, TypeImage, TypeLaunchTemplate,
		TypeELBv2LoadBalancer, TypeELBLoadBalancer, TypeAPIGatewayRestAPI, TypeAPIGatewayDomainName, TypeAPIGatewayV2API},
	GroupLogging: {TypeAccount, TypeTrail, TypeLogGroup, TypeMetricFilter, TypeAlarm, TypeSubscription},
	GroupData: {TypeAccount, TypeKMSKey, TypeRDSInstance, TypeRDSCluster, TypeRDSSnapshot, TypeEFSFileSystem, TypeSecret, TypeSNSTopic, TypeSQSQueue, TypeDynamoDBTable,
		TypeBackupPlan, TypeBackupSelection, TypeBackupVault, TypeBackupProtectedResource},
	GroupSecurity: {TypeAccount, TypeGuardDutyDetector, TypeInspectorAccount},
	GroupCompute:  {TypeAccount, TypeLambdaFunction, TypeECRRepository, TypeEKSCluster},
}

// Shard narrows a collection to one service group of its targets: with
// GroupGlobal, the account-wide services; with a regional group, that
// group's services in the targets' regions (set Target.Regions to the one
// region of the job). Each shard's snapshot carries its own partial
// aws.account resource, which the caller merges (internal/worker). The
// zero value collects everything.
type Shard struct {
	Group string
}

func (s Shard) check() error {
	if s.Group == "" || s.Group == GroupGlobal || slices.Contains(RegionalGroups, s.Group) {
		return nil
	}
	return fmt.Errorf("aws shard: unknown service group %q", s.Group)
}

func (s Shard) global() bool { return s.Group == "" || s.Group == GroupGlobal }

func (s Shard) regional() bool { return s.Group != GroupGlobal }

// only keeps the regional tasks of the shard's group.
func (s Shard) only(tasks []task) []task {
	if s.Group == "" {
		return tasks
	}
	var out []task
	for _, t := range tasks {
		if regionalGroupOf[t.name] == s.Group {
			out = append(out, t)
		}
	}
	return out
}

// types are the regional types the shard read completely: all of them
// unsharded, else those of its group — a shard must not claim for the
// collected list a type another group's job reads.
func (s Shard) types(regional []string) []string {
	if s.Group == "" {
		return regional
	}
	return slices.DeleteFunc(slices.Clone(regional), func(t string) bool { return !slices.Contains(GroupTypes[s.Group], t) })
}

// Regions are the regions a collection of t would cover: the enabled
// regions of the account (or t's regions that are enabled), so that a
// planner can make one job per region before any of them runs. It makes
// the same STS and DescribeRegions calls a collection makes.
func Regions(ctx context.Context, opts Options, t Target) ([]string, error) {
	r, err := newRun(ctx, opts)
	if err != nil {
		return nil, err
	}
	return r.accountRegions(ctx, t)
}

func (r *run) accountRegions(ctx context.Context, t Target) ([]string, error) {
	cfg, _ := r.accountConfig(t)
	return r.regions(ctx, cfg, t, t.AccountID)
}

// MergeTargets joins targets naming the same account (and role) as a
// collection does: a target without regions means every region, and wins.
func MergeTargets(ts []Target) []Target { return mergeTargets(ts) }
