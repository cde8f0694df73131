// Extracts the GitHub REST example bodies the stand-in server needs
// (internal/collect/github/githubtest) from GitHub's own OpenAPI description
// and from Octokit's recorded fixtures, so tests exercise the collector
// against documented and recorded response shapes instead of hand-written ones.
//
// Pinned sources (see package.json; bump both together):
//   @octokit/openapi  23.0.2  generated/api.github.com.json and ghec.json (components.examples)
//   @octokit/fixtures 23.1.2  scenarios/api.github.com/*/normalized-fixture.json
//
// Run: npm install && npm run extract   (from this folder)
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "..", "internal", "collect", "github", "githubtest", "testdata");

const versions = {
  "@octokit/openapi": require("@octokit/openapi/package.json").version,
  "@octokit/fixtures": require("@octokit/fixtures/package.json").version,
};
const pinned = JSON.parse(readFileSync(join(here, "package.json"), "utf8")).devDependencies;
for (const [name, v] of Object.entries(versions)) {
  if (pinned[name] !== v) throw new Error(`${name} ${v} installed, package.json pins ${pinned[name]}: run npm install`);
}

const specs = {
  dotcom: JSON.parse(readFileSync(require.resolve("@octokit/openapi/generated/api.github.com.json"), "utf8")),
  ghec: JSON.parse(readFileSync(require.resolve("@octokit/openapi/generated/ghec.json"), "utf8")),
};
let spec = specs.dotcom;

// operationId → the file the stand-in serves for it.
const operations = [
  "orgs/get",
  "repos/list-for-org",
  "orgs/list-members",
  "orgs/list-outside-collaborators",
  "orgs/list-webhooks",
  "repos/get-org-rulesets",
  "actions/get-github-actions-permissions-organization",
  "actions/get-github-actions-default-workflow-permissions-organization",
  "dependabot/list-alerts-for-org",
  "code-scanning/list-alerts-for-org",
  "secret-scanning/list-alerts-for-org",
  "repos/get",
  "repos/get-branch-protection",
  "repos/get-branch-rules",
  "repos/codeowners-errors",
  "repos/list-collaborators",
  "repos/list-deploy-keys",
  "repos/list-webhooks",
  "actions/get-github-actions-permissions-repository",
  "actions/get-github-actions-default-workflow-permissions-repository",
  "actions/list-self-hosted-runner-groups-for-org",
  "actions/list-org-secrets",
  "actions/list-repo-secrets",
  "code-scanning/get-default-setup",
  "repos/check-immutable-releases",
  // Organisation policies repositories inherit (collector: inherit.go).
  "orgs/get-immutable-releases-settings",
  "orgs/get-immutable-releases-settings-repositories",
  "code-security/get-configurations-for-org",
  "code-security/get-repositories-for-configuration",
  "actions/list-selected-repositories-enabled-github-actions-organization",
  // Teams, for repository admins granted through a team (collector: teams.go).
  "teams/list",
  "teams/list-repos-in-org",
  "teams/list-members-in-org",
];

// Operations only GitHub Enterprise Cloud has (generated/ghec.json): SAML
// credential authorizations, the one place the API shows member activity.
const ghecOperations = ["orgs/list-saml-sso-authorizations"];

function resolve(node) {
  if (node && node.$ref) {
    const parts = node.$ref.replace(/^#\//, "").split("/");
    return resolve(parts.reduce((o, k) => o[k], spec));
  }
  return node;
}

function indexOf(sp) {
  const index = {};
  for (const [path, ops] of Object.entries(sp.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (op && op.operationId) index[op.operationId] = { method, path, op };
    }
  }
  return index;
}
const indexes = { dotcom: indexOf(specs.dotcom), ghec: indexOf(specs.ghec) };
let index = indexes.dotcom;

mkdirSync(join(out, "openapi"), { recursive: true });
mkdirSync(join(out, "fixtures"), { recursive: true });

const manifest = { sources: versions, openapi: {}, fixtures: {} };
const todo = [...operations.map((id) => ["dotcom", id]), ...ghecOperations.map((id) => ["ghec", id])];
for (const [which, id] of todo) {
  spec = specs[which];
  index = indexes[which];
  const entry = index[id];
  if (!entry) throw new Error(`operation ${id} not in @octokit/openapi ${versions["@octokit/openapi"]}`);
  const ok = resolve(entry.op.responses["200"]);
  const content = ok && ok.content && (ok.content["application/json"] || Object.values(ok.content)[0]);
  const examples = content && content.examples;
  if (!examples) throw new Error(`operation ${id} has no 200 example`);
  const first = resolve(Object.values(examples)[0]);
  const file = id.replace("/", "__") + ".json";
  writeFileSync(join(out, "openapi", file), JSON.stringify(first.value, null, 2) + "\n");
  manifest.openapi[id] = { method: entry.method.toUpperCase(), path: entry.path, file: "openapi/" + file };
  if (which !== "dotcom") manifest.openapi[id].spec = which;
}
spec = specs.dotcom;
index = indexes.dotcom;

// Operations whose 200 answer has several documented shapes: each named
// example to its own file (the contents API answers a folder with a list
// and a file with an object carrying its base64 content).
const namedExamples = [
  { id: "repos/get-content", example: "response-if-content-is-a-file", file: "repos__get-content.file.json" },
  { id: "repos/get-content", example: "response-if-content-is-a-directory", file: "repos__get-content.directory.json" },
];
for (const n of namedExamples) {
  const entry = index[n.id];
  if (!entry) throw new Error(`operation ${n.id} not in @octokit/openapi ${versions["@octokit/openapi"]}`);
  const ex = resolve(entry.op.responses["200"]).content["application/json"].examples[n.example];
  if (!ex) throw new Error(`operation ${n.id} has no example ${n.example}`);
  writeFileSync(join(out, "openapi", n.file), JSON.stringify(resolve(ex).value, null, 2) + "\n");
  manifest.openapi[n.id + "#" + n.example] = { method: entry.method.toUpperCase(), path: entry.path, file: "openapi/" + n.file };
}

// Recorded responses: the real 404 body GitHub sends for an unprotected
// branch, and a real branch-protection body.
const fixtures = [
  { name: "branch-not-protected", scenario: "branch-protection", method: "get", status: 404 },
  { name: "branch-protection-recorded", scenario: "branch-protection", method: "put", status: 200, nth: 1 },
];
for (const f of fixtures) {
  const recs = require(`@octokit/fixtures/scenarios/api.github.com/${f.scenario}/normalized-fixture.json`)
    .filter((r) => r.method === f.method && r.status === f.status);
  const rec = recs[f.nth || 0];
  if (!rec) throw new Error(`fixture ${f.scenario} has no ${f.method} ${f.status}`);
  const body = { status: rec.status, path: rec.path, body: rec.response };
  writeFileSync(join(out, "fixtures", f.name + ".json"), JSON.stringify(body, null, 2) + "\n");
  manifest.fixtures[f.name] = { scenario: f.scenario, method: f.method.toUpperCase(), path: rec.path, status: rec.status };
}

writeFileSync(join(out, "sources.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`wrote ${todo.length + namedExamples.length} OpenAPI examples and ${fixtures.length} fixtures to ${out}`);
