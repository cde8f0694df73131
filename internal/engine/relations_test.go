package engine

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// metaRelated is meta with custom.related lines (already indented under it).
func metaRelated(id, types, related string) string {
	return strings.Replace(meta(id, types), "#   remediation:", "#   related:\n"+related+"#   remediation:", 1)
}

// trailsControl fails an account where no related trail is multi-region.
var trailsControl = metaRelated("TST-REL-001", "aws.account", "#     trails: {type: aws.cloudtrail.trail, join: account}\n") + `package test.rel.trails

deny contains "no multi-region trail" if {
	count([t | some t in input.related.trails; t.attributes.is_multi_region_trail == true]) == 0
}
`

// bucketControl fails a trail whose related bucket does not log access.
var bucketControl = metaRelated("TST-REL-002", "aws.cloudtrail.trail", "#     bucket: {type: aws.s3.bucket, join: {attribute: s3_bucket_name, key: name}}\n") + `package test.rel.bucket

deny contains sprintf("bucket %s does not log", [b.attributes.name]) if {
	some b in input.related.bucket
	b.attributes.logging.enabled == false
}

unknown contains "bucket not in the evidence" if count(input.related.bucket) == 0
`

// groupsControl lists the IDs of the related groups, by region and by
// reference, in its deny message, so a test sees exactly what was joined.
var groupsControl = metaRelated("TST-REL-003", "test.instance", "#     groups: {type: test.group, join: {attribute: net.group_ids}}\n#     local: {type: test.group, join: region}\n") + `package test.rel.groups

deny contains sprintf("groups=%v local=%v", [[g.id | some g in input.related.groups], [g.id | some g in input.related.local]]) if true
`

// otherTrails reuses the name trails with another join: it must see its own.
var otherTrails = metaRelated("TST-REL-004", "aws.account", "#     trails: {type: aws.cloudtrail.trail, join: region}\n") + `package test.rel.other

deny contains sprintf("trails=%d", [count(input.related.trails)]) if true
`

func account(id, acct string) evidence.Resource {
	return evidence.Resource{Type: "aws.account", ID: id, Scope: evidence.Scope{Platform: "aws", AccountID: acct}, Attributes: map[string]any{}}
}

func trail(id, acct, region string, attrs map[string]any) evidence.Resource {
	return evidence.Resource{Type: "aws.cloudtrail.trail", ID: id, Scope: evidence.Scope{Platform: "aws", AccountID: acct, Region: region}, Attributes: attrs}
}

func bucket(name, acct string, logging bool) evidence.Resource {
	return evidence.Resource{Type: "aws.s3.bucket", ID: "arn:aws:s3:::" + name, Scope: evidence.Scope{Platform: "aws", AccountID: acct, Region: "eu-west-1"},
		Attributes: map[string]any{"name": name, "logging": map[string]any{"enabled": logging}}}
}

func tfResource(typ, id string, attrs map[string]any, unknown map[string]string) evidence.Resource {
	return evidence.Resource{Type: typ, ID: id, Scope: evidence.Scope{Platform: "terraform", Path: "main.tf", Region: "eu-west-1"}, Attributes: attrs, Unknown: unknown}
}

// readEverywhere lists every registered type (and the tests' own) as read
// in every scope of each platform: the cases here and the join benchmark
// are about joins and gaps, collected_test.go about the list.
var readEverywhere = func() []evidence.Collected {
	types := append(evidence.ResourceTypeNames(), "test.group", "test.instance")
	var out []evidence.Collected
	for _, p := range []string{"aws", "terraform", "test"} {
		out = append(out, evidence.CollectedScope(evidence.Scope{Platform: p}, types...))
	}
	return out
}()

var multiRegion = map[string]any{"is_multi_region_trail": true, "s3_bucket_name": "logs"}

