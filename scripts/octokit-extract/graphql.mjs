// Extracts the part of GitHub's GraphQL schema the collector queries, from
// @octokit/graphql-schema (GitHub's published schema.graphql), into
// internal/collect/github/githubtest/testdata/graphql/schema.graphql. The
// stand-in serves exactly this subset: every type, field, argument,
// nullability and description is GitHub's; only what the collector never
// asks for is left out (graph-gophers/graphql-go needs a resolver for every
// field it serves).
//
// Pinned source (package.json): @octokit/graphql-schema 15.26.1, graphql 16.15.0.
// Run: npm install && npm run extract-graphql   (from this folder)
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, print, buildASTSchema, validateSchema, Kind } from "graphql";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "..", "internal", "collect", "github", "githubtest", "testdata", "graphql");

const pkgDir = join(here, "node_modules", "@octokit", "graphql-schema"); // the package exports neither package.json nor schema.graphql
const version = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).version;
const pinned = JSON.parse(readFileSync(join(here, "package.json"), "utf8")).devDependencies["@octokit/graphql-schema"];
if (pinned !== version) throw new Error(`@octokit/graphql-schema ${version} installed, package.json pins ${pinned}: run npm install`);

// type → fields kept; a field "name(arg1,arg2)" keeps only those arguments.
const keep = {
  Query: ["organization(login)", "rateLimit(dryRun)"],
  RateLimit: ["cost", "limit", "nodeCount", "remaining", "resetAt", "used"],
  Organization: ["id", "login", "repositories(first,after,last,before)"],
  RepositoryConnection: ["nodes", "pageInfo", "totalCount"],
  PageInfo: ["endCursor", "hasNextPage", "hasPreviousPage", "startCursor"],
  Repository: [
    "id", "databaseId", "name", "nameWithOwner", "visibility", "isArchived", "isFork", "isEmpty", "pushedAt",
    "defaultBranchRef", "hasVulnerabilityAlertsEnabled", "codeowners(refName)",
    "collaborators(affiliation,first,after,last,before)", "object(expression,oid)",
    "deployKeys(first,after,last,before)", "isSecurityPolicyEnabled", "securityPolicyUrl",
  ],
  DeployKeyConnection: ["pageInfo", "totalCount"],
  Ref: ["id", "name", "branchProtectionRule", "rules(first,after,last,before)"],
  BranchProtectionRule: [
    "id", "pattern", "requiresApprovingReviews", "requiredApprovingReviewCount", "dismissesStaleReviews",
    "requiresCodeOwnerReviews", "requireLastPushApproval", "requiresStatusChecks", "requiresStrictStatusChecks",
    "requiredStatusCheckContexts", "requiresCommitSignatures", "requiresLinearHistory", "requiresConversationResolution",
    "allowsForcePushes", "allowsDeletions", "isAdminEnforced", "restrictsReviewDismissals", "restrictsPushes",
  ],
  RepositoryRuleConnection: ["nodes", "pageInfo", "totalCount"],
  RepositoryRule: ["id", "type", "parameters", "repositoryRuleset"],
  RuleParameters: ["PullRequestParameters", "RequiredStatusChecksParameters"],
  PullRequestParameters: ["dismissStaleReviewsOnPush", "requireCodeOwnerReview", "requireLastPushApproval", "requiredApprovingReviewCount", "requiredReviewThreadResolution"],
  RequiredStatusChecksParameters: ["requiredStatusChecks", "strictRequiredStatusChecksPolicy"],
  StatusCheckConfiguration: ["context", "integrationId"],
  RepositoryRuleset: ["id", "databaseId", "name", "enforcement", "target", "source"],
  RuleSource: ["Organization", "Repository"],
  RepositoryCodeowners: ["errors"],
  RepositoryCodeownersError: ["column", "kind", "line", "message", "path", "source", "suggestion"],
  RepositoryCollaboratorConnection: ["edges", "pageInfo", "totalCount"],
  RepositoryCollaboratorEdge: ["cursor", "node", "permission"],
  User: ["id", "login"],
  GitObject: ["id", "oid"],
  Node: ["id"],
  Tree: ["id", "oid", "entries"],
  TreeEntry: ["name", "path", "type", "mode", "size", "oid", "object"],
  Blob: ["id", "oid", "byteSize", "isBinary", "isTruncated", "text"],
};

