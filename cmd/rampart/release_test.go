package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// The release is built by goreleaser in the release workflow, by
// `make release-check` in CI, by the Dockerfile for a plain `docker build`,
// and by the action when it cannot download a release: these tests hold the
// four to one set of flags and names, and the Dockerfile to its promises,
// since no Docker engine runs where the tests do.

const versionFlag = "-X github.com/rampart-audit/rampart/internal/cli.Version="

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", name))
	require.NoError(t, err)
	return string(data)
}

// TestReleaseConfigs: goreleaser, the Makefile, the Dockerfile and the
// action's build fallback build with the same flags, and the archive and
// checksum names are the ones the action downloads.
func TestReleaseConfigs(t *testing.T) {
	t.Parallel()
	var gr struct {
		Version int `yaml:"version"`
		Builds  []struct {
			Main    string   `yaml:"main"`
			Env     []string `yaml:"env"`
			Flags   []string `yaml:"flags"`
			Ldflags []string `yaml:"ldflags"`
			Goos    []string `yaml:"goos"`
			Goarch  []string `yaml:"goarch"`
		} `yaml:"builds"`
		Archives []struct {
			NameTemplate string `yaml:"name_template"`
		} `yaml:"archives"`
		Checksum struct {
			NameTemplate string `yaml:"name_template"`
			Algorithm    string `yaml:"algorithm"`
		} `yaml:"checksum"`
		Dockers []struct {
			Dockerfile string   `yaml:"dockerfile"`
			Flags      []string `yaml:"build_flag_templates"`
		} `yaml:"dockers"`
	}
	require.NoError(t, yaml.Unmarshal([]byte(readRepoFile(t, ".goreleaser.yaml")), &gr))
	require.Equal(t, 2, gr.Version)
	require.Len(t, gr.Builds, 1)
	b := gr.Builds[0]
	require.Equal(t, "./cmd/rampart", b.Main)
	require.Contains(t, b.Env, "CGO_ENABLED=0", "a static binary")
	require.Contains(t, b.Flags, "-trimpath")
	require.Subset(t, b.Goos, []string{"linux", "darwin"})
	require.Subset(t, b.Goarch, []string{"amd64", "arm64"})
	require.Equal(t, []string{"-s -w " + versionFlag + "{{ .Tag }}"}, b.Ldflags)
	require.Equal(t, "{{ .ProjectName }}_{{ .Tag }}_{{ .Os }}_{{ .Arch }}", gr.Archives[0].NameTemplate)
	require.Equal(t, "checksums.txt", gr.Checksum.NameTemplate)
	require.Equal(t, "sha256", gr.Checksum.Algorithm)
	for _, d := range gr.Dockers {
		require.Equal(t, "Dockerfile", d.Dockerfile)
		require.Contains(t, d.Flags, "--target=release")
	}

	makefile := readRepoFile(t, "Makefile")
	require.Contains(t, makefile, "LDFLAGS := "+versionFlag+"$(VERSION)")
	require.Contains(t, makefile, "RELEASE_LDFLAGS := -s -w $(LDFLAGS)")
	script := readRepoFile(t, "scripts/release-check.sh")
	require.Contains(t, script, `CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -ldflags "$ldflags"`)
	require.Contains(t, script, `name="rampart_${version}_${os}_${arch}"`, "goreleaser's archive names")

	require.Contains(t, readRepoFile(t, "Dockerfile"), `go build -trimpath -ldflags "-s -w `+versionFlag+`${VERSION}"`)
	action := readRepoFile(t, "action.yml")
	require.Contains(t, action, `CGO_ENABLED=0 go build -trimpath -ldflags "-s -w `+versionFlag+`$VERSION"`)
	require.Contains(t, action, `archive="rampart_${v}_${platform}.tar.gz"`)
	require.Contains(t, action, `"$base/checksums.txt"`)
	require.Contains(t, action, "cache-dependency-path: .rampart-action/go.sum", "inside the workspace, where setup-go can cache from")
	require.Regexp(t, `uses: rampart-audit/rampart@v\d+\.\d+\.\d+\n`, readRepoFile(t, "examples/workflows/rampart-gate.yml"), "the example is pinned to a release tag")
}