func TestRelations(t *testing.T) {
	t.Parallel()
	e, err := load(t, map[string]string{"trails.rego": trailsControl, "bucket.rego": bucketControl, "groups.rego": groupsControl, "other.rego": otherTrails})
	require.NoError(t, err)
	gap := func(typ, acct, region, perm string) evidence.NotCollected {
		return evidence.NotCollected{ResourceType: typ, Scope: evidence.Scope{Platform: "aws", AccountID: acct, Region: region},
			ScopeID: "aws:" + acct + "/" + region, Reason: "AccessDenied", MissingPermission: perm}
	}
	group := func(id, region string) evidence.Resource {
		return evidence.Resource{Type: "test.group", ID: id, Scope: evidence.Scope{Platform: "test", AccountID: "1", Region: region}, Attributes: map[string]any{}}
	}
	instance := func(region string, attrs map[string]any, unknown map[string]string) evidence.Resource {
		return evidence.Resource{Type: "test.instance", ID: "i", Scope: evidence.Scope{Platform: "test", AccountID: "1", Region: region}, Attributes: attrs, Unknown: unknown}
	}
	tests := []struct {
		name      string
		resources []evidence.Resource
		gaps      []evidence.NotCollected
		control   string // the finding looked at
		subject   string
		status    finding.Status
		message   string // a substring of the finding's message
	}{
		{"a multi-region trail in the account passes", []evidence.Resource{account("acct", "1"), trail("t", "1", "us-east-1", multiRegion)}, nil,
			"TST-REL-001", "acct", finding.Pass, "passed"},
		{"no trail at all fails the account (absence)", []evidence.Resource{account("acct", "1")}, nil,
			"TST-REL-001", "acct", finding.Fail, "no multi-region trail"},
		{"a trail of another account does not count", []evidence.Resource{account("acct", "1"), trail("t", "2", "us-east-1", multiRegion)}, nil,
			"TST-REL-001", "acct", finding.Fail, "no multi-region trail"},
		{"trails not collected in one region of the account: not_evaluated with the permission, never fail or pass",
			[]evidence.Resource{account("acct", "1"), trail("t", "1", "us-east-1", multiRegion)},
			[]evidence.NotCollected{gap("aws.cloudtrail.trail", "1", "eu-west-1", "cloudtrail:DescribeTrails")},
			"TST-REL-001", "acct", finding.NotEvaluated, "related trails (aws.cloudtrail.trail) not collected in aws:1/eu-west-1: AccessDenied (missing permission: cloudtrail:DescribeTrails)"},
		{"a gap in another account does not block this one", []evidence.Resource{account("acct", "1")},
			[]evidence.NotCollected{gap("aws.cloudtrail.trail", "2", "eu-west-1", "cloudtrail:DescribeTrails")},
			"TST-REL-001", "acct", finding.Fail, "no multi-region trail"},
		{"a gap of another type does not block", []evidence.Resource{account("acct", "1"), trail("t", "1", "us-east-1", multiRegion)},
			[]evidence.NotCollected{gap("aws.s3.bucket", "1", "eu-west-1", "s3:ListAllMyBuckets")},
			"TST-REL-001", "acct", finding.Pass, "passed"},
		{"terraform: the root module is the account",
			[]evidence.Resource{tfResource("aws.account", "infra/prod/aws_account", map[string]any{}, nil), tfResource("aws.cloudtrail.trail", "infra/prod/aws_cloudtrail.main", multiRegion, nil)}, nil,
			"TST-REL-001", "infra/prod/aws_account", finding.Pass, "passed"},
		{"terraform: a trail of another root module does not count",
			[]evidence.Resource{tfResource("aws.account", "infra/prod/aws_account", map[string]any{}, nil), tfResource("aws.cloudtrail.trail", `infra/dev/module.x.aws_cloudtrail.main["a/b"]`, multiRegion, nil)}, nil,
			"TST-REL-001", "infra/prod/aws_account", finding.Fail, "no multi-region trail"},
		{"terraform: a module that could not be read blocks every root",
			[]evidence.Resource{tfResource("aws.account", "infra/prod/aws_account", map[string]any{}, nil)},
			[]evidence.NotCollected{{ResourceType: "aws.cloudtrail.trail", Scope: evidence.Scope{Platform: "terraform", Path: "modules/x/main.tf"}, ScopeID: "modules/x/main.tf", Reason: "module source not found"}},
			"TST-REL-001", "infra/prod/aws_account", finding.NotEvaluated, "not collected in modules/x/main.tf: module source not found"},
		{"live and terraform evidence never join", []evidence.Resource{account("acct", "1"), tfResource("aws.cloudtrail.trail", "aws_cloudtrail.main", multiRegion, nil)}, nil,
			"TST-REL-001", "acct", finding.Fail, "no multi-region trail"},

		{"the trail's bucket logs: pass", []evidence.Resource{trail("t", "1", "eu-west-1", multiRegion), bucket("logs", "1", true), bucket("other", "1", false)}, nil,
			"TST-REL-002", "t", finding.Pass, "passed"},
		{"the trail's bucket does not log: fail", []evidence.Resource{trail("t", "1", "eu-west-1", multiRegion), bucket("logs", "1", false)}, nil,
			"TST-REL-002", "t", finding.Fail, "bucket logs does not log"},
		{"the bucket of another account is joined by name", []evidence.Resource{trail("t", "1", "eu-west-1", multiRegion), bucket("logs", "9", false)}, nil,
			"TST-REL-002", "t", finding.Fail, "bucket logs does not log"},
		{"the trail's bucket name unknown: not_evaluated with its reason",
			[]evidence.Resource{{Type: "aws.cloudtrail.trail", ID: "t", Scope: evidence.Scope{Platform: "aws", AccountID: "1"}, Attributes: map[string]any{}, Unknown: map[string]string{"s3_bucket_name": "403: cloudtrail:GetTrail"}}, bucket("logs", "1", true)}, nil,
			"TST-REL-002", "t", finding.NotEvaluated, "related bucket: s3_bucket_name unknown: 403: cloudtrail:GetTrail"},
		{"no bucket matches and buckets were not collected somewhere: not_evaluated",
			[]evidence.Resource{trail("t", "1", "eu-west-1", multiRegion), bucket("other", "1", true)},
			[]evidence.NotCollected{gap("aws.s3.bucket", "9", "", "s3:ListAllMyBuckets")},
			"TST-REL-002", "t", finding.NotEvaluated, "missing permission: s3:ListAllMyBuckets"},
		{"the bucket matched: a gap elsewhere does not block", []evidence.Resource{trail("t", "1", "eu-west-1", multiRegion), bucket("logs", "1", false)},
			[]evidence.NotCollected{gap("aws.s3.bucket", "9", "", "s3:ListAllMyBuckets")},
			"TST-REL-002", "t", finding.Fail, "bucket logs does not log"},
		{"no bucket matches and one bucket's name is unknown: not_evaluated",
			[]evidence.Resource{tfResource("aws.cloudtrail.trail", "aws_cloudtrail.t", multiRegion, nil), tfResource("aws.s3.bucket", "aws_s3_bucket.b", map[string]any{}, map[string]string{"name": "bucket_prefix: known after apply"})}, nil,
			"TST-REL-002", "aws_cloudtrail.t", finding.NotEvaluated, "related bucket: logs matches no aws.s3.bucket, and aws_s3_bucket.b has name unknown: bucket_prefix: known after apply"},
		{"no bucket matches and nothing is missing: the control decides", []evidence.Resource{trail("t", "1", "eu-west-1", multiRegion)}, nil,
			"TST-REL-002", "t", finding.NotEvaluated, "bucket not in the evidence"},
		{"a reference that is not a string is an error, not a silent empty list",
			[]evidence.Resource{trail("t", "1", "eu-west-1", map[string]any{"s3_bucket_name": 42.0})}, nil,
			"TST-REL-002", "t", finding.Error, "attribute s3_bucket_name must be a string or a list of strings"},

		{"a list of references joins on the ID; region joins the same region",
			[]evidence.Resource{instance("r1", map[string]any{"net": map[string]any{"group_ids": []any{"g2", "g1", "g2", "nope"}}}, nil), group("g1", "r1"), group("g2", "r2"), group("g3", "r1")}, nil,
			"TST-REL-003", "i", finding.Fail, "groups=[\"g1\", \"g2\"] local=[\"g1\", \"g3\"]"},
		{"a nested reference unknown through its parent", []evidence.Resource{instance("r1", map[string]any{}, map[string]string{"net": "403"}), group("g1", "r1")}, nil,
			"TST-REL-003", "i", finding.NotEvaluated, "related groups: net.group_ids unknown: 403"},
		{"region join: a gap in another region does not block, the same region does",
			[]evidence.Resource{instance("r1", map[string]any{}, nil)},
			[]evidence.NotCollected{{ResourceType: "test.group", Scope: evidence.Scope{Platform: "test", AccountID: "1", Region: "r1"}, ScopeID: "test:1/r1", Reason: "denied"}},
			"TST-REL-003", "i", finding.NotEvaluated, "related local (test.group) not collected in test:1/r1: denied"},
		{"region join: a gap in another region", []evidence.Resource{instance("r1", map[string]any{}, nil)},
			[]evidence.NotCollected{{ResourceType: "test.group", Scope: evidence.Scope{Platform: "test", AccountID: "1", Region: "r2"}, ScopeID: "test:1/r2", Reason: "denied"}},
			"TST-REL-003", "i", finding.Fail, "groups=[] local=[]"},

		{"two controls of a type may give one name different joins", []evidence.Resource{account("acct", "1"), trail("t1", "1", "us-east-1", multiRegion), trail("t2", "1", "eu-west-1", multiRegion)}, nil,
			"TST-REL-004", "acct", finding.Fail, "trails=0"}, // the account has no region: region join finds none
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fs := e.Evaluate(context.Background(), &evidence.Snapshot{Resources: tc.resources, NotCollected: tc.gaps, Collected: readEverywhere}, nil)
			var got *finding.Finding
			for i := range fs {
				if fs[i].ControlID == tc.control && fs[i].Resource.ID == tc.subject {
					got = &fs[i]
				}
			}
			require.NotNil(t, got, "no finding of %s on %s in %v", tc.control, tc.subject, fs)
			assert.Equal(t, tc.status, got.Status, got.Message)
			assert.Contains(t, got.Message, tc.message)
		})
	}
	// TST-REL-001 and TST-REL-004 both call a relation trails: in one
	// input document one of them would see the other's trails.
	snap := &evidence.Snapshot{Resources: []evidence.Resource{account("acct", "1"), trail("t1", "1", "us-east-1", multiRegion)}, Collected: readEverywhere}
	got := map[string]finding.Status{}
	for _, f := range e.Evaluate(context.Background(), snap, nil) {
		got[f.ControlID] = f.Status
	}
	assert.Equal(t, finding.Pass, got["TST-REL-001"])
	assert.Equal(t, finding.Fail, got["TST-REL-004"])
}

