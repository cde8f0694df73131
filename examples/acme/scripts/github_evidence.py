#!/usr/bin/env python3
"""Writes examples/acme/evidence/github.json: a recorded snapshot shaped like
`rampart collect github` output (attributes per docs/resources.md) for the
fictional acme-payments organisation. Values are chosen so the demo shows
passes, failures, a waived failure and results that could not be evaluated;
the collected list says the whole organisation was read. Run from examples/acme: python3 scripts/github_evidence.py"""
import json

TS = "2026-11-20T06:00:00Z"
ORG = "acme-payments"
SRC = {"kind": "recorded", "collector": "github", "collected_at": TS}


def hook(hid, host, insecure=False, secret=True, scheme="https"):
    return {"id": hid, "name": "web", "active": True, "url_scheme": scheme, "url_host": host,
            "insecure_ssl": insecure, "has_secret": secret, "events": ["push", "pull_request"]}


def protection(reviews, force=False, codeowners=True, admins=True, signed=False, dismissal=True, pushes=True):
    return {"protected": True, "sources": ["rulesets"], "requires_pull_request": True,
            "required_approving_review_count": reviews, "dismiss_stale_reviews": True,
            "require_code_owner_reviews": codeowners, "require_last_push_approval": reviews > 1,
            "required_conversation_resolution": True, "required_status_checks": ["ci/test", "ci/lint"],
            "required_status_checks_enabled": True, "required_status_checks_strict": True,
            "required_signatures": signed, "required_linear_history": True,
            "allow_force_pushes": force, "allow_deletions": False,
            "blocks_force_pushes": not force, "blocks_deletions": True, "enforce_admins": admins,
            "dismissal_restricted": dismissal, "restricts_pushes": pushes}


UNPROTECTED = {"protected": False, "sources": [], "requires_pull_request": False,
               "required_approving_review_count": 0, "dismiss_stale_reviews": False,
               "require_code_owner_reviews": False, "require_last_push_approval": False,
               "required_conversation_resolution": False, "required_status_checks": [],
               "required_status_checks_enabled": False, "required_status_checks_strict": False,
               "required_signatures": False, "required_linear_history": False,
               "allow_force_pushes": True, "allow_deletions": True,
               "blocks_force_pushes": False, "blocks_deletions": False, "enforce_admins": False,
               "dismissal_restricted": False, "restricts_pushes": False}

ADMINS = [{"login": "alice-acme", "permission": "admin", "outside": False},
          {"login": "carol-sec", "permission": "admin", "outside": False}]


def repo(name, prot, visibility="private", archived=False, codeowners=True, extra=None, unknown=None):
    attrs = {
        "name": name, "full_name": f"{ORG}/{name}", "visibility": visibility, "archived": archived,
        "fork": False, "default_branch": "main", "pushed_at": "2026-11-19T17:42:10Z",
        "allow_forking": False, "delete_branch_on_merge": True, "actions_secrets": [],
        "code_scanning_default_setup": "configured", "immutable_releases": True,
        "has_codeowners": codeowners, "codeowners_errors": 0,
        "security_and_analysis": {"advanced_security": True, "secret_scanning": True,
                                  "secret_scanning_push_protection": True, "dependabot_security_updates": True},
        "vulnerability_alerts_enabled": True,
        "collaborators": list(ADMINS), "deploy_keys": [], "webhooks": [],
        "actions": {"enabled": True, "allowed_actions": "selected", "default_workflow_permissions": "read",
                    "can_approve_pull_request_reviews": False},
        "dependabot_alerts": [], "code_scanning_alerts": [], "secret_scanning_alerts": [],
    }
    if prot is not None:
        attrs["default_branch_protection"] = prot
    attrs.update(extra or {})
    unknown = dict(unknown or {})
    # SECURITY.md is asked of public repositories only (GH-REPO-033).
    if visibility == "public":
        attrs.setdefault("has_security_policy", True)
    else:
        unknown["has_security_policy"] = NOT_PUBLIC
    # admins: direct admin collaborators and the members of admin teams.
    teams = sorted(t for t, (repos, _) in TEAMS.items() if name in repos)
    admins = {c["login"] for c in attrs["collaborators"] if c["permission"] == "admin"}
    for t in teams:
        admins |= set(TEAMS[t][1])
    attrs["admins"], attrs["admin_teams"] = sorted(admins), teams
    r = {"type": "github.repository", "id": f"github.com/{ORG}/{name}",
         "scope": {"platform": "github", "org": ORG, "repo": name}, "source": SRC, "attributes": attrs}
    for key in unknown:
        attrs.pop(key, None)
    if unknown:
        r["unknown"] = unknown
    return r


