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
	"github.com/rampart-audit/rampart/internal/terraform"
)

func main() {
	// A child (internal/childproc) runs one part of rampart under a memory
	// limit and nothing else: an evaluation child one untrusted control
	// (internal/engine/sandbox.go), a Terraform child the evaluation of a
	// pull request's Terraform (internal/terraform/child.go).
	switch {
	case engine.IsChild():
		os.Exit(engine.RunChild(os.Stdin, os.Stdout, os.Stderr))
	case terraform.IsChild():
		os.Exit(terraform.RunChild(os.Stdin, os.Stdout, os.Stderr))
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
	p.StdoutIsTerminal = term.IsTerminal(int(os.Stdout.Fd()))
	code := cli.Run(ctx, os.Args[1:], p)
	stop()
	os.Exit(code)
}
