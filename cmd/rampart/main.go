// Command rampart audits GitHub organisations, AWS accounts and Terraform
// against Rego controls linked to an organisation's risks, mitigations,
// training and security policies.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"

	"github.com/rampart-audit/rampart/internal/cli"
	"github.com/rampart-audit/rampart/internal/engine"
)

func main() {
	// An evaluation child (internal/engine/sandbox.go) runs one untrusted
	// control and nothing else of rampart.
	if engine.IsChild() {
		os.Exit(engine.RunChild(os.Stdin, os.Stdout, os.Stderr))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first signal cancels the run, which stops and says so; after it the
	// default handling returns, so a second Ctrl-C ends the process at once.
	go func() {
		<-ctx.Done()
		stop()
	}()
	p := cli.DefaultParams()
	p.IsTerminal = term.IsTerminal(int(os.Stderr.Fd()))
	code := cli.Run(ctx, os.Args[1:], p)
	stop()
	os.Exit(code)
}