NOT_PUBLIC = "not read: only public repositories are asked for a security policy"
# Teams with admin permission: repositories, members (child teams' included,
# as GitHub lists them). platform administers infra-terraform: with the two
# direct admins and the contractor, five administrators (GH-REPO-034 fails).
TEAMS = {"platform": (["infra-terraform"], ["dchen", "erinw"])}


NO_CREDENTIAL = "no SAML-authorized credential: GitHub's API shows no other activity of a member"
OUTSIDE_ACTIVITY = "outside collaborators have no SAML credential authorizations in the organization: GitHub's API shows no activity of theirs"


def member(login, role, outside=False, active=None):
    """active: the last use of the member's SAML-authorized credentials
    (last_active_at); None leaves it unknown, as the collector does."""
    r = {"type": "github.member", "id": f"github.com/{ORG}/members/{login}",
         "scope": {"platform": "github", "org": ORG}, "source": SRC,
         "attributes": {"login": login, "role": role, "outside_collaborator": outside, "two_factor_disabled": False}}
    if active:
        r["attributes"]["last_active_at"] = active
    else:
        r["unknown"] = {"last_active_at": OUTSIDE_ACTIVITY if outside else NO_CREDENTIAL}
    return r


def secret(name, updated, visibility=None):
    s = {"name": name, "created_at": "2024-01-08T10:00:00Z", "updated_at": updated}
    if visibility:
        s["visibility"] = visibility
    return s


def perms(declared=True, write_all=False, write_scopes=(), line=0):
    return {"declared": declared, "write_all": write_all, "write_scopes": list(write_scopes), "line": line}


def action(job, line, uses):
    """One `uses:` as internal/workflow describes it."""
    if uses.startswith("./"):
        return {"job": job, "line": line, "uses": uses, "kind": "local", "pinned": True}
    path, ref = uses.split("@", 1)
    owner, name = path.split("/")[:2]
    pinned = len(ref) == 40 and all(c in "0123456789abcdef" for c in ref)
    return {"job": job, "line": line, "uses": uses, "kind": "repository", "owner": owner, "repo": name,
            "ref": ref, "pinned": pinned}


WORKFLOW_ATTRS = ("name", "triggers", "privileged_trigger", "permissions", "jobs", "actions",
                  "script_injections", "pr_head_checkouts", "self_hosted_runners", "runs_on_expressions")


def workflow(repo_name, file, visibility, attrs=None, parse_error=None):
    """A github.workflow resource: the attributes `rampart collect github`
    derives from the file (internal/workflow), or for a file that does not
    parse every attribute unknown with actionlint's message."""
    a = {"path": f".github/workflows/{file}", "repository_visibility": visibility}
    r = {"type": "github.workflow", "id": f"github.com/{ORG}/{repo_name}/.github/workflows/{file}",
         "scope": {"platform": "github", "org": ORG, "repo": repo_name}, "source": SRC, "attributes": a}
    if parse_error:
        r["unknown"] = {k: "the workflow does not parse: " + parse_error for k in WORKFLOW_ATTRS}
    else:
        a.update(attrs)
    return r


CHECKOUT_SHA = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683"

ADMIN_403 = "403 Resource not accessible by integration: needs the administration:read repository permission"
SECRETS_403 = "403 Resource not accessible by integration: needs the secrets:read repository permission"

