package aws

import (
	"context"
	"slices"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"golang.org/x/sync/errgroup"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// rdsSnapshotRow is one DB or DB cluster snapshot before its restore
// permission is read.
type rdsSnapshotRow struct {
	arn, id, kind, source, typ, engine string
	encrypted                          bool
}

// rdsSnapshots lists the region's DB snapshots and DB cluster snapshots;
// either listing failing leaves the type not collected in the region (a
// half list would read as the whole one).
func (r *run) rdsSnapshots(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := rds.NewFromConfig(cfg)
	var rows []rdsSnapshotRow
	err := listAll(ctx, rds.NewDescribeDBSnapshotsPaginator(c, &rds.DescribeDBSnapshotsInput{}), func(page *rds.DescribeDBSnapshotsOutput) (*string, error) {
		for _, s := range page.DBSnapshots {
			rows = append(rows, rdsSnapshotRow{sdkaws.ToString(s.DBSnapshotArn), sdkaws.ToString(s.DBSnapshotIdentifier), "instance",
				sdkaws.ToString(s.DBInstanceIdentifier), sdkaws.ToString(s.SnapshotType), sdkaws.ToString(s.Engine), sdkaws.ToBool(s.Encrypted)})
		}
		return page.Marker, nil
	})
	if err != nil {
		r.gap(ctx, TypeRDSSnapshot, sc, "rds:DescribeDBSnapshots", err)
		return nil
	}
	err = listAll(ctx, rds.NewDescribeDBClusterSnapshotsPaginator(c, &rds.DescribeDBClusterSnapshotsInput{}), func(page *rds.DescribeDBClusterSnapshotsOutput) (*string, error) {
		for _, s := range page.DBClusterSnapshots {
			rows = append(rows, rdsSnapshotRow{sdkaws.ToString(s.DBClusterSnapshotArn), sdkaws.ToString(s.DBClusterSnapshotIdentifier), "cluster",
				sdkaws.ToString(s.DBClusterIdentifier), sdkaws.ToString(s.SnapshotType), sdkaws.ToString(s.Engine), sdkaws.ToBool(s.StorageEncrypted)})
		}
		return page.Marker, nil
	})
	if err != nil {
		r.gap(ctx, TypeRDSSnapshot, sc, "rds:DescribeDBClusterSnapshots", err)
		return nil
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.opts.Concurrency)
	for _, row := range rows {
		g.Go(func() error {
			res := r.rdsSnapshot(gctx, c, sc, row)
			if gctx.Err() == nil {
				r.add(res)
			}
			return nil
		})
	}
	return g.Wait()
}

func (r *run) rdsSnapshot(ctx context.Context, c *rds.Client, sc evidence.Scope, row rdsSnapshotRow) evidence.Resource {
	attrs := map[string]any{
		"snapshot_identifier": row.id, "kind": row.kind, "source": row.source,
		"snapshot_type": row.typ, "engine": row.engine, "encrypted": row.encrypted,
	}
	unknown := map[string]string{}
	res := evidence.Resource{Type: TypeRDSSnapshot, ID: row.arn, Scope: sc, Attributes: attrs, Unknown: unknown}
	if row.typ == "automated" {
		// RDS refuses to share automated snapshots (a copy must be made).
		attrs["public"], attrs["shared_with_accounts"] = false, []string{}
		return res
	}
	var values []string
	action := "rds:DescribeDBSnapshotAttributes"
	var err error
	if row.kind == "cluster" {
		action = "rds:DescribeDBClusterSnapshotAttributes"
		var out *rds.DescribeDBClusterSnapshotAttributesOutput
		out, err = c.DescribeDBClusterSnapshotAttributes(ctx, &rds.DescribeDBClusterSnapshotAttributesInput{DBClusterSnapshotIdentifier: sdkaws.String(row.id)})
		if err == nil && out.DBClusterSnapshotAttributesResult == nil {
			err = errMissing("DBClusterSnapshotAttributesResult")
		}
		if err == nil {
			for _, a := range out.DBClusterSnapshotAttributesResult.DBClusterSnapshotAttributes {
				if sdkaws.ToString(a.AttributeName) == "restore" {
					values = append(values, a.AttributeValues...)
				}
			}
		}
	} else {
		var out *rds.DescribeDBSnapshotAttributesOutput
		out, err = c.DescribeDBSnapshotAttributes(ctx, &rds.DescribeDBSnapshotAttributesInput{DBSnapshotIdentifier: sdkaws.String(row.id)})
		if err == nil && out.DBSnapshotAttributesResult == nil {
			err = errMissing("DBSnapshotAttributesResult")
		}
		if err == nil {
			for _, a := range out.DBSnapshotAttributesResult.DBSnapshotAttributes {
				if sdkaws.ToString(a.AttributeName) == "restore" {
					values = append(values, a.AttributeValues...)
				}
			}
		}
	}
	if err != nil {
		reason := r.unknownReason(sc, "restore permission of "+row.id, action, err)
		unknown["public"], unknown["shared_with_accounts"] = reason, reason
		return res
	}
	accounts := []string{}
	for _, v := range values {
		if v != "all" {
			accounts = append(accounts, v)
		}
	}
	slices.Sort(accounts)
	attrs["public"], attrs["shared_with_accounts"] = slices.Contains(values, "all"), accounts
	return res
}

// rdsEventSubscriptions records the region's RDS event subscriptions on
// the account, where the controls ask whether one covers the critical
// categories.
func (r *run) rdsEventSubscriptions(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope, acct *accountState) error {
	c := rds.NewFromConfig(cfg)
	attr := "regions." + sc.Region + ".rds_event_subscriptions"
	subs := []any{}
	err := listAll(ctx, rds.NewDescribeEventSubscriptionsPaginator(c, &rds.DescribeEventSubscriptionsInput{}), func(page *rds.DescribeEventSubscriptionsOutput) (*string, error) {
		for _, s := range page.EventSubscriptionsList {
			subs = append(subs, map[string]any{
				"name":             sdkaws.ToString(s.CustSubscriptionId),
				"source_type":      sdkaws.ToString(s.SourceType),
				"event_categories": nonNilStrings(s.EventCategoriesList),
				"source_ids":       nonNilStrings(s.SourceIdsList),
				"enabled":          sdkaws.ToBool(s.Enabled),
			})
		}
		return page.Marker, nil
	})
	if err != nil {
		acct.unknownAttr(attr, r.unknownReason(sc, "rds_event_subscriptions", "rds:DescribeEventSubscriptions", err))
		return nil
	}
	acct.setRegion(sc.Region, "rds_event_subscriptions", subs)
	return nil
}
