package terraform

import (
	"fmt"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// mapGuardDutyDetectors builds aws.guardduty.detector from
// aws_guardduty_detector: its status (`enable`, default true) and its
// protection plans, from the detector's older `datasources` blocks and
// every aws_guardduty_detector_feature naming it (the feature resource
// wins, as it does in AWS). A plan the configuration does not set is
// absent, not off: AWS's default depends on how the account was set up.
// Open findings exist only on the live detector.
func mapGuardDutyDetectors(m *mapper) {
	featL := m.link("aws_guardduty_detector_feature", "aws_guardduty_detector", "detector_id")
	for _, in := range m.byType["aws_guardduty_detector"] {
		b := newBuilder(evidence.TypeAWSGuardDutyDetector, id(in), in, awsScope(in))
		setRegion(b, in)
		if on, ok := toGo(orDefault(get(in.Body, "enable"), cty.True)); !ok {
			b.unknown("status", unknownReason(get(in.Body, "enable")))
		} else {
			b.r.Attributes["status"] = map[bool]string{true: "ENABLED", false: "DISABLED"}[on == true]
		}
		if features, why := detectorFeatures(in, featL); why != "" {
			b.unknown("features", why)
		} else {
			b.r.Attributes["features"] = features
		}
		b.unknown("findings", "open findings exist only on the live detector (rampart collect aws)")
		m.emit(b)
	}
}

// datasourceFeatures are the detector's `datasources` switches and the
// feature each one is (the provider maps them onto the same API).
var datasourceFeatures = []struct {
	path    []any
	feature string
}{
	{[]any{"s3_logs", 0, "enable"}, "s3_data_events"},
	{[]any{"kubernetes", 0, "audit_logs", 0, "enable"}, "eks_audit_logs"},
	{[]any{"malware_protection", 0, "scan_ec2_instance_with_findings", 0, "ebs_volumes", 0, "enable"}, "ebs_malware_protection"},
}

func detectorFeatures(in *Instance, featL links) (map[string]any, string) {
	out := map[string]any{}
	if ds, u, ok := blocks(in.Body, "datasources"); !ok {
		return nil, in.Address + ": datasources " + unknownReason(u)
	} else if len(ds) > 0 {
		for _, d := range datasourceFeatures {
			v := get(ds[0], d.path...)
			if v == cty.NilVal {
				continue
			}
			on, ok := toGo(v)
			if !ok {
				return nil, fmt.Sprintf("%s: datasources %s is %s", in.Address, d.feature, unknownReason(v))
			}
			out[d.feature] = map[string]any{"status": map[bool]string{true: "ENABLED", false: "DISABLED"}[on == true], "additional": map[string]any{}}
		}
	}
	if why := featL.unresolved[in.Root]; why != "" {
		return nil, why
	}
	for _, f := range featL.of[in] {
		name, ok := str(get(f.Body, "name"))
		if !ok {
			return nil, fmt.Sprintf("%s: name is %s", f.Address, unknownReason(get(f.Body, "name")))
		}
		status, ok := str(get(f.Body, "status"))
		if !ok {
			return nil, fmt.Sprintf("%s: status is %s", f.Address, unknownReason(get(f.Body, "status")))
		}
		additional := map[string]any{}
		extra, u, ok := blocks(f.Body, "additional_configuration")
		if !ok {
			return nil, fmt.Sprintf("%s: additional_configuration is %s", f.Address, unknownReason(u))
		}
		for _, a := range extra {
			an, ok1 := str(get(a, "name"))
			as, ok2 := str(get(a, "status"))
			if !ok1 || !ok2 {
				return nil, fmt.Sprintf("%s: an additional_configuration's name or status is unknown until apply", f.Address)
			}
			additional[strings.ToLower(an)] = as
		}
		out[strings.ToLower(name)] = map[string]any{"status": status, "additional": additional}
	}
	return out, ""
}