const src = parse(readFileSync(join(pkgDir, "schema.graphql"), "utf8"));
const byName = new Map(src.definitions.filter((d) => d.name).map((d) => [d.name.value, d]));
const named = (t) => (t.kind === Kind.NAMED_TYPE ? t.name.value : named(t.type));
// Only @deprecated survives: GitHub's @requiredCapabilities is internal.
const dropDirectives = (n) => ({ ...n, directives: (n.directives || []).filter((d) => d.name.value === "deprecated") });

const defs = [];
const wanted = new Set(["String", "Int", "Boolean", "ID", "Float"]);
const queue = [];
const need = (name) => { if (!wanted.has(name)) { wanted.add(name); queue.push(name); } };
for (const name of Object.keys(keep)) need(name);
while (queue.length) {
  const name = queue.shift();
  const d = byName.get(name);
  if (!d) throw new Error(`type ${name} is not in GitHub's schema ${version}`);
  const spec = keep[name];
  switch (d.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_DEFINITION: {
      if (!spec) throw new Error(`${name} is referenced by a kept field: list the fields to keep`);
      const fields = spec.map((f) => {
        const m = /^(\w+)(?:\(([\w,]*)\))?$/.exec(f);
        const fd = d.fields.find((x) => x.name.value === m[1]);
        if (!fd) throw new Error(`${name}.${m[1]} is not in GitHub's schema ${version}`);
        const args = m[2] === undefined ? [] : m[2].split(",").map((a) => {
          const ad = fd.arguments.find((x) => x.name.value === a);
          if (!ad) throw new Error(`${name}.${m[1]}(${a}) is not in GitHub's schema ${version}`);
          return dropDirectives(ad);
        });
        for (const a of args) need(named(a.type));
        need(named(fd.type));
        return { ...dropDirectives(fd), arguments: args };
      });
      // An interface stays only when every field it declares is kept here.
      const interfaces = (d.interfaces || []).filter((i) => keep[i.name.value] && keep[i.name.value].every((f) => spec.includes(f)));
      defs.push({ ...dropDirectives(d), fields, interfaces });
      break;
    }
    case Kind.UNION_TYPE_DEFINITION: {
      const types = d.types.filter((t) => spec.includes(t.name.value));
      for (const t of types) need(t.name.value);
      defs.push({ ...dropDirectives(d), types });
      break;
    }
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      for (const f of d.fields) need(named(f.type));
      defs.push({ ...dropDirectives(d), fields: d.fields.map(dropDirectives) });
      break;
    case Kind.ENUM_TYPE_DEFINITION:
      defs.push({ ...dropDirectives(d), values: d.values.map(dropDirectives) });
      break;
    case Kind.SCALAR_TYPE_DEFINITION:
      defs.push(dropDirectives(d));
      break;
    default:
      throw new Error(`${name}: unexpected ${d.kind}`);
  }
}
defs.sort((a, b) => a.name.value.localeCompare(b.name.value));
const doc = { kind: Kind.DOCUMENT, definitions: defs };
const problems = validateSchema(buildASTSchema(doc)); // the subset must be a valid schema on its own
if (problems.length) throw new Error(problems.map((e) => e.message).join("\n"));
mkdirSync(out, { recursive: true });
const header = `# A subset of GitHub's GraphQL schema, extracted from @octokit/graphql-schema ${version}\n` +
  `# by scripts/octokit-extract/graphql.mjs: the types and fields the collector queries.\n` +
  `# Do not edit; re-run the script.\n\n`;
writeFileSync(join(out, "schema.graphql"), header + print(doc) + "\n");
writeFileSync(join(out, "source.json"), JSON.stringify({ "@octokit/graphql-schema": version, types: defs.length }, null, 2) + "\n");
console.log(`wrote ${defs.length} types from @octokit/graphql-schema ${version}`);
