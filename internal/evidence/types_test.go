package evidence

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/golden"
)

const resourcesDocPath = "../../docs/resources.md"

// TestResourcesDoc fails when docs/resources.md is not what the registry
// renders; -update rewrites it.
func TestResourcesDoc(t *testing.T) {
	got := ResourcesDoc()
	if golden.Update() {
		require.NoError(t, os.WriteFile(resourcesDocPath, got, 0o644))
	}
	want, err := os.ReadFile(resourcesDocPath)
	require.NoError(t, err)
	if !bytes.Equal(want, got) {
		t.Fatalf("docs/resources.md is not current: run go test ./internal/evidence -run TestResourcesDoc -update")
	}
}

func TestRegistryIsConsistent(t *testing.T) {
	t.Parallel()
	typePattern := regexp.MustCompile(`^[a-z][a-z0-9]*(\.[a-z][a-z0-9_]*)+$`)
	seen := map[string]bool{}
	for _, rt := range ResourceTypes() {
		require.Regexp(t, typePattern, rt.Name)
		require.False(t, seen[rt.Name], "%s registered twice", rt.Name)
		seen[rt.Name] = true
		require.True(t, strings.HasPrefix(rt.Name, rt.Platform+"."), "%s: platform %s", rt.Name, rt.Platform)
		require.Equal(t, "platform", rt.Scope[0], "%s: scope starts with platform", rt.Name)
		require.True(t, rt.Collector != "" || rt.Terraform, "%s: no producer", rt.Name)
		attrs := map[string]Attribute{}
		for _, a := range rt.Attributes {
			require.NotContains(t, attrs, a.Name, "%s.%s declared twice", rt.Name, a.Name)
			require.Contains(t, []Kind{KindBool, KindString, KindNumber, KindObject, KindList}, a.Kind, "%s.%s", rt.Name, a.Name)
			require.NotZero(t, a.From, "%s.%s names no producer", rt.Name, a.Name)
			require.True(t, a.From&Live == 0 || rt.Collector != "", "%s.%s: live, but no collector produces the type", rt.Name, a.Name)
			require.True(t, a.From&Terraform == 0 || rt.Terraform, "%s.%s: terraform, but the mapping does not produce the type", rt.Name, a.Name)
			if p := parent(a.Name); p != "" {
				pa, ok := attrs[p]
				require.True(t, ok, "%s.%s: its object %s must be declared before it", rt.Name, a.Name, p)
				require.Equal(t, KindObject, pa.Kind, "%s.%s: %s is not an object", rt.Name, a.Name, p)
				require.Equal(t, a.From&pa.From, a.From, "%s.%s: known where its object is not", rt.Name, a.Name)
			}
			attrs[a.Name] = a
		}
	}
	require.Equal(t, ResourceTypeNames(), slices.Sorted(slices.Values(append(TypesFor("aws"), TypesFor("github")...))))
	require.True(t, KnownResourceType(TypeAWSIAMUser))
	require.False(t, KnownResourceType("aws.iam.users"))
}

// goldenResource is a resource as a golden file holds it; numbers stay
// json.Number so a number is told from a string exactly.
type goldenResource struct {
	Type       string            `json:"type"`
	ID         string            `json:"id"`
	Scope      map[string]string `json:"scope"`
	Source     struct{ Kind string }
	Attributes map[string]any    `json:"attributes"`
	Unknown    map[string]string `json:"unknown"`
}

// producerGoldens are the files TestProducersConform reads, by what
// produced them; each pattern must match at least one file, so a moved
// golden cannot turn the test into one that checks nothing.
var producerGoldens = map[string][]string{
	"collector": {"../collect/aws/testdata/*.json", "../collect/github/testdata/golden/*.json"},
	"terraform": {"../terraform/testdata/*.golden.json"},
	"example":   {"../../examples/acme/evidence/*.json"},
}

// TestProducersConform holds every resource the collectors, the Terraform
// mapping and the example snapshots produce to the registry: the type is
// registered, its scope is the declared one, every attribute (fields of
// closed objects dotted) is declared with its kind and comes from a
// producer that can know it, and every unknown-map key names a declared
// attribute that is not also present.
func TestProducersConform(t *testing.T) {
	t.Parallel()
	for group, patterns := range producerGoldens {
		resources := 0
		for _, pattern := range patterns {
			files, err := filepath.Glob(pattern)
			require.NoError(t, err)
			require.NotEmpty(t, files, "%s: no file matches %s", group, pattern)
			for _, file := range files {
				doc := readGolden(t, file)
				resources += len(doc.Resources)
				for i, r := range doc.Resources {
					for _, problem := range conformance(r) {
						t.Errorf("%s: resources[%d] (%s %s): %s", file, i, r.Type, r.ID, problem)
					}
				}
				for i, nc := range doc.NotCollected {
					if !KnownResourceType(nc.ResourceType) {
						t.Errorf("%s: not_collected[%d]: resource type %q is not registered", file, i, nc.ResourceType)
					}
				}
			}
		}
		require.NotZero(t, resources, "%s goldens hold no resources", group)
	}
}

