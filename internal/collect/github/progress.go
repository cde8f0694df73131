package github

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Progress reports a collection to a person. On a terminal it redraws one
// status line (repositories done/total, requests, cached answers, quota
// left, rate-limit waits); elsewhere (CI logs) it writes a plain line every
// tenth of the repositories. It is also an io.Writer for log lines, so they
// do not tear the status line.
type Progress struct {
	w        io.Writer
	terminal bool
	now      func() time.Time

	total, done atomic.Int64
	stats       atomic.Pointer[Stats]

	mu       sync.Mutex
	lastDraw time.Time
	lastStep int64
	drawn    bool
}

// NewProgress reports to w; terminal selects the redrawn status line.
func NewProgress(w io.Writer, terminal bool) *Progress {
	return &Progress{w: w, terminal: terminal, now: time.Now}
}

func (p *Progress) attach(s *Stats) { p.stats.Store(s) }

func (p *Progress) addTotal(n int) { p.total.Add(int64(n)); p.update(false) }

func (p *Progress) repoDone() { p.done.Add(1); p.update(false) }

// Write prints a log line above the status line.
func (p *Progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.terminal && p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
	n, err := p.w.Write(b)
	if p.terminal && p.drawn {
		fmt.Fprint(p.w, p.line())
	}
	return n, err
}

// Finish draws the final state and ends the status line.
func (p *Progress) Finish() {
	p.update(true)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.terminal && p.drawn {
		fmt.Fprintln(p.w)
	}
}

func (p *Progress) line() string {
	s := p.stats.Load()
	if s == nil {
		s = &Stats{}
	}
	quota := "?"
	if q := s.QuotaLeft.Load(); q >= 0 {
		quota = fmt.Sprint(q)
	}
	line := fmt.Sprintf("github: %d/%d repositories, %d requests (%d answered 304), quota left %s, %d rate-limit waits",
		p.done.Load(), p.total.Load(), s.Requests.Load(), s.NotModified.Load(), quota, s.RateWaits.Load())
	if creds := s.Credentials(); len(creds) > 1 || s.GraphQLRequests.Load() > 0 {
		line += "; " + credentialLine(creds)
	}
	return line
}

// credentialLine is each credential's units used and budgets left, by
// label: the token itself never appears.
func credentialLine(creds []CredentialUse) string {
	left := func(n int64) string {
		if n < 0 {
			return "?"
		}
		return fmt.Sprint(n)
	}
	var b strings.Builder
	for i, c := range creds {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s: %d units used, %s REST / %s GraphQL left", c.Label, c.Used, left(c.RESTLeft), left(c.GraphQLLeft))
	}
	return b.String()
}

func (p *Progress) update(final bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.terminal {
		now := p.now()
		if !final && now.Sub(p.lastDraw) < 100*time.Millisecond {
			return
		}
		p.lastDraw = now
		fmt.Fprint(p.w, "\r\x1b[K"+p.line())
		p.drawn = true
		return
	}
	total, done := p.total.Load(), p.done.Load()
	step := int64(0)
	if total > 0 {
		step = done * 10 / total
	}
	if final || (done > 0 && step > p.lastStep) {
		p.lastStep = step
		fmt.Fprintln(p.w, p.line())
	}
}
