# syntax=docker/dockerfile:1
# rampart as a container: a static binary on distroless, running as a
# non-root user. `docker build .` builds it from source (the "build" stage;
# the only network it needs is the Go module proxy); goreleaser builds the
# "release" stage, which copies the binary it built with the same flags.
# Bases are pinned by digest (the tag says what, the digest which); update
# both together in a reviewed commit. TestDockerfilePromises checks these
# promises, since no Docker engine runs where the tests do.

ARG GO_IMAGE=golang:1.26-alpine@sha256:f1ddd9fe14fffc091dd98cb4bfa999f32c5fc77d2f2305ea9f0e2595c5437c14
ARG RUN_IMAGE=gcr.io/distroless/static-debian12:nonroot@sha256:d093aa3e30dbadd3efe1310db061a14da60299baff8450a17fe0ccc514a16639

FROM ${GO_IMAGE} AS build
WORKDIR /src
ENV CGO_ENABLED=0 GOFLAGS=-mod=readonly GOTOOLCHAIN=local
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/root/go/pkg/mod go mod download && go mod verify
COPY . .
ARG VERSION=dev
# The flags of .goreleaser.yaml and `make release-check` (RELEASE_LDFLAGS).
RUN --mount=type=cache,target=/root/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    go build -trimpath -ldflags "-s -w -X github.com/rampart-audit/rampart/internal/cli.Version=${VERSION}" \
      -o /out/rampart ./cmd/rampart

FROM ${RUN_IMAGE} AS release
COPY rampart /usr/local/bin/rampart
USER nonroot:nonroot
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/rampart"]

FROM ${RUN_IMAGE}
COPY --from=build /out/rampart /usr/local/bin/rampart
USER nonroot:nonroot
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/rampart"]