type goldenDoc struct {
	Resources    []goldenResource `json:"resources"`
	NotCollected []NotCollected   `json:"not_collected"`
}

func readGolden(t *testing.T, file string) goldenDoc {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	var doc goldenDoc
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&doc), file)
	return doc
}

// conformance lists how r departs from the registry.
func conformance(r goldenResource) []string {
	rt, ok := byName[r.Type]
	if !ok {
		return []string{"type is not registered"}
	}
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	var from Producers
	switch r.Source.Kind {
	case "live", "recorded":
		from = Live
		if r.Scope["platform"] != rt.Platform {
			bad("scope.platform %q, want %q", r.Scope["platform"], rt.Platform)
		}
		for k := range r.Scope {
			if !slices.Contains(rt.Scope, k) {
				bad("scope.%s is not a scope field of the type (%s)", k, strings.Join(rt.Scope, ", "))
			}
		}
	case "terraform":
		from = Terraform
		if r.Scope["platform"] != "terraform" {
			bad("scope.platform %q, want terraform", r.Scope["platform"])
		}
		for k := range r.Scope {
			if k != "path" && !slices.Contains(rt.Scope, k) {
				bad("scope.%s is not a scope field of the type (%s, path)", k, strings.Join(rt.Scope, ", "))
			}
		}
	default:
		return []string{fmt.Sprintf("source.kind %q is not live, recorded or terraform", r.Source.Kind)}
	}
	present := map[string]bool{}
	var walk func(prefix string, attrs map[string]any)
	walk = func(prefix string, attrs map[string]any) {
		for _, k := range slices.Sorted(maps.Keys(attrs)) {
			name := prefix + k
			present[name] = true
			a, ok := rt.Attribute(name)
			if !ok {
				bad("attribute %s is not declared", name)
				continue
			}
			v := attrs[k]
			if got := kindOf(v); got != a.Kind && (v != nil || (a.Kind != KindList && a.Kind != KindObject)) {
				bad("attribute %s is %s, declared %s", name, got, a.Kind)
				continue
			}
			if a.From&from == 0 {
				bad("attribute %s has a value from %s, declared known only to %s", name, from, a.From)
			}
			if obj, ok := v.(map[string]any); ok && rt.closed(name) {
				walk(name+".", obj)
			}
		}
	}
	walk("", r.Attributes)
	for _, key := range slices.Sorted(maps.Keys(r.Unknown)) {
		name, ok := rt.declaredPrefix(key)
		if !ok {
			bad("unknown key %q names no declared attribute", key)
			continue
		}
		if name == key && present[key] {
			bad("unknown key %q is also present as a value", key)
		}
	}
	return out
}

// indexPattern matches a list index in an unknown key (access_keys[0].status).
var indexPattern = regexp.MustCompile(`\[[^\]]*\]`)

// declaredPrefix resolves an unknown-map key to the declared attribute it
// is about: the key itself, or the open object or list it lies inside
// (regions.eu-west-1.guardduty, access_keys[0].status).
func (t *ResourceType) declaredPrefix(key string) (string, bool) {
	segs := strings.Split(indexPattern.ReplaceAllString(key, ""), ".")
	name := ""
	for i, s := range segs {
		if i > 0 {
			name += "."
		}
		name += s
		a, ok := t.Attribute(name)
		if !ok {
			return "", false
		}
		if a.Kind != KindObject || !t.closed(name) {
			return name, true
		}
	}
	return name, true
}

func kindOf(v any) Kind {
	switch v.(type) {
	case bool:
		return KindBool
	case string:
		return KindString
	case json.Number:
		return KindNumber
	case map[string]any:
		return KindObject
	case []any:
		return KindList
	case nil:
		return "null"
	}
	return Kind(fmt.Sprintf("%T", v))
}

