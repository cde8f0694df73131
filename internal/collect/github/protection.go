package github

import (
	"encoding/json"
	"sort"

	gh "github.com/google/go-github/v60/github"
)

// ruleItem is one entry of GET /repos/{o}/{r}/rules/branches/{branch}: the
// rules that apply to the branch from repository AND organisation rulesets,
// already resolved by GitHub.
type ruleItem struct {
	Type              string          `json:"type"`
	RulesetSourceType string          `json:"ruleset_source_type"`
	RulesetSource     string          `json:"ruleset_source"`
	RulesetID         int64           `json:"ruleset_id"`
	Parameters        json.RawMessage `json:"parameters"`
}

type pullRequestParams struct {
	RequiredApprovingReviewCount   int  `json:"required_approving_review_count"`
	DismissStaleReviewsOnPush      bool `json:"dismiss_stale_reviews_on_push"`
	RequireCodeOwnerReview         bool `json:"require_code_owner_review"`
	RequireLastPushApproval        bool `json:"require_last_push_approval"`
	RequiredReviewThreadResolution bool `json:"required_review_thread_resolution"`
}

type statusCheckParams struct {
	RequiredStatusChecks []struct {
		Context string `json:"context"`
	} `json:"required_status_checks"`
	StrictRequiredStatusChecksPolicy bool `json:"strict_required_status_checks_policy"`
}

// source is what one protection mechanism says about the branch: known is
// false when the collector could not read it (reason says why).
type source struct {
	known  bool
	reason string
	// set reports whether the mechanism applies at all (classic protection
	// exists, or at least one rule applies).
	set bool
	// strict are the settings where true is stricter (blocks force pushes,
	// requires signatures …).
	strict map[string]bool
	count  int
	checks []string
	// bindsAdmins: nil when the bypass list could not be read.
	bindsAdmins *bool
	adminReason string
}

// strictFields are the boolean settings of default_branch_protection where
// true is the stricter value, merged with OR across sources.
var strictFields = []string{
	"dismiss_stale_reviews", "require_code_owner_reviews", "require_last_push_approval",
	"required_conversation_resolution", "required_signatures", "required_linear_history",
	"required_status_checks_strict", "blocks_force_pushes", "blocks_deletions", "requires_pull_request",
	"dismissal_restricted", "restricts_pushes",
}

func classicSource(p *gh.Protection) source {
	s := source{known: true, set: p != nil, strict: map[string]bool{}}
	if p == nil {
		f := false
		s.bindsAdmins = &f
		return s
	}
	if r := p.RequiredPullRequestReviews; r != nil {
		s.strict["requires_pull_request"] = true
		s.count = r.RequiredApprovingReviewCount
		s.strict["dismiss_stale_reviews"] = r.DismissStaleReviews
		s.strict["require_code_owner_reviews"] = r.RequireCodeOwnerReviews
		s.strict["require_last_push_approval"] = r.RequireLastPushApproval
		// GitHub returns dismissal_restrictions only when restrictions are on.
		s.strict["dismissal_restricted"] = r.DismissalRestrictions != nil
	}
	// restrictions: only the listed users, teams and apps may push.
	s.strict["restricts_pushes"] = p.Restrictions != nil
	if c := p.RequiredStatusChecks; c != nil {
		s.strict["required_status_checks_strict"] = c.Strict
		if c.Contexts != nil {
			s.checks = append(s.checks, *c.Contexts...)
		}
		if c.Checks != nil {
			for _, ch := range *c.Checks {
				s.checks = append(s.checks, ch.Context)
			}
		}
		if len(s.checks) == 0 {
			// Status checks enabled with an empty list still gates merges
			// on nothing: record it as no required check.
			s.checks = []string{}
		}
	}
	s.strict["required_signatures"] = p.RequiredSignatures != nil && p.RequiredSignatures.GetEnabled()
	s.strict["required_linear_history"] = p.RequireLinearHistory != nil && p.RequireLinearHistory.Enabled
	s.strict["required_conversation_resolution"] = p.RequiredConversationResolution != nil && p.RequiredConversationResolution.Enabled
	// Classic protection blocks force pushes and deletion unless allowed.
	s.strict["blocks_force_pushes"] = p.AllowForcePushes == nil || !p.AllowForcePushes.Enabled
	s.strict["blocks_deletions"] = p.AllowDeletions == nil || !p.AllowDeletions.Enabled
	binds := p.EnforceAdmins != nil && p.EnforceAdmins.Enabled
	s.bindsAdmins = &binds
	return s
}

