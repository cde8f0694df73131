package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/history"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/store"
)

// NotificationSchema names the JSON body of a webhook (docs/serve.md).
const NotificationSchema = "rampart.notification/v1"

// Notification is the JSON webhook body.
type Notification struct {
	Schema    string      `json:"schema"`
	Notify    string      `json:"notify"`
	Workspace string      `json:"workspace"`
	Run       store.RunID `json:"run"`
	Previous  store.RunID `json:"previous"`
	StartedAt time.Time   `json:"started_at"`
	// Events are the subscribed events this run raised.
	Events []string `json:"events"`
	// NewFailures are the critical (new_critical) and high (new_high)
	// failures that were not failing in the previous run.
	NewFailures    []history.Change       `json:"new_failures"`
	WaiversExpired []history.WaiverChange `json:"waivers_expired"`
	CoverageLost   []history.CoverageLoss `json:"coverage_lost"`
	// EvidenceIncomplete: the run's evidence did not cover everything.
	EvidenceIncomplete bool `json:"evidence_incomplete"`
}

// Retries of a webhook: attempts and the first backoff (doubled each time).
const (
	webhookAttempts = 4
	webhookBackoff  = 2 * time.Second
	webhookTimeout  = 10 * time.Second
)

type notifier struct {
	client *http.Client
	sleep  func(ctx context.Context, d time.Duration) error
	getenv func(string) string
	log    *lineLog
}

func newNotifier(client *http.Client, sleep func(context.Context, time.Duration) error, getenv func(string) string, log *lineLog) *notifier {
	if client == nil {
		client = &http.Client{Timeout: webhookTimeout}
	}
	if sleep == nil {
		sleep = func(ctx context.Context, d time.Duration) error {
			t := time.NewTimer(d)
			defer t.Stop()
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-t.C:
				return nil
			}
		}
	}
	// A redirect would carry the body to a host nobody configured.
	c := *client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &notifier{client: &c, sleep: sleep, getenv: getenv, log: log}
}

// notifyAll posts the diff to every notify block subscribed to one of its
// events; a failed webhook is logged and counted, it does not fail the run.
func (n *notifier) notifyAll(ctx context.Context, m *Metrics, blocks []*model.Notify, workspace string, rec *store.Recorded, d *history.Diff) {
	raised := events(d)
	for _, b := range blocks {
		var events []string
		for _, e := range b.On {
			if slices.Contains(raised, e) {
				events = append(events, e)
			}
		}
		if len(events) == 0 {
			continue
		}
		body := notification(b, workspace, rec, d, events)
		if err := n.send(ctx, b, body); err != nil {
			m.notifications.WithLabelValues(b.Name, "failed").Inc()
			n.log.printf("notify %s: %v", b.Name, err)
			continue
		}
		m.notifications.WithLabelValues(b.Name, "sent").Inc()
		n.log.printf("notify %s: sent %s for run %d", b.Name, strings.Join(events, ", "), rec.ID)
	}
}

func notification(b *model.Notify, workspace string, rec *store.Recorded, d *history.Diff, events []string) Notification {
	out := Notification{Schema: NotificationSchema, Notify: b.Name, Workspace: workspace, Run: d.To.ID, Previous: d.From.ID,
		StartedAt: rec.StartedAt.UTC(), Events: events, NewFailures: []history.Change{}, WaiversExpired: []history.WaiverChange{},
		CoverageLost: []history.CoverageLoss{}, EvidenceIncomplete: rec.Report.Evidence.Incomplete}
	if slices.Contains(events, "new_critical") {
		out.NewFailures = append(out.NewFailures, newFailures(d, finding.Critical)...)
	}
	if slices.Contains(events, "new_high") {
		out.NewFailures = append(out.NewFailures, newFailures(d, finding.High)...)
	}
	if slices.Contains(events, "waiver_expired") {
		out.WaiversExpired = expiredWaivers(d)
	}
	if slices.Contains(events, "coverage_lost") {
		out.CoverageLost = d.CoverageLost
	}
	return out
}

// slackBody is Slack's incoming-webhook form: one mrkdwn text.
func slackBody(nb Notification) map[string]string {
	var b strings.Builder
	fmt.Fprintf(&b, "*Rampart* %s, run %d (against run %d): %s\n", nb.Workspace, nb.Run, nb.Previous, strings.Join(nb.Events, ", "))
	const most = 20
	for i, c := range nb.NewFailures {
		if i == most {
			fmt.Fprintf(&b, "… and %d more new failures\n", len(nb.NewFailures)-most)
			break
		}
		fmt.Fprintf(&b, "• new %s failure `%s` on %s %s: %s\n", c.Severity, c.ControlID, c.ResourceType, c.ResourceID, c.Message)
	}
	for _, w := range nb.WaiversExpired {
		fmt.Fprintf(&b, "• waiver `%s` (%s) expired on %s: its failures count again\n", w.ID, w.Control, w.Expires)
	}
	for _, nc := range nb.CoverageLost {
		fmt.Fprintf(&b, "• coverage lost: %s in %s: %s\n", nc.ResourceType, nc.Scope, nc.Reason)
	}
	if nb.EvidenceIncomplete {
		b.WriteString("• the run's evidence is incomplete: what was not seen was not judged\n")
	}
	return map[string]string{"text": b.String()}
}

// send posts with retries: a network error, 429 or 5xx is retried with a
// doubling backoff, another 4xx is final. Errors never carry the URL — an
// incoming webhook's path is its secret — only the block's name.
func (n *notifier) send(ctx context.Context, b *model.Notify, nb Notification) error {
	target := b.Webhook
	if b.WebhookEnv != "" {
		target = n.getenv(b.WebhookEnv)
		if target == "" {
			return fmt.Errorf("webhook_env %s is not set: nothing sent", b.WebhookEnv)
		}
		if err := model.CheckWebhookURL(target); err != nil {
			return fmt.Errorf("webhook_env %s: %w", b.WebhookEnv, err)
		}
	}
	var payload any = nb
	if b.Format == "slack" {
		payload = slackBody(nb)
	}
	body, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("encode notification: %w", err)
	}
	backoff := webhookBackoff
	var last error
	for attempt := 1; attempt <= webhookAttempts; attempt++ {
		retry, err := n.post(ctx, target, body)
		if err == nil {
			return nil
		}
		last = fmt.Errorf("attempt %d of %d: %w", attempt, webhookAttempts, err)
		if !retry || attempt == webhookAttempts {
			break
		}
		if err := n.sleep(ctx, backoff); err != nil {
			return fmt.Errorf("%w; stopped retrying: %w", last, err)
		}
		backoff *= 2
	}
	return last
}

func (n *notifier) post(ctx context.Context, target string, body []byte) (retry bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, webhookTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return false, errors.New("build request: the webhook URL is invalid")
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "rampart-serve")
	resp, err := n.client.Do(req)
	if err != nil {
		// *url.Error quotes the URL; keep only the cause.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return true, fmt.Errorf("POST: %w", err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return false, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return true, fmt.Errorf("POST: the receiver answered %s", resp.Status)
	}
	return false, fmt.Errorf("POST: the receiver answered %s (not retried)", resp.Status)
}
