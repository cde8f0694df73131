package terraform

import (
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// moduleDir resolves a module call's source to the folder to evaluate: a
// local path relative to the calling module, or the folder terraform init
// installed a remote module in. why says why the module cannot be read;
// the caller turns it into a blocking gap.
func (mi *modInst) moduleDir(name string, b *hclsyntax.Block) (dir, why string) {
	addr := mi.prefix + "module." + name
	at := rangeText(b.DefRange())
	src := literalString(b.Body.Attributes["source"])
	if src == "" {
		return "", fmt.Sprintf("%s (%s) has no literal source", addr, at)
	}
	if local, ok := localSource(mi.mod.dir, src); ok {
		if why := mi.ev.cfg.refuse(local); why != "" {
			return "", fmt.Sprintf("%s (%s): source %q is %s", addr, at, src, why)
		}
		return local, ""
	}
	return mi.ev.remoteDir(mi, name, addr, at, src)
}

// refuse says why a module folder must not be read: the configuration
// under review names it, so it must stay inside the folders given to the
// gate, lexically and once symbolic links are followed. A path that
// leaves and comes back in ("../infra/mod") is cleaned first, so it is
// judged where it lands.
func (c *config) refuse(dir string) string {
	for _, s := range c.scanned {
		if !within(s, dir) {
			continue
		}
		d, ok := c.fsys.(Dir)
		if !ok {
			return "" // an in-memory or test file system has no links to follow
		}
		realRoot, err1 := filepath.EvalSymlinks(osPath(d, s))
		real, err2 := filepath.EvalSymlinks(osPath(d, dir))
		if err1 != nil || err2 != nil {
			return "" // a missing folder is reported when it is read
		}
		if rel, err := filepath.Rel(realRoot, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return "a symbolic link to " + real + ", outside the scanned folder " + s
		}
		return ""
	}
	return "outside the scanned folders (" + strings.Join(c.scanned, ", ") + ")"
}

// within reports whether dir lies lexically inside root (both cleaned).
func within(root, dir string) bool {
	if root == "." {
		return dir != ".." && !strings.HasPrefix(dir, "../") && !path.IsAbs(dir)
	}
	return dir == root || strings.HasPrefix(dir, strings.TrimSuffix(root, "/")+"/")
}

func osPath(d Dir, name string) string {
	p := filepath.FromSlash(name)
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(string(d), p)
}

// scannedFolders turns the paths given to Load into the folders modules
// must stay in: a single file's folder, every path cleaned.
func scannedFolders(fsysIsFile func(string) bool, paths []string) []string {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		p = path.Clean(filepath.ToSlash(p))
		if fsysIsFile(p) {
			p = path.Dir(p)
		}
		out = append(out, p)
	}
	return out
}

// cycle returns the chain of folders when dir is already being evaluated
// above this instance ("infra → infra/a → infra/b → infra/a"), else "".
func (mi *modInst) cycle(dir string) string {
	var down []string
	for p := mi; p != nil; p = p.parent {
		down = append([]string{fmt.Sprintf("%q", p.mod.dir)}, down...)
		if p.mod.dir == dir {
			return strings.Join(append(down, fmt.Sprintf("%q", dir)), " → ")
		}
	}
	return ""
}

// unreached reports scanned module folders that no root reached: every
// folder calls and is called, so they are only called from a cycle (a
// module calling itself through ./ is not a root either).
func (ev *evaluator) unreached() {
	// A folder a root reaches through the calls (statically) but the
	// evaluation skipped (a call refused, or starved by the budget) is
	// already a gap; only folders no root reaches are a cycle.
	reach := map[string]bool{}
	queue := ev.cfg.roots()
	for len(queue) > 0 {
		dir := queue[0]
		queue = queue[1:]
		m := ev.cfg.modules[dir]
		if reach[dir] || m == nil {
			continue
		}
		reach[dir] = true
		for _, name := range m.callOrder {
			if local, ok := localSource(m.dir, literalString(m.calls[name].Body.Attributes["source"])); ok {
				queue = append(queue, local)
			}
		}
	}
	for _, dir := range slices.Sorted(maps.Keys(ev.cfg.modules)) {
		if ev.visited[dir] || reach[dir] {
			continue
		}
		m := ev.cfg.modules[dir]
		rng := hcl.Range{Filename: dir}
		if b, callee := ev.cfg.caller(dir); b != nil {
			rng = b.DefRange()
			ev.errorf(rng, "Module cycle", fmt.Sprintf("module folder %s is called only from a cycle of module calls (%s calls it); Terraform rejects recursive modules, and its resources were not evaluated.", m.dir, callee))
			continue
		}
		ev.errorf(rng, "Module not evaluated", fmt.Sprintf("module folder %s was not reached from any root module.", m.dir))
	}
}

// caller finds a module block of the configuration calling dir.
func (c *config) caller(dir string) (*hclsyntax.Block, string) {
	for _, from := range slices.Sorted(maps.Keys(c.modules)) {
		m := c.modules[from]
		for _, name := range m.callOrder {
			b := m.calls[name]
			if local, ok := localSource(m.dir, literalString(b.Body.Attributes["source"])); ok && local == dir {
				return b, m.dir + " module." + name
			}
		}
	}
	return nil, ""
}

// mappedTypes are the normalised types the mapping produces (the
// registry's Terraform types, sorted): a module that could not be read may
// hold any of them. Workflows are files beside the configuration, not in
// a module: an unreadable module hides none (workflows.go).
var mappedTypes = slices.DeleteFunc(evidence.TerraformTypes(), func(t string) bool { return t == evidence.TypeGitHubWorkflow })

// gap records a part of the configuration that was not evaluated. It
// becomes one not-collected entry per normalised type, so every control
// comes out not_evaluated for it (engine gap findings): the gate blocks
// (exit 3) unless --allow-unknown, and the report says why. One gap per
// module block and root: the instances of a counted call share it.
func (ev *evaluator) gap(mi *modInst, rng hcl.Range, addr, why string) {
	key := fmt.Sprintf("%s\x00%s:%d:%d", mi.root, rng.Filename, rng.Start.Line, rng.Start.Column)
	if ev.gapSeen == nil {
		ev.gapSeen = map[string]bool{}
	}
	if ev.gapSeen[key] {
		return
	}
	ev.gapSeen[key] = true
	for _, t := range mappedTypes {
		ev.gaps = append(ev.gaps, evidence.NotCollected{
			ResourceType: t,
			Scope:        evidence.Scope{Platform: "terraform", Path: rng.Filename},
			ScopeID:      path.Join(mi.root, addr),
			Reason:       why,
		})
	}
}

func rangeText(r hcl.Range) string { return fmt.Sprintf("%s:%d", r.Filename, r.Start.Line) }
