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
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	p := cli.DefaultParams()
	p.IsTerminal = term.IsTerminal(int(os.Stderr.Fd()))
	code := cli.Run(ctx, os.Args[1:], p)
	stop()
	os.Exit(code)
}
