package github

import (
	"encoding/json"
	"strings"
)

// The GraphQL path reads, for a page of up to 100 repositories per query,
// what GitHub's GraphQL API serves: the Dependabot-alert setting, the
// CODEOWNERS errors, the direct collaborators, the default branch's classic
// protection rule and the rules that apply to it (repository and
// organisation rulesets), and the workflow files' text. REST reads only
// what GraphQL does not serve: deploy keys of a repository that has any
// (GraphQL's DeployKey has neither the numeric id nor the last-use date;
// GraphQL counts them), webhooks, Actions permissions, the
// bypass list of a repository ruleset; the repository list itself stays
// REST because only it carries security_and_analysis (one request per 100
// repositories, free when answered 304).

// gqlGroup is a part of the repository query whose failure (an error beside
// the data, a field the server lacks) leaves exactly its attributes unknown.
type gqlGroup int

const (
	groupVulnAlerts gqlGroup = iota
	groupCodeowners
	groupCollaborators
	groupProtection
	groupWorkflows
	groupDeployKeys
	groupSecurityPolicy
	groupCount
)

// field is the Repository field that carries the group, as errors name it.
var groupField = [groupCount]string{"hasVulnerabilityAlertsEnabled", "codeowners", "collaborators", "defaultBranchRef", "object", "deployKeys", "isSecurityPolicyEnabled"}

var groupSelection = [groupCount]string{
	"hasVulnerabilityAlertsEnabled",
	"codeowners { errors { line } }",
	"collaborators(affiliation: DIRECT, first: 100) { pageInfo { hasNextPage } edges { permission node { login } } }",
	`defaultBranchRef { name
  branchProtectionRule { requiresApprovingReviews requiredApprovingReviewCount dismissesStaleReviews requiresCodeOwnerReviews
    requireLastPushApproval requiresStatusChecks requiresStrictStatusChecks requiredStatusCheckContexts requiresCommitSignatures
    requiresLinearHistory requiresConversationResolution allowsForcePushes allowsDeletions isAdminEnforced
    restrictsReviewDismissals restrictsPushes }
  rules(first: 50) { pageInfo { hasNextPage } nodes { type
    parameters { __typename
      ... on PullRequestParameters { requiredApprovingReviewCount dismissStaleReviewsOnPush requireCodeOwnerReview requireLastPushApproval requiredReviewThreadResolution }
      ... on RequiredStatusChecksParameters { strictRequiredStatusChecksPolicy requiredStatusChecks { context } } }
    repositoryRuleset { databaseId source { __typename } } } } }`,
	`object(expression: "HEAD:.github/workflows") { __typename
  ... on Tree { entries { name path type object { ... on Blob { byteSize isBinary isTruncated text } } } } }`,
	// Only the count: GraphQL's DeployKey has neither the numeric id nor the
	// last-use date the snapshot carries, so a repository with keys reads
	// them through REST; one without (most) costs no request for them.
	"deployKeys(first: 1) { totalCount }",
	// GitHub's own answer: a SECURITY.md in the root, docs/ or .github/, or
	// the organisation's default from its public .github repository.
	"isSecurityPolicyEnabled",
}

// groupNeed is what a refused group needs.
var groupNeed = [groupCount]need{needRepoAdmin, needContents, needRepoMeta, needRepoAdmin, needContents, needRepoAdmin, needContents}

// Nodes one repository of the query can return: 100 collaborators, 50
// rules and one deploy key. GitHub refuses a query over 500,000 nodes.
const (
	nodesPerRepo    = 1 + 100 + 50 + 1
	graphQLMaxNodes = 500_000
	graphQLMaxPage  = 100
)

// repoPageSize is the most repositories a query may ask for: within the
// node limit, at most 100 (GitHub's first limit). Its cost is then
// (1 + 3·N)/100 points: one request for the page and one per repository
// for each of its three connections.
func repoPageSize() int {
	return min(graphQLMaxPage, (graphQLMaxNodes-1)/nodesPerRepo)
}

func repoQuery(groups [groupCount]bool) string {
	var b strings.Builder
	b.WriteString("query($org: String!, $first: Int!, $after: String) {\n  rateLimit { cost remaining resetAt }\n  organization(login: $org) {\n    repositories(first: $first, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      nodes { name\n")
	for g, on := range groups {
		if on {
			b.WriteString(groupSelection[g])
			b.WriteString("\n")
		}
	}
	b.WriteString("} } } }")
	return b.String()
}

