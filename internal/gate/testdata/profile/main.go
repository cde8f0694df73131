// Command profile runs `rampart gate` in process under the CPU profiler,
// for docs/gate.md's breakdown of where a gate run's CPU goes:
//
//	go build -o /tmp/profile ./internal/gate/testdata/profile
//	cd REPO && /tmp/profile -cpuprofile /tmp/gate.pprof gate --allow-unknown \
//	    --format sarif=/dev/null --format markdown=/dev/null --format text .
//
// The Terraform child is this same executable re-run (childproc), so it
// dispatches like main does. The parent clears the child's environment, so
// the child is profiled by running it by hand with the request the parent
// would send:
//
//	echo '{"dir":"/abs/REPO","paths":["."],"var_files":null,"memory_limit":2147483648}' |
//	    RAMPART_CHILD=terraform CHILD_CPUPROFILE=/tmp/child.pprof /tmp/profile >/dev/null
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/rampart-audit/rampart/internal/cli"
	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/terraform"
)

func main() {
	if out := os.Getenv("CHILD_CPUPROFILE"); out != "" && terraform.IsChild() {
		os.Exit(profiled(out, func() int { return terraform.RunChild(os.Stdin, os.Stdout, os.Stderr) }))
	}
	switch {
	case engine.IsChild():
		os.Exit(engine.RunChild(os.Stdin, os.Stdout, os.Stderr))
	case terraform.IsChild():
		os.Exit(terraform.RunChild(os.Stdin, os.Stdout, os.Stderr))
	}
	fs := flag.NewFlagSet("profile", flag.ExitOnError)
	out := fs.String("cpuprofile", "", "write the CPU profile of the in-process gate run here")
	if err := fs.Parse(os.Args[1:]); err != nil || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: profile -cpuprofile FILE gate ARGS...")
		os.Exit(2)
	}
	os.Exit(profiled(*out, func() int { return cli.Run(context.Background(), fs.Args(), cli.DefaultParams()) }))
}

// profiled runs fn under the CPU profiler writing to out.
func profiled(out string, fn func() int) int {
	f, err := os.Create(out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	code := fn()
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	return code
}
