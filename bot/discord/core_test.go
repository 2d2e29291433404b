package discord_test

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
	"github.com/interviewbot/interviewbot/internal/testkit"
	"github.com/interviewbot/interviewbot/storage"
)

// groupBank is a small bank whose grading the core's own tests know: the
// first question has three key points, the second three.
const groupBank = `questions:
  - id: rpo
    topic: 容灾
    prompt: 什么是 RPO 和 RTO？
    answer: |
      **恢复点目标（RPO）**是可以丢多少数据，**恢复时间目标（RTO）**是多久恢复，两者决定**备份频率**。
    outline: 定义 → 区别 → 例子
  - id: snapshot
    topic: 容灾
    prompt: 备份和快照有什么区别？
    answer: |
      快照依赖原始存储，**不能替代备份**；备份是**独立的副本**，可以**跨区域保存**。
`

// coreEnv is the adapter running the real core over real bbolt.
type coreEnv struct {
	*botEnv
	bank   *bank.Bank
	grader *grade.Grader
	db     *storage.DB
	core   *engine.Bot
	clock  *testkit.Clock
}

// startCore runs the adapter against srv with the real core: the bank
// above, bbolt in a temporary directory, English, UTC, and a clock the
// test sets.
func startCore(t *testing.T, srv *discordfake.Server, cfg discord.Config) *coreEnv {
	t.Helper()
	return startCoreWith(t, srv, cfg, nil)
}

// startCoreWith is startCore with the core wrapped by wrap (nil: as it is)
// before the adapter gets it, and its configuration changed by tweak.
func startCoreWith(t *testing.T, srv *discordfake.Server, cfg discord.Config, wrap func(bot.Replier) bot.Replier, tweak ...func(*engine.Config)) *coreEnv {
	t.Helper()
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(groupBank)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	db, err := storage.Open(filepath.Join(t.TempDir(), "bot.db"), storage.Options{})
	mustNoErr(t, "open storage", err)
	t.Cleanup(func() { db.Close() })
	clock := testkit.NewClock(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC))
	// The capabilities the adapter declares, as cmd hands them to the core.
	caps, err := discord.New(discord.Config{Token: testToken, MessageContent: cfg.MessageContent})
	mustNoErr(t, "adapter for its capabilities", err)
	coreCfg := engine.Config{Bank: b, Store: db, Now: clock.Now, Lang: "en", TZ: "UTC", Logger: slog.New(slog.DiscardHandler),
		Capabilities: map[bot.Platform]bot.Capabilities{bot.Discord: caps.Capabilities()}}
	for _, f := range tweak {
		f(&coreCfg)
	}
	core, err := engine.New(coreCfg)
	mustNoErr(t, "new core", err)
	var rep bot.Replier = core
	if wrap != nil {
		rep = wrap(core)
	}
	env := runAdapter(t, srv, cfg, rep)
	return &coreEnv{botEnv: env, bank: b, grader: grade.New(b), db: db, core: core, clock: clock}
}

// question returns a question of the bank.
func (e *coreEnv) question(t *testing.T, id string) *bank.Question {
	t.Helper()
	q, ok := e.bank.Lookup(id)
	if !ok {
		t.Fatalf("no question %s", id)
	}
	return q
}