type gqlRepoPage struct {
	Organization *struct {
		Repositories struct {
			PageInfo struct {
				HasNextPage bool   `json:"hasNextPage"`
				EndCursor   string `json:"endCursor"`
			} `json:"pageInfo"`
			Nodes []*gqlRepo `json:"nodes"`
		} `json:"repositories"`
	} `json:"organization"`
}

type gqlRepo struct {
	Name                          string `json:"name"`
	HasVulnerabilityAlertsEnabled *bool  `json:"hasVulnerabilityAlertsEnabled"`
	Codeowners                    *struct {
		Errors []struct{} `json:"errors"`
	} `json:"codeowners"`
	Collaborators *struct {
		PageInfo struct {
			HasNextPage bool `json:"hasNextPage"`
		} `json:"pageInfo"`
		Edges []struct {
			Permission string `json:"permission"`
			Node       struct {
				Login string `json:"login"`
			} `json:"node"`
		} `json:"edges"`
	} `json:"collaborators"`
	DefaultBranchRef *struct {
		Name                 string          `json:"name"`
		BranchProtectionRule *gqlProtection  `json:"branchProtectionRule"`
		Rules                *gqlRuleConnect `json:"rules"`
	} `json:"defaultBranchRef"`
	Object *struct {
		Typename string `json:"__typename"`
		Entries  []struct {
			Name   string `json:"name"`
			Path   string `json:"path"`
			Type   string `json:"type"`
			Object *struct {
				ByteSize    int     `json:"byteSize"`
				IsBinary    *bool   `json:"isBinary"`
				IsTruncated bool    `json:"isTruncated"`
				Text        *string `json:"text"`
			} `json:"object"`
		} `json:"entries"`
	} `json:"object"`

	DeployKeys *struct {
		TotalCount int `json:"totalCount"`
	} `json:"deployKeys"`
	IsSecurityPolicyEnabled *bool `json:"isSecurityPolicyEnabled"`

	// set by the collector: which groups the answer left unknown, why.
	gaps [groupCount]*gap
	// present: the group was selected and answered (a null is then data).
	present [groupCount]bool
	// An error on one of the default branch's two sources leaves only
	// that source unknown, as a refused REST request does.
	classicGap, rulesGap *gap
}

type gqlProtection struct {
	RequiresApprovingReviews       bool     `json:"requiresApprovingReviews"`
	RequiredApprovingReviewCount   *int     `json:"requiredApprovingReviewCount"`
	DismissesStaleReviews          bool     `json:"dismissesStaleReviews"`
	RequiresCodeOwnerReviews       bool     `json:"requiresCodeOwnerReviews"`
	RequireLastPushApproval        bool     `json:"requireLastPushApproval"`
	RequiresStatusChecks           bool     `json:"requiresStatusChecks"`
	RequiresStrictStatusChecks     bool     `json:"requiresStrictStatusChecks"`
	RequiredStatusCheckContexts    []string `json:"requiredStatusCheckContexts"`
	RequiresCommitSignatures       bool     `json:"requiresCommitSignatures"`
	RequiresLinearHistory          bool     `json:"requiresLinearHistory"`
	RequiresConversationResolution bool     `json:"requiresConversationResolution"`
	AllowsForcePushes              bool     `json:"allowsForcePushes"`
	AllowsDeletions                bool     `json:"allowsDeletions"`
	IsAdminEnforced                bool     `json:"isAdminEnforced"`
	RestrictsReviewDismissals      bool     `json:"restrictsReviewDismissals"`
	RestrictsPushes                bool     `json:"restrictsPushes"`
}

type gqlRuleConnect struct {
	PageInfo struct {
		HasNextPage bool `json:"hasNextPage"`
	} `json:"pageInfo"`
	Nodes []struct {
		Type       string          `json:"type"`
		Parameters json.RawMessage `json:"parameters"`
		Ruleset    *struct {
			DatabaseID int64 `json:"databaseId"`
			Source     struct {
				Typename string `json:"__typename"`
			} `json:"source"`
		} `json:"repositoryRuleset"`
	} `json:"nodes"`
}