// TestRelationsInChild: an untrusted control gets input.related too, and a
// blocked subject is never sent to the child.
func TestRelationsInChild(t *testing.T) {
	t.Parallel()
	fsys := map[string]string{"trails.rego": trailsControl}
	e, err := loadUntrusted(t, fsys)
	require.NoError(t, err)
	snap := &evidence.Snapshot{
		Collected: readEverywhere,
		Resources: []evidence.Resource{account("ok", "1"), trail("t", "1", "us-east-1", multiRegion), account("none", "2"), account("gap", "3")},
		NotCollected: []evidence.NotCollected{{ResourceType: "aws.cloudtrail.trail", Scope: evidence.Scope{Platform: "aws", AccountID: "3", Region: "eu-west-1"},
			ScopeID: "aws:3/eu-west-1", Reason: "AccessDenied", MissingPermission: "cloudtrail:DescribeTrails"}},
	}
	got := map[string]finding.Finding{}
	for _, f := range e.Evaluate(context.Background(), snap, nil) {
		if f.ControlID == "TST-REL-001" {
			got[f.Resource.ID] = f
		}
	}
	assert.Equal(t, finding.Pass, got["ok"].Status, got["ok"].Message)
	assert.Equal(t, finding.Fail, got["none"].Status, got["none"].Message)
	assert.Equal(t, finding.NotEvaluated, got["gap"].Status, got["gap"].Message)
	assert.Contains(t, got["gap"].Message, "cloudtrail:DescribeTrails")
}