// TestConformanceCatches makes sure the check above can fail: each broken
// resource must be reported with the reason.
func TestConformanceCatches(t *testing.T) {
	t.Parallel()
	live := func(attrs map[string]any, unknown map[string]string) goldenResource {
		r := goldenResource{Type: TypeAWSS3Bucket, ID: "arn:aws:s3:::b", Scope: map[string]string{"platform": "aws", "account_id": "1", "region": "eu-west-1"}, Attributes: attrs, Unknown: unknown}
		r.Source.Kind = "live"
		return r
	}
	tests := []struct {
		name string
		r    goldenResource
		want string
	}{
		{"unregistered type", goldenResource{Type: "aws.s3.buckets"}, "type is not registered"},
		{"undeclared attribute", live(map[string]any{"public": true}, nil), "attribute public is not declared"},
		{"wrong kind", live(map[string]any{"name": json.Number("1")}, nil), "attribute name is number, declared string"},
		{"undeclared field of a closed object", live(map[string]any{"encryption": map[string]any{"enabled": true, "algo": "x"}}, nil), "attribute encryption.algo is not declared"},
		{"nested kind", live(map[string]any{"encryption": map[string]any{"enabled": "yes"}}, nil), "attribute encryption.enabled is string, declared bool"},
		{"unknown key not declared", live(nil, map[string]string{"encryption.algo": "403"}), `unknown key "encryption.algo" names no declared attribute`},
		{"unknown and present", live(map[string]any{"name": "b"}, map[string]string{"name": "403"}), `unknown key "name" is also present as a value`},
		{"terraform-only attribute from live", withType(live(map[string]any{"multi_region": true}, nil), TypeAWSKMSKey), "attribute multi_region has a value from live, declared known only to terraform"},
		{"live-only attribute from terraform", terraform(map[string]any{"creation_date": "2026-01-01T00:00:00Z"}), "attribute creation_date has a value from terraform, declared known only to live"},
		{"scope field the type lacks", withScope(live(nil, nil), "repo", "x"), "scope.repo is not a scope field of the type (platform, account_id, region)"},
		{"wrong platform", withScope(live(nil, nil), "platform", "github"), `scope.platform "github", want "aws"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Contains(t, conformance(tt.r), tt.want)
		})
	}
	ok := live(map[string]any{"name": "b", "encryption": map[string]any{"enabled": true}, "policy": map[string]any{"present": true, "document": map[string]any{"Anything": "goes"}}, "public_acl_grants": nil},
		map[string]string{"logging": "403", "encryption.kms_key_id": "403"})
	assert.Empty(t, conformance(ok))
	acct := goldenResource{Type: TypeAWSAccount, Scope: map[string]string{"platform": "aws", "account_id": "1"}, Unknown: map[string]string{"regions.eu-west-1.guardduty": "403"}}
	acct.Source.Kind = "recorded"
	assert.Empty(t, conformance(acct), "regions is an open object")
}

func withType(r goldenResource, typ string) goldenResource { r.Type = typ; return r }

func withScope(r goldenResource, k, v string) goldenResource {
	s := map[string]string{}
	for a, b := range r.Scope {
		s[a] = b
	}
	s[k] = v
	r.Scope = s
	return r
}

func terraform(attrs map[string]any) goldenResource {
	r := goldenResource{Type: TypeAWSS3Bucket, ID: "b", Scope: map[string]string{"platform": "terraform", "path": "main.tf"}, Attributes: attrs}
	r.Source.Kind = "terraform"
	return r
}

// TestProducersUseRegistryNames keeps type names out of the producers'
// code: a collector or mapper names a type through the registry's
// constants, so a renamed or misspelt type cannot compile.
func TestProducersUseRegistryNames(t *testing.T) {
	t.Parallel()
	names := ResourceTypeNames()
	scanned := 0
	for _, root := range []string{"../collect", "../terraform"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			scanned++
			for _, n := range names {
				for _, quoted := range []string{`"` + n + `"`, "`" + n + "`"} {
					if bytes.Contains(data, []byte(quoted)) {
						t.Errorf("%s: %s: use the evidence.Type… constant", filepath.ToSlash(path), quoted)
					}
				}
			}
			return nil
		})
		require.NoError(t, err)
	}
	require.Greater(t, scanned, 20, "the producers' sources were not found")
}

// TestCollectorHelp pins the opening of the collectors' help, which
// follows from the registry (a type added to a collector appears in it).
func TestCollectorHelp(t *testing.T) {
	t.Parallel()
	assert.Equal(t, `Collect aws.account, aws.iam.user, aws.iam.role, aws.iam.group,
aws.iam.policy, aws.iam.server_certificate, aws.s3.bucket,
aws.ec2.security_group, aws.ec2.instance, aws.ec2.volume, aws.vpc,
aws.cloudtrail.trail, aws.kms.key, aws.rds.instance,
aws.logs.metric_filter, aws.cloudwatch.alarm, aws.sns.subscription,
aws.ec2.network_acl, aws.ec2.route_table, aws.efs.file_system,
aws.elbv2.load_balancer, aws.elb.load_balancer,
aws.cloudfront.distribution, aws.apigateway.rest_api,
aws.apigateway.domain_name, aws.apigatewayv2.api, aws.rds.cluster,
aws.ec2.subnet, aws.ec2.snapshot, aws.ec2.image, aws.ec2.launch_template,
aws.rds.snapshot, aws.lambda.function, aws.ecr.repository, aws.eks.cluster,
aws.secretsmanager.secret, aws.sns.topic, aws.sqs.queue,
aws.dynamodb.table, aws.guardduty.detector, aws.inspector.account,
aws.logs.log_group, aws.backup.plan, aws.backup.selection,
aws.backup.vault, aws.backup.protected_resource,
aws.organizations.organization and aws.organizations.policy resources with
the AWS SDK and write them to an evidence snapshot.`, CollectorHelp("aws", "Collect ", " resources with the AWS SDK and write them to an evidence snapshot."))
	assert.Equal(t, `Collect github.organization, github.member, github.repository and
github.workflow resources through the GitHub REST API and write them to an
evidence snapshot.`, CollectorHelp("github", "Collect ", " resources through the GitHub REST API and write them to an evidence snapshot."))
	assert.Equal(t, "github.organization, github.member, github.repository and github.workflow", TypeList("github"))
	assert.Empty(t, TypeList("gitlab"))
}
