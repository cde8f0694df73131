// Command gen writes the anchor lists under controls/anchors from the
// reference indexes the team read the anchors' sources into
// (../shared/reference: prowler-checks.md, trivy-aws-checks.md,
// github-controls-anchors.md) and from a checkout of ossf/scorecard
// (docs/checks/internal/checks.yaml). Only check IDs and their status are
// taken — facts, no prose.
//
//	go run ./controls/anchors/gen -reference ../shared/reference -scorecard /path/to/scorecard -out controls/anchors
//
// The lists change only when an anchor is re-read at a newer commit; the
// commit is in each file's header and controls/anchors' tests check the
// files' shape.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/rampart-audit/rampart/controls/anchors"
	"github.com/rampart-audit/rampart/internal/atomicfile"
)

func main() {
	ref := flag.String("reference", "../shared/reference", "folder with the reference indexes")
	scorecard := flag.String("scorecard", "", "git directory of an ossf/scorecard clone (its HEAD is read)")
	out := flag.String("out", "controls/anchors", "folder to write the lists to")
	flag.Parse()
	if err := run(*ref, *scorecard, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(ref, scorecard, out string) error {
	var lists []*anchors.List
	prowlerAWS, prowlerGitHub, err := prowler(filepath.Join(ref, "prowler-checks.md"))
	if err != nil {
		return err
	}
	trivy, err := trivyAWS(filepath.Join(ref, "trivy-aws-checks.md"))
	if err != nil {
		return err
	}
	legitify, ssc, err := github(filepath.Join(ref, "github-controls-anchors.md"))
	if err != nil {
		return err
	}
	lists = append(lists, prowlerAWS, prowlerGitHub, trivy, legitify, ssc)
	if scorecard != "" {
		sc, err := scorecardChecks(scorecard)
		if err != nil {
			return err
		}
		lists = append(lists, sc)
	}
	for _, l := range lists {
		text := l.Format()
		if err := atomicfile.Write(filepath.Join(out, l.Name+".txt"), func(w io.Writer) error { _, err := w.Write(text); return err }); err != nil {
			return fmt.Errorf("write %s: %w", l.Name, err)
		}
	}
	return nil
}

func readLines(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read reference: %w", err)
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines, sc.Err()
}

var commitRE = regexp.MustCompile("`?([a-zA-Z0-9_-]+/[a-zA-Z0-9_.-]+)`? (?:at|@) `?([0-9a-f]{40})`?(?:\\)? \\(([0-9-]{10})\\))?")

func cells(line string) []string {
	parts := strings.Split(strings.Trim(line, "|"), "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

func prowler(path string) (*anchors.List, *anchors.List, error) {
	lines, err := readLines(path)
	if err != nil {
		return nil, nil, err
	}
	m := commitRE.FindStringSubmatch(lines[0])
	if m == nil {
		return nil, nil, fmt.Errorf("%s:1: no repository@commit in the title", path)
	}
	aws := &anchors.List{Name: "prowler-aws", Anchor: "prowler", Repository: m[1], Commit: m[2], Date: "2026-08-21", Path: "prowler/providers/aws/services/*/*/*.metadata.json"}
	gh := &anchors.List{Name: "prowler-github", Anchor: "prowler", Repository: m[1], Commit: m[2], Date: "2026-08-21", Path: "prowler/providers/github/services/*/*/*.metadata.json"}
	for _, line := range lines {
		c := cells(line)
		if len(c) != 5 || (c[0] != "aws" && c[0] != "github") {
			continue
		}
		id, deprecated := strings.CutSuffix(c[2], " (deprecated)")
		l := aws
		if c[0] == "github" {
			l = gh
		}
		l.Checks = append(l.Checks, anchors.Check{ID: id, Deprecated: deprecated})
	}
	return aws, gh, nil
}

func trivyAWS(path string) (*anchors.List, error) {
	lines, err := readLines(path)
	if err != nil {
		return nil, err
	}
	m := commitRE.FindStringSubmatch(lines[0])
	if m == nil {
		return nil, fmt.Errorf("%s:1: no repository@commit in the title", path)
	}
	l := &anchors.List{Name: "trivy-aws", Anchor: "trivy", Repository: m[1], Commit: m[2], Path: "checks/cloud/aws"}
	for _, line := range lines {
		c := cells(line)
		if len(c) != 4 || !strings.HasPrefix(c[0], "AVD-AWS-") {
			continue
		}
		l.Checks = append(l.Checks, anchors.Check{ID: c[0], Deprecated: c[3] == "yes"})
	}
	return l, nil
}

func github(path string) (*anchors.List, *anchors.List, error) {
	lines, err := readLines(path)
	if err != nil {
		return nil, nil, err
	}
	legitify := &anchors.List{Name: "legitify-github", Anchor: "legitify", Path: "policies/github/*.rego"}
	ssc := &anchors.List{Name: "cis-ssc", Anchor: "cis-ssc", Path: "cis_supply_chain_v100/section_*.pp"}
	for _, line := range lines {
		if m := commitRE.FindStringSubmatch(line); m != nil {
			switch m[1] {
			case "Legit-Labs/legitify":
				legitify.Repository, legitify.Commit, legitify.Date = m[1], m[2], m[3]
			case "turbot/steampipe-mod-github-compliance":
				ssc.Repository, ssc.Commit, ssc.Date = m[1], m[2], m[3]
			}
		}
	}
	section := ""
	seen := map[string]bool{}
	for _, line := range lines {
		if strings.HasPrefix(line, "## ") {
			section = line
			continue
		}
		c := cells(line)
		switch {
		case strings.HasPrefix(section, "## (b)") && len(c) == 5 && strings.HasPrefix(c[1], "`"):
			// A rule in two namespaces (org and repository) is one ID.
			id := strings.Trim(c[1], "`")
			if !seen[id] {
				seen[id] = true
				legitify.Checks = append(legitify.Checks, anchors.Check{ID: id})
			}
		case strings.HasPrefix(section, "## (c)") && len(c) == 4 && regexp.MustCompile(`^[0-9]+(\.[0-9]+)+$`).MatchString(c[0]):
			ssc.Checks = append(ssc.Checks, anchors.Check{ID: c[0]})
		}
	}
	if legitify.Commit == "" || ssc.Commit == "" {
		return nil, nil, fmt.Errorf("%s: no Legitify or Steampipe commit in the sources", path)
	}
	return legitify, ssc, nil
}

func scorecardChecks(gitDir string) (*anchors.List, error) {
	commit, err := exec.Command("git", "--git-dir", gitDir, "log", "-1", "--format=%H %cs").Output()
	if err != nil {
		return nil, fmt.Errorf("scorecard commit: %w", err)
	}
	f := strings.Fields(string(commit))
	yaml, err := exec.Command("git", "--git-dir", gitDir, "show", "HEAD:docs/checks/internal/checks.yaml").Output()
	if err != nil {
		return nil, fmt.Errorf("scorecard checks.yaml: %w", err)
	}
	l := &anchors.List{Name: "scorecard", Anchor: "scorecard", Repository: "ossf/scorecard", Commit: f[0], Date: f[1], Path: "docs/checks/internal/checks.yaml"}
	re := regexp.MustCompile(`^  ([A-Z][A-Za-z-]+):$`)
	for _, line := range strings.Split(string(yaml), "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			l.Checks = append(l.Checks, anchors.Check{ID: m[1]})
		}
	}
	slices.SortFunc(l.Checks, func(a, b anchors.Check) int { return strings.Compare(a.ID, b.ID) })
	return l, nil
}