// rulesSource folds the rules of the branch. bypass tells, per ruleset ID,
// whether admins are bound by it (nil: could not read its bypass list).
func rulesSource(items []ruleItem, bypass func(ruleItem) (*bool, string)) source {
	s := source{known: true, set: len(items) > 0, strict: map[string]bool{}}
	seen := map[int64]bool{}
	anyBinds, allKnown := false, true
	for _, it := range items {
		switch it.Type {
		case "pull_request":
			var p pullRequestParams
			_ = json.Unmarshal(it.Parameters, &p)
			s.strict["requires_pull_request"] = true
			s.count = max(s.count, p.RequiredApprovingReviewCount)
			s.strict["dismiss_stale_reviews"] = s.strict["dismiss_stale_reviews"] || p.DismissStaleReviewsOnPush
			s.strict["require_code_owner_reviews"] = s.strict["require_code_owner_reviews"] || p.RequireCodeOwnerReview
			s.strict["require_last_push_approval"] = s.strict["require_last_push_approval"] || p.RequireLastPushApproval
			s.strict["required_conversation_resolution"] = s.strict["required_conversation_resolution"] || p.RequiredReviewThreadResolution
		case "required_status_checks":
			var p statusCheckParams
			_ = json.Unmarshal(it.Parameters, &p)
			for _, c := range p.RequiredStatusChecks {
				s.checks = append(s.checks, c.Context)
			}
			if s.checks == nil {
				s.checks = []string{}
			}
			s.strict["required_status_checks_strict"] = s.strict["required_status_checks_strict"] || p.StrictRequiredStatusChecksPolicy
		case "required_signatures":
			s.strict["required_signatures"] = true
		case "required_linear_history":
			s.strict["required_linear_history"] = true
		case "non_fast_forward":
			s.strict["blocks_force_pushes"] = true
		case "deletion":
			s.strict["blocks_deletions"] = true
		case "update":
			// Restrict updates: only the ruleset's bypass actors may push.
			s.strict["restricts_pushes"] = true
		}
		if seen[it.RulesetID] {
			continue
		}
		seen[it.RulesetID] = true
		b, why := bypass(it)
		switch {
		case b == nil:
			allKnown = false
			s.adminReason = why
		case *b:
			anyBinds = true
		}
	}
	if anyBinds || allKnown {
		s.bindsAdmins = &anyBinds
	}
	return s
}

// effective merges classic protection and rulesets, strictest wins. A
// setting is known when a known source already has its strictest value, or
// when every source is known. It returns the attribute object and the
// unknown reasons keyed by attribute path.
func effective(classic, rules source) (map[string]any, map[string]string) {
	out := map[string]any{}
	unknown := map[string]string{}
	srcs := []source{classic, rules}
	reason := func() string {
		for _, s := range srcs {
			if !s.known {
				return s.reason
			}
		}
		return ""
	}
	allKnown := classic.known && rules.known
	const prefix = "default_branch_protection."

	// protected: any mechanism applies.
	switch {
	case (classic.known && classic.set) || (rules.known && rules.set):
		out["protected"] = true
	case allKnown:
		out["protected"] = false
	default:
		unknown[prefix+"protected"] = reason()
	}
	sources := []string{}
	if classic.known && classic.set {
		sources = append(sources, "branch_protection")
	}
	if rules.known && rules.set {
		sources = append(sources, "rulesets")
	}
	out["sources"] = sources

	for _, f := range strictFields {
		v, ok := mergeStrict(srcs, func(s source) bool { return s.strict[f] })
		if ok {
			out[f] = v
		} else {
			unknown[prefix+f] = reason()
		}
	}
	// The contract names the permissive forms too (allow_force_pushes).
	if v, ok := out["blocks_force_pushes"].(bool); ok {
		out["allow_force_pushes"] = !v
	} else {
		unknown[prefix+"allow_force_pushes"] = reason()
	}
	if v, ok := out["blocks_deletions"].(bool); ok {
		out["allow_deletions"] = !v
	} else {
		unknown[prefix+"allow_deletions"] = reason()
	}
	if allKnown {
		out["required_approving_review_count"] = max(classic.count, rules.count)
		checks := map[string]bool{}
		enabled := false
		for _, s := range srcs {
			if s.checks != nil {
				enabled = true
			}
			for _, c := range s.checks {
				checks[c] = true
			}
		}
		list := make([]string, 0, len(checks))
		for c := range checks {
			list = append(list, c)
		}
		sort.Strings(list)
		out["required_status_checks"] = list
		out["required_status_checks_enabled"] = enabled && len(list) > 0
	} else {
		for _, f := range []string{"required_approving_review_count", "required_status_checks", "required_status_checks_enabled"} {
			unknown[prefix+f] = reason()
		}
	}
	// enforce_admins: the protection also binds administrators in at least
	// one applying source.
	switch {
	case classic.known && classic.bindsAdmins != nil && *classic.bindsAdmins,
		rules.known && rules.bindsAdmins != nil && *rules.bindsAdmins:
		out["enforce_admins"] = true
	case allKnown && classic.bindsAdmins != nil && rules.bindsAdmins != nil:
		out["enforce_admins"] = false
	default:
		why := reason()
		if why == "" {
			why = rules.adminReason
		}
		unknown[prefix+"enforce_admins"] = why
	}
	return out, unknown
}

func mergeStrict(srcs []source, get func(source) bool) (bool, bool) {
	all := true
	for _, s := range srcs {
		if !s.known {
			all = false
			continue
		}
		if get(s) {
			return true, true
		}
	}
	return false, all
}

// rulesetBindsAdmins reports whether a ruleset's bypass list leaves
// repository and organisation admins bound by its rules.
func rulesetBindsAdmins(actors []*gh.BypassActor) bool {
	for _, a := range actors {
		switch a.GetActorType() {
		case "OrganizationAdmin":
			return false
		case "RepositoryRole":
			if a.GetActorID() == 5 { // the built-in admin role
				return false
			}
		}
	}
	return true
}