func TestRelatedMetadata(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, related string
		code          string
		message       string
		severity      Severity
	}{
		{"not a map", "#   related: [trails]\n", CodeRelatedInvalid, "custom.related must be a map of name → {type, join}, got a list", SeverityError},
		{"bad name", "#   related:\n#     Trails: {type: aws.cloudtrail.trail, join: account}\n", CodeRelatedInvalid, "custom.related.Trails: the name must be lower case", SeverityError},
		{"no type", "#   related:\n#     trails: {join: account}\n", CodeRelatedInvalid, "custom.related.trails.type is required", SeverityError},
		{"type not dotted", "#   related:\n#     trails: {type: trail, join: account}\n", CodeRelatedInvalid, `custom.related.trails.type "trail" is not a dotted resource type`, SeverityError},
		{"type not registered", "#   related:\n#     trails: {type: aws.cloudtrail.trial, join: account}\n", CodeResourceTypeUnknown, `custom.related.trails.type "aws.cloudtrail.trial" is not documented`, SeverityWarning},
		{"no join", "#   related:\n#     trails: {type: aws.cloudtrail.trail}\n", CodeRelatedInvalid, "custom.related.trails.join is required", SeverityError},
		{"unknown join", "#   related:\n#     trails: {type: aws.cloudtrail.trail, join: org}\n", CodeRelatedInvalid, `custom.related.trails.join "org" is not account, region or {attribute: ..., key: ...}`, SeverityError},
		{"join without attribute", "#   related:\n#     b: {type: aws.s3.bucket, join: {key: name}}\n", CodeRelatedInvalid, "custom.related.b.join.attribute must name", SeverityError},
		{"join key not a string", "#   related:\n#     b: {type: aws.s3.bucket, join: {attribute: x, key: [name]}}\n", CodeRelatedInvalid, "custom.related.b.join.key must be a string", SeverityError},
		{"unknown field", "#   related:\n#     b: {type: aws.s3.bucket, join: account, on: x}\n", CodeRelatedInvalid, `custom.related.b: unknown field "on"`, SeverityError},
		{"unknown join field", "#   related:\n#     b: {type: aws.s3.bucket, join: {attribute: x, keys: name}}\n", CodeRelatedInvalid, `custom.related.b.join: unknown field "keys"`, SeverityError},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			src := strings.Replace(meta("TST-REL-009", "aws.account"), "#   remediation:", tc.related+"#   remediation:", 1) + "package test.rel.meta\n\ndeny contains \"x\" if false\n"
			mod, ps := ParseModule("c.rego", []byte(src))
			require.Empty(t, ps)
			ps = Check([]Module{mod})
			require.Len(t, ps, 1, "%v", ps)
			assert.Equal(t, tc.code, ps[0].Code)
			assert.Equal(t, tc.severity, ps[0].Severity)
			assert.Contains(t, ps[0].Message, tc.message)
			assert.Equal(t, "c.rego", ps[0].File)
			assert.Equal(t, 1, ps[0].Line)
		})
	}
	mod, ps := ParseModule("c.rego", []byte(bucketControl))
	require.Empty(t, ps)
	require.Empty(t, Check([]Module{mod}))
	mods := []Module{mod}
	Check(mods)
	assert.Equal(t, []Relation{{Name: "bucket", Type: "aws.s3.bucket", Join: JoinAttribute, Attribute: "s3_bucket_name", Key: "name"}}, mods[0].Control.Related)
}

