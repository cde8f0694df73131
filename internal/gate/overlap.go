package gate

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/rampart-audit/rampart/internal/finding"
)

// BaselineOverlap warns when a baseline and the run name no Terraform file
// in common: fingerprints include the resources' paths, so a baseline made
// from another folder (`cd terraform && rampart gate .` against `rampart
// gate terraform`) matches nothing, and every finding reads as new and every
// baseline failure as fixed. "" when they overlap, or when either side has
// no Terraform findings to compare.
func BaselineOverlap(cur, baseline []finding.Finding, baselineName string) string {
	now, before := terraformFiles(cur), terraformFiles(baseline)
	if len(now) == 0 || len(before) == 0 {
		return ""
	}
	for f := range before {
		if now[f] {
			return ""
		}
	}
	return fmt.Sprintf("baseline %s names no Terraform file of this run (baseline: %s; this run: %s): were both made from the same folder with the same paths? Fingerprints include the paths, so every finding counts as new",
		baselineName, sample(before), sample(now))
}

func terraformFiles(fs []finding.Finding) map[string]bool {
	out := map[string]bool{}
	for _, f := range fs {
		if f.Resource.Source.Kind == "terraform" && f.Resource.Source.File != "" {
			out[path.Clean(f.Resource.Source.File)] = true
		}
	}
	return out
}

// sample names up to three files, sorted, and how many more.
func sample(files map[string]bool) string {
	names := make([]string, 0, len(files))
	for f := range files {
		names = append(names, f)
	}
	sort.Strings(names)
	if len(names) > 3 {
		return fmt.Sprintf("%s and %d more", strings.Join(names[:3], ", "), len(names)-3)
	}
	return strings.Join(names, ", ")
}