// TestDockerfilePromises: every base image is pinned by digest, the image
// runs as a non-root user, nothing is fetched with ADD, and the binary is
// static (CGO off).
func TestDockerfilePromises(t *testing.T) {
	t.Parallel()
	src := readRepoFile(t, "Dockerfile")
	args := map[string]string{}
	stages := map[string]bool{}
	type stage struct {
		from string
		user string
	}
	var all []stage
	digest := regexp.MustCompile(`^[a-z0-9.\-/:]+@sha256:[0-9a-f]{64}$`)
	for n, raw := range strings.Split(strings.ReplaceAll(src, "\\\n", " "), "\n") {
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		word, rest, _ := strings.Cut(line, " ")
		switch strings.ToUpper(word) {
		case "ARG":
			if k, v, ok := strings.Cut(rest, "="); ok && len(all) == 0 {
				args[k] = v
			}
		case "FROM":
			fields := strings.Fields(rest)
			image := os.Expand(fields[0], func(k string) string { return args[k] })
			if !stages[image] {
				require.Regexp(t, digest, image, "Dockerfile:%d: base image not pinned by digest", n+1)
			}
			if len(fields) == 3 && strings.EqualFold(fields[1], "AS") {
				stages[fields[2]] = true
			}
			all = append(all, stage{from: image})
		case "USER":
			all[len(all)-1].user = rest
		case "ADD":
			t.Errorf("Dockerfile:%d: ADD (use COPY; nothing is fetched at build but modules): %s", n+1, line)
		case "RUN":
			require.NotRegexp(t, `\b(curl|wget)\b`, rest, "Dockerfile:%d: the build fetches only Go modules", n+1)
		}
	}
	require.GreaterOrEqual(t, len(all), 2, "multi-stage")
	for _, s := range all[1:] {
		require.NotEmpty(t, s.user, "a runtime stage from %s sets no USER", s.from)
		require.NotRegexp(t, `^(root|0)(:|$)`, s.user, "runs as root")
	}
	require.Contains(t, src, "CGO_ENABLED=0")
}

// TestActionDownloadsAndVerifiesTheRelease runs the action's download step
// against a stand-in release server: a release tag downloads the archive
// and checks it against checksums.txt; a mismatch fails the step (no
// fallback to building); a missing release or a branch ref leaves the
// build to the fallback.
func TestActionDownloadsAndVerifiesTheRelease(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Fatal("bash is needed to run the action's step")
	}
	var action struct {
		Runs struct {
			Steps []struct {
				ID  string            `yaml:"id"`
				Run string            `yaml:"run"`
				Env map[string]string `yaml:"env"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	require.NoError(t, yaml.Unmarshal([]byte(readRepoFile(t, "action.yml")), &action))
	script := ""
	for _, s := range action.Runs.Steps {
		if s.ID == "release" {
			script = s.Run
			require.Equal(t, "https://github.com/rampart-audit/rampart/releases/download", s.Env["RELEASES"])
		}
	}
	require.NotEmpty(t, script, "action.yml has no step with id release")

	archive := tarGz(t, "rampart", "#!/bin/sh\necho rampart v1.2.3\n")
	sum := sha256.Sum256(archive)
	good := hex.EncodeToString(sum[:]) + "  rampart_v1.2.3_linux_amd64.tar.gz\n"
	bad := strings.Repeat("0", 64) + "  rampart_v1.2.3_linux_amd64.tar.gz\n"
	for _, tc := range []struct {
		name, ref, checksums string
		missing              bool
		wantOK               bool
		downloaded           string
	}{
		{"release tag", "v1.2.3", good, false, true, "true"},
		{"checksum mismatch", "v1.2.3", bad, false, false, ""},
		{"archive not in checksums.txt", "v1.2.3", strings.Replace(good, "linux_amd64", "darwin_arm64", 1), false, false, ""},
		{"no such release", "v1.2.3", good, true, true, "false"},
		{"branch", "main", good, false, true, "false"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch {
				case tc.missing:
					http.NotFound(w, r)
				case r.URL.Path == "/v1.2.3/rampart_v1.2.3_linux_amd64.tar.gz":
					_, _ = w.Write(archive)
				case r.URL.Path == "/v1.2.3/checksums.txt":
					_, _ = w.Write([]byte(tc.checksums))
				default:
					http.NotFound(w, r)
				}
			}))
			defer srv.Close()
			tmp := t.TempDir()
			out := filepath.Join(tmp, "output")
			cmd := exec.Command("bash", "-eo", "pipefail", "-c", script)
			cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + tmp, "ACTION_REF=" + tc.ref, "VERSION=",
				"RELEASES=" + srv.URL, "RUNNER_OS=Linux", "RUNNER_ARCH=X64", "RUNNER_TEMP=" + tmp, "GITHUB_OUTPUT=" + out}
			log, err := cmd.CombinedOutput()
			if !tc.wantOK {
				require.Error(t, err, "%s", log)
				require.Contains(t, string(log), "does not match the release's checksums.txt")
				require.NoFileExists(t, filepath.Join(tmp, "rampart"))
				return
			}
			require.NoError(t, err, "%s", log)
			outputs, err := os.ReadFile(out)
			require.NoError(t, err)
			require.Contains(t, string(outputs), "downloaded="+tc.downloaded+"\n", "%s", log)
			require.Contains(t, string(outputs), "version="+tc.ref+"\n")
			if tc.downloaded == "true" {
				got, err := os.ReadFile(filepath.Join(tmp, "rampart"))
				require.NoError(t, err)
				require.Contains(t, string(got), "echo rampart v1.2.3")
			} else {
				require.NoFileExists(t, filepath.Join(tmp, "rampart"))
			}
		})
	}
}

func tarGz(t *testing.T, name, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	require.NoError(t, tw.WriteHeader(&tar.Header{Name: name, Mode: 0o755, Size: int64(len(body))}))
	_, err := fmt.Fprint(tw, body)
	require.NoError(t, err)
	require.NoError(t, tw.Close())
	require.NoError(t, gz.Close())
	return buf.Bytes()
}
