#!/usr/bin/env bash
# Builds the release binaries from the local tree the way .goreleaser.yaml
# does (CGO off, -trimpath, RELEASE_LDFLAGS, the archive names the action
# downloads), writes and verifies checksums.txt, and smoke-tests the
# linux/amd64 binary: its version, and a gate over a testdata folder.
# Usage: scripts/release-check.sh VERSION LDFLAGS OUTDIR
set -euo pipefail
version=$1 ldflags=$2 out=$3
cd "$(dirname "$0")/.."

rm -rf "$out"
mkdir -p "$out"
for target in linux/amd64 darwin/arm64; do
  os=${target%/*} arch=${target#*/}
  name="rampart_${version}_${os}_${arch}"
  mkdir -p "$out/$name"
  CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -ldflags "$ldflags" -o "$out/$name/rampart" ./cmd/rampart
  cp README.md docs/gate.md "$out/$name/"
  # Reproducible archives: fixed order, owner and time.
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$out/$name" -czf "$out/$name.tar.gz" rampart README.md gate.md
done
(cd "$out" && sha256sum ./*.tar.gz | sed 's| \./| |' > checksums.txt && sha256sum --quiet -c checksums.txt)
echo "checksums verified: $(wc -l < "$out/checksums.txt") archives"

bin="$out/rampart_${version}_linux_amd64/rampart"
file_type=$(head -c 4 "$bin" | od -An -c | tr -d ' ')
[ "$file_type" = "177ELF" ] || { echo "linux/amd64 binary is not ELF" >&2; exit 1; }
if command -v ldd >/dev/null && ldd "$bin" 2>&1 | grep -q '=>'; then
  echo "linux/amd64 binary is dynamically linked" >&2; exit 1
fi
got=$("$bin" version)
[ "$got" = "rampart $version" ] || { echo "version: got '$got', want 'rampart $version'" >&2; exit 1; }
echo "$got"

# A clean repository passes; an open security group fails with exit 1.
smoke=$(mktemp -d)
trap 'rm -rf "$smoke"' EXIT
cp -R scripts/testdata/release-smoke "$smoke/ok"
(cd "$smoke/ok" && "$OLDPWD/$bin" gate . --format "json=$smoke/ok.json" >/dev/null)
grep -q '"passed": true' "$smoke/ok.json" || { echo "smoke gate did not pass" >&2; exit 1; }
mkdir "$smoke/open"
sed 's|cidrsubnet(var.vpc_cidr, 8, 1)|"0.0.0.0/0"|' scripts/testdata/release-smoke/main.tf > "$smoke/open/main.tf"
set +e
(cd "$smoke/open" && "$OLDPWD/$bin" gate . >/dev/null 2>&1)
code=$?
set -e
[ "$code" -eq 1 ] || { echo "smoke gate on an open security group exited $code, want 1" >&2; exit 1; }
echo "smoke gate: clean folder passed, open security group exit 1"