// demarkdown removes the markdown the adapter adds (bold markers and
// escapes), so tests compare the core's words.
func demarkdown(s string) string {
	return strings.NewReplacer("**", "", `\`, "", "\u200b", "").Replace(s)
}

// publicMessages returns the visible messages in a channel: the bot's
// channel messages and interaction responses, not ephemeral, not deleted.
func publicMessages(srv *discordfake.Server, channelID string) []discordfake.Message {
	var out []discordfake.Message
	for _, m := range srv.AllMessages(channelID) {
		if m.AuthorID == srv.BotUser().ID && !m.Ephemeral() && !m.Deleted {
			out = append(out, m)
		}
	}
	return out
}

// privateReply waits for the answer to an interaction and returns its
// text, failing unless only the user can see it: an ephemeral callback, or
// ephemeral followups after a deferred one.
func privateReply(t *testing.T, srv *discordfake.Server, interactionID string) string {
	t.Helper()
	ctx := testContext(t)
	resp, err := srv.WaitResponse(ctx, interactionID)
	mustNoErr(t, "interaction response", err)
	switch resp.Type {
	case discordfake.ResponseChannelMessageWithSource:
		if !resp.Ephemeral() {
			t.Errorf("reply to %s is public: %q", interactionID, resp.Content)
		}
		return resp.Content
	case discordfake.ResponseDeferredUpdateMessage, discordfake.ResponseDeferredChannelMessage:
		fs, err := srv.WaitFollowups(ctx, interactionID, 1)
		mustNoErr(t, "followups", err)
		var b strings.Builder
		for _, m := range fs {
			if !m.Ephemeral() {
				t.Errorf("followup to %s is public: %q", interactionID, m.Content)
			}
			b.WriteString(m.Content)
		}
		return b.String()
	}
	t.Fatalf("reply to %s: response type %d", interactionID, resp.Type)
	return ""
}

// publicReply waits for the public answer to a slash command: the
// callback's message, or the followup after a deferred callback.
func publicReply(t *testing.T, srv *discordfake.Server, interactionID string) discordfake.Message {
	t.Helper()
	ctx := testContext(t)
	resp, err := srv.WaitResponse(ctx, interactionID)
	mustNoErr(t, "interaction response", err)
	if resp.Type == discordfake.ResponseDeferredChannelMessage {
		fs, err := srv.WaitFollowups(ctx, interactionID, 1)
		mustNoErr(t, "followups", err)
		if fs[0].Ephemeral() {
			t.Fatalf("reply to %s is ephemeral: %q", interactionID, fs[0].Content)
		}
		return fs[0]
	}
	if resp.Ephemeral() {
		t.Fatalf("reply to %s is ephemeral: %q", interactionID, resp.Content)
	}
	m, err := srv.WaitOriginal(ctx, interactionID)
	mustNoErr(t, "original response", err)
	return m
}

// countingReplier counts the events the core has handled and the sent
// messages it was told of, so a test can wait for events that get no
// answer and for the core to know a message.
type countingReplier struct {
	bot.Replier
	mu                   sync.Mutex
	n, sent, redelivered int
	changed              chan struct{}
}

// newCountingReplier wraps r.
func newCountingReplier(r bot.Replier) *countingReplier {
	return &countingReplier{Replier: r, changed: make(chan struct{})}
}

// Handle passes the event on and counts it.
func (c *countingReplier) Handle(ctx context.Context, ev bot.Event) []bot.Reply {
	defer func() {
		c.mu.Lock()
		c.n++
		close(c.changed)
		c.changed = make(chan struct{})
		c.mu.Unlock()
	}()
	return c.Replier.Handle(ctx, ev)
}

// Sent passes the sent message on and counts it.
func (c *countingReplier) Sent(ctx context.Context, chat bot.Chat, track, messageID string) {
	defer func() {
		c.mu.Lock()
		c.sent++
		close(c.changed)
		c.changed = make(chan struct{})
		c.mu.Unlock()
	}()
	c.Replier.Sent(ctx, chat, track, messageID)
}

// Redeliver passes a reply kept for later on to the core, and counts it.
func (c *countingReplier) Redeliver(ctx context.Context, chat bot.Chat, r bot.Reply, after time.Duration) error {
	defer func() {
		c.mu.Lock()
		c.redelivered++
		close(c.changed)
		c.changed = make(chan struct{})
		c.mu.Unlock()
	}()
	return c.Replier.(bot.Redeliverer).Redeliver(ctx, chat, r, after)
}

// waitRedelivered waits until n replies were handed back for later.
func (c *countingReplier) waitRedelivered(ctx context.Context, n int) error {
	for {
		c.mu.Lock()
		done, ch := c.redelivered >= n, c.changed
		c.mu.Unlock()
		if done {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("%d replies kept for later, want %d: %w", c.redelivered, n, ctx.Err())
		}
	}
}

// waitSent waits until the core was told of n sent messages.
func (c *countingReplier) waitSent(ctx context.Context, n int) error {
	for {
		c.mu.Lock()
		done, ch := c.sent >= n, c.changed
		c.mu.Unlock()
		if done {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("told of %d sent messages, want %d: %w", c.sent, n, ctx.Err())
		}
	}
}

// handled returns how many events were handled.
func (c *countingReplier) handled() int { c.mu.Lock(); defer c.mu.Unlock(); return c.n }

// wait waits until n events were handled.
func (c *countingReplier) wait(ctx context.Context, n int) error {
	for {
		c.mu.Lock()
		done, ch := c.n >= n, c.changed
		c.mu.Unlock()
		if done {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("%d events handled, want %d: %w", c.handled(), n, ctx.Err())
		}
	}
}
