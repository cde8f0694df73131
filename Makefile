# Rampart — see README.md. Every target installs what it needs via Go modules.
GO      ?= go
BIN     := bin/rampart
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/rampart-audit/rampart/internal/cli.Version=$(VERSION)
# The release binaries' flags: .goreleaser.yaml and the Dockerfile use the
# same (TestReleaseConfigs).
RELEASE_LDFLAGS := -s -w $(LDFLAGS)

.PHONY: build demo deps test vet race bench clean release-check

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/rampart

# Audits the embedded example offline. An audit that finds failures exits 1
# (and 3 when something could not be evaluated); the demo shows both, so
# those codes are expected here and anything else fails the target.
demo: build
	@$(BIN) audit examples/acme --training-records examples/acme/training-records.csv \
		--framework iso27001-2022 --format text \
		--format html=bin/acme-report.html --format summary=bin/acme-summary.md; code=$$?; \
	echo; echo "HTML report: bin/acme-report.html  management summary: bin/acme-summary.md"; \
	echo; echo "rampart audit exited $$code (0 clean, 1 failures, 2 input error, 3 could not evaluate)"; \
	[ $$code -le 1 ] || [ $$code -eq 3 ]

# The HTML report is tested in a real headless browser: Debian's chromium.
# The run store's tests start a throwaway PostgreSQL cluster
# (internal/store/pgtest): Debian's postgresql-15 binaries, run as the
# postgres user the package creates.
deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing chromium for the HTML report test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		echo "installing postgresql-15 for the run store tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15; }

# Every Go test (the Rego unit tests run inside them, through OPA's tester),
# then the repository's own policy checks with the rampart binary.
# The per-package timeout is raised from go test's 10 minutes: the
# controls package's mutation property test evaluates every failing example
# resource with each attribute broken, and grows with the catalogue; on a
# loaded 2-core machine it alone has taken 17 minutes.
test: deps
	$(GO) test -timeout 45m ./...
	$(MAKE) policy-check

vet:
	$(GO) vet ./...

# The packages that run goroutines: the engine's workers, the evaluation
# children's CPU budgets (childproc), the collectors'
# fan-out, the Terraform parser's parallel parse, the gate's writers, the
# run store's concurrent writers and the distributed workers' jobs.
race: deps
	$(GO) test -timeout 45m -race ./internal/engine/... ./internal/regovm/... ./internal/childproc/... ./internal/collect/... ./internal/terraform/... ./internal/gate/... ./internal/serve/... ./internal/store/... ./internal/worker/... ./internal/governance/... ./internal/gcwatch/...

# The README's performance tables: every benchmark with its baseline in the
# same run, printed in Markdown with the machine and its load
# (internal/benchtable; BENCHFLAGS=-100k adds the 100,000-repository audit).
bench:
	$(GO) run ./internal/benchtable $(BENCHFLAGS)

clean:
	rm -rf bin

# The release from the local tree, as goreleaser builds it: linux/amd64 and
# darwin/arm64 archives, checksums.txt written and verified, and the linux
# binary's version and a gate smoke-tested (scripts/release-check.sh).
# Publishing is the release workflow's (goreleaser release on a tag).
release-check:
	scripts/release-check.sh "$(VERSION)" "$(RELEASE_LDFLAGS)" bin/release

# The repository checks its own controls and governance the way a policy
# repository would: formatted, linted, tested with coverage, and the
# catalogue in docs/controls current.
.PHONY: policy-check
policy-check: build
	$(BIN) fmt --check controls policies examples
	$(BIN) lint controls policies examples
	$(BIN) test --controls controls --policies policies examples/acme
	$(BIN) docs --check --out docs/controls