func TestAccountKey(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		r    evidence.Resource
		want string
	}{
		{evidence.Resource{ID: "arn", Scope: evidence.Scope{Platform: "aws", AccountID: "111", Region: "x"}}, "aws\x00111"},
		{evidence.Resource{ID: "github.com/acme/r", Scope: evidence.Scope{Platform: "github", Org: "acme", Repo: "r"}}, "github\x00acme"},
		{evidence.Resource{ID: "aws_s3_bucket.b", Scope: evidence.Scope{Platform: "terraform", Path: "main.tf"}}, "terraform\x00."},
		{evidence.Resource{ID: "infra/prod/module.m.aws_s3_bucket.b", Scope: evidence.Scope{Platform: "terraform", Path: "modules/m/main.tf"}}, "terraform\x00infra/prod"},
		{evidence.Resource{ID: `infra/prod/aws_s3_bucket.b["x/y"]`, Scope: evidence.Scope{Platform: "terraform"}}, "terraform\x00infra/prod"},
	} {
		assert.Equal(t, tc.want, AccountKey(tc.r), tc.r.ID)
	}
}

func loadUntrusted(t *testing.T, files map[string]string) (*Engine, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return New(context.Background(), []Source{{Name: "ws/controls", FS: fsys, Untrusted: true}})
}