resources = [
    {"type": "github.organization", "id": f"github.com/{ORG}", "scope": {"platform": "github", "org": ORG},
     "source": SRC, "attributes": {
         "login": ORG, "two_factor_requirement_enabled": True, "default_repository_permission": "write",
         "members_can_create_repositories": True, "members_can_create_public_repositories": False,
         "members_can_create_private_repositories": True, "web_commit_signoff_required": False,
         "new_repository_security": {"advanced_security": True, "dependabot_alerts": True,
                                     "dependabot_security_updates": True, "dependency_graph": True,
                                     "secret_scanning": True, "secret_scanning_push_protection": False},
         "rulesets": [{"id": 4211, "name": "default-branch", "target": "branch", "enforcement": "active",
                       "bypass_actor_count": 0, "binds_admins": True}],
         "actions": {"enabled_repositories": "all", "allowed_actions": "all",
                     "default_workflow_permissions": "write", "can_approve_pull_request_reviews": False},
         "webhooks": [hook(3101, "hooks.slack.example"), hook(3102, "ci.acme-payments.example", insecure=True)],
         "owners": ["alice-acme", "carol-sec"], "owner_count": 2,
         "is_verified": True, "members_can_create_internal_repositories": False,
         "members_can_fork_private_repositories": False, "members_can_delete_repositories": False,
         "members_can_change_repo_visibility": True, "members_can_invite_outside_collaborators": False,
         "saml_sso_enabled": True,
         # GitHub's Default group is open to every repository (not to public ones).
         "runner_groups": [{"id": 1, "name": "Default", "visibility": "all", "default": True,
                            "allows_public_repositories": False, "restricted_to_workflows": False},
                           {"id": 4, "name": "atlantis", "visibility": "selected", "default": False,
                            "allows_public_repositories": False, "restricted_to_workflows": True}],
         # SLACK_WEBHOOK: every repository may read it, unrotated since June 2024.
         "actions_secrets": [secret("NPM_TOKEN", "2026-09-01T08:00:00Z", "selected"),
                             secret("SLACK_WEBHOOK", "2024-06-15T12:00:00Z", "all")]}},
    # last_active_at from SAML credential authorizations: carol-sec (owner)
    # and erinw last used a credential over six months ago; dchen has none.
    member("alice-acme", "admin", active="2026-11-19T16:20:00Z"), member("carol-sec", "admin", active="2026-04-02T09:00:00Z"),
    member("bobo", "member", active="2026-10-30T11:00:00Z"), member("dchen", "member"),
    member("erinw", "member", active="2026-01-15T14:00:00Z"),
    member("frank-contract", "outside_collaborator", outside=True),
    repo("payments-api", protection(2, signed=True), extra={
        "actions_secrets": [secret("STRIPE_SECRET_KEY", "2026-05-01T09:00:00Z")],
        "dependabot_alerts": [{"number": 41, "state": "open", "severity": "critical", "created_at": "2026-11-02T08:14:00Z",
                               "package": "golang.org/x/net", "ghsa_id": "GHSA-4v7x-pqxf-cx7m",
                               "summary": "HTTP/2 rapid reset can cause excessive work",
                               "url": "https://github.com/acme-payments/payments-api/security/dependabot/41"}]}),
    # payments-gateway: anyone with write may push, a provider token
    # unrotated since February 2025, mutable releases.
    repo("payments-gateway", protection(1, pushes=False), extra={
        "actions_secrets": [secret("PROVIDER_TOKEN", "2025-02-01T10:00:00Z")], "immutable_releases": False}),
    # ledger: forkable although private, no code scanning default setup.
    repo("ledger", protection(1, codeowners=False), codeowners=False, extra={
        "allow_forking": True, "code_scanning_default_setup": "not-configured"}),
    repo("website", protection(1), visibility="public", extra={
        "webhooks": [hook(5501, "deploy.netlify.example", scheme="http", secret=False)], "delete_branch_on_merge": False}),
    # docs: no push since March, not archived, no SECURITY.md (nor an
    # organisation default).
    repo("docs", UNPROTECTED, visibility="public", codeowners=False, extra={"pushed_at": "2026-03-02T10:15:00Z",
                                                                          "has_security_policy": False}),
    repo("data-pipeline", None, unknown={"default_branch_protection": ADMIN_403, "security_and_analysis": ADMIN_403,
                                         "deploy_keys": ADMIN_403, "webhooks": ADMIN_403, "actions_secrets": SECRETS_403,
                                         "immutable_releases": ADMIN_403}),
    repo("data-warehouse-dbt", protection(2, force=True), extra={
        "code_scanning_alerts": [{"number": 7, "state": "open", "severity": "high", "created_at": "2026-08-30T10:00:00Z",
                                  "rule": "py/sql-injection", "summary": "SQL query built from user-controlled sources",
                                  "url": "https://github.com/acme-payments/data-warehouse-dbt/security/code-scanning/7"}]}),
    repo("infra-terraform", protection(1, admins=False, dismissal=False, pushes=False), extra={
        "collaborators": ADMINS + [{"login": "frank-contract", "permission": "admin", "outside": True}],
        "deploy_keys": [{"id": 88120, "title": "atlantis", "read_only": False, "created_at": "2025-03-04T11:00:00Z",
                         "last_used": "2026-11-19T09:00:00Z"}],
        "actions": {"enabled": True, "allowed_actions": "selected", "default_workflow_permissions": "write",
                    "can_approve_pull_request_reviews": True}}),
    repo("old-prototype", UNPROTECTED, archived=True, codeowners=False),
    # payments-api ci.yml: on pull_request, `permissions: {contents: read}`,
    # checkout pinned to a SHA, the PR title passed through env: passes all.
    workflow("payments-api", "ci.yml", "private", {
        "name": "ci", "triggers": ["pull_request", "push"], "privileged_trigger": False,
        "permissions": perms(line=6),
        "jobs": [{"id": "test", "line": 9, "runs_on": ["ubuntu-latest"], "permissions": perms(declared=False)}],
        "actions": [action("test", 12, CHECKOUT_SHA), action("test", 13, "actions/setup-go@d35c59abb061a4a6fb18e82ac0862c26744d6ab5")],
        "script_injections": [], "pr_head_checkouts": [], "self_hosted_runners": [], "runs_on_expressions": []}),
    # website preview.yml: pull_request_target that checks out the PR head
    # with a tag-pinned checkout and write on pull-requests at the top level.
    workflow("website", "preview.yml", "public", {
        "name": "preview", "triggers": ["pull_request_target"], "privileged_trigger": True,
        "permissions": perms(write_scopes=["pull-requests"], line=4),
        "jobs": [{"id": "deploy-preview", "line": 8, "runs_on": ["ubuntu-latest"], "permissions": perms(declared=False)}],
        "actions": [action("deploy-preview", 11, "actions/checkout@v4"), action("deploy-preview", 16, "./.github/actions/netlify")],
        "script_injections": [],
        "pr_head_checkouts": [{"job": "deploy-preview", "line": 13, "ref": "${{ github.event.pull_request.head.sha }}"}],
        "self_hosted_runners": [], "runs_on_expressions": []}),
    # infra-terraform plan.yml: a private repository on its own runners
    # (allowed), no permissions block, and the branch name in a script.
    workflow("infra-terraform", "plan.yml", "private", {
        "name": "terraform plan", "triggers": ["pull_request"], "privileged_trigger": False,
        "permissions": perms(declared=False),
        "jobs": [{"id": "plan", "line": 5, "runs_on": ["self-hosted", "linux", "atlantis"], "permissions": perms(declared=False)}],
        "actions": [action("plan", 8, CHECKOUT_SHA)],
        "script_injections": [{"job": "plan", "line": 11, "field": "run", "expression": "github.head_ref"}],
        "pr_head_checkouts": [],
        "self_hosted_runners": [{"job": "plan", "line": 6, "label": "self-hosted"}], "runs_on_expressions": []}),
    # docs publish.yml does not parse (`runs-on` missing its value): not evaluated.
    workflow("docs", "publish.yml", "public",
             parse_error='line 7, column 13: "runs-on" section is missing in job "publish"'),
]

# What the collector read completely, as `rampart collect github` lists it:
# the whole organisation, every repository (no --repo patterns).
collected = [{"scope": {"platform": "github", "org": ORG},
              "types": ["github.member", "github.organization", "github.repository", "github.workflow"]}]
snapshot = {"schema": "rampart.evidence/v1", "collected_at": TS, "collectors": ["github"], "collected": collected,
            "resources": resources}
with open("evidence/github.json", "w") as f:
    json.dump(snapshot, f, indent=2)
    f.write("\n")
