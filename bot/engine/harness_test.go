package engine_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/storage"
)

// testBank is a small bank with two topics, an outline, key points and a
// follow-up, so tests can reason about what is asked.
const testBank = `questions:
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
  - id: mvcc
    topic: 数据库
    prompt: 什么是 MVCC？
    answer: |
      **多版本并发控制**让读不阻塞写，依靠**undo 日志**和**事务快照**。
  - id: wal
    topic: 数据库
    prompt: 什么是 WAL？
    answer: |
      **预写日志**：先写日志再改数据页，崩溃后靠**日志重放**恢复，保证**持久性**。
`

// clock is a settable time for the bot.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time)     { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// harness runs the real core over real bbolt in a temporary directory.
type harness struct {
	t     *testing.T
	ctx   context.Context
	bank  *bank.Bank
	path  string
	db    *storage.DB
	bot   *engine.Bot
	clock *clock
	cfg   engine.Config
	chat  bot.Chat
	user  bot.User
	msgID int
	// last is the last event handled, for again.
	last bot.Event
}

func newHarness(t *testing.T, tweak ...func(*engine.Config)) *harness {
	t.Helper()
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(testBank)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	h := &harness{
		t: t, ctx: context.Background(), bank: b, path: filepath.Join(t.TempDir(), "bot.db"),
		clock: &clock{t: time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)},
		chat:  bot.Chat{Platform: bot.Telegram, ID: "100", Kind: bot.Private},
		user:  bot.User{Platform: bot.Telegram, ID: "100", Name: "Ada", Lang: "zh-hans"},
	}
	h.cfg = engine.Config{Bank: b, Now: h.clock.Now, TZ: "Asia/Shanghai", Grace: 2 * time.Hour, Logger: slog.New(slog.DiscardHandler),
		// The tests' people are on a platform like Telegram's.
		Capabilities: map[bot.Platform]bot.Capabilities{bot.Telegram: telegramCaps}}
	for _, f := range tweak {
		f(&h.cfg)
	}
	h.open()
	return h
}

// open opens the database and builds a bot over it (again after a restart).
func (h *harness) open() {
	h.t.Helper()
	db, err := storage.Open(h.path, storage.Options{})
	if err != nil {
		h.t.Fatal(err)
	}
	h.db = db
	h.t.Cleanup(func() { db.Close() })
	cfg := h.cfg
	cfg.Store = db
	if h.bot, err = engine.New(cfg); err != nil {
		h.t.Fatal(err)
	}
}

// restart closes the database and opens it again with a new bot, as a
// process restart would.
func (h *harness) restart() {
	h.t.Helper()
	if err := h.db.Close(); err != nil {
		h.t.Fatal(err)
	}
	h.open()
}

func (h *harness) event(ev bot.Event) []bot.Reply {
	h.t.Helper()
	if ev.Chat.ID == "" {
		ev.Chat = h.chat
	}
	if ev.User.ID == "" {
		ev.User = h.user
	}
	h.msgID++
	ev.MessageID = "u" + strconv.Itoa(h.msgID)
	h.last = ev
	return h.handle(ev)
}

// again delivers the last event once more, with the same message ID, as
// a platform does with an update whose handling it never heard of.
func (h *harness) again() []bot.Reply {
	h.t.Helper()
	return h.handle(h.last)
}

// handle passes an event to the core and reports its tracked replies sent.
func (h *harness) handle(ev bot.Event) []bot.Reply {
	h.t.Helper()
	replies := h.bot.Handle(h.ctx, ev)
	// Deliver tracked replies like an adapter: each gets a message ID.
	for _, r := range replies {
		if r.Track != "" {
			h.msgID++
			h.bot.Sent(h.ctx, ev.Chat, r.Track, "m"+strconv.Itoa(h.msgID))
		}
	}
	return replies
}

func (h *harness) cmd(name, args string) []bot.Reply {
	return h.event(bot.Event{Kind: bot.EventCommand, Command: name, Args: args})
}

func (h *harness) say(text string) []bot.Reply {
	return h.event(bot.Event{Kind: bot.EventMessage, Text: text})
}

func (h *harness) press(action string) []bot.Reply {
	return h.event(bot.Event{Kind: bot.EventAction, Action: action})
}

// text joins the plain text of replies.
func text(rs []bot.Reply) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, r.Text.Plain())
	}
	return strings.Join(parts, "\n---\n")
}

// actions lists the button actions of replies.
func actions(rs []bot.Reply) []string {
	var out []string
	for _, r := range rs {
		for _, row := range r.Buttons {
			for _, b := range row {
				out = append(out, b.Action)
			}
		}
	}
	return out
}

func mustContain(t *testing.T, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("%q\ndoes not contain %q", s, sub)
		}
	}
}

// askedQuestion returns the question ID an ask reply carries.
func askedQuestion(t *testing.T, rs []bot.Reply) string {
	t.Helper()
	for _, r := range rs {
		if r.Kind == bot.KindQuestion && r.Track != "" {
			return strings.Split(r.Track, ":")[1]
		}
	}
	t.Fatalf("no question in %q", text(rs))
	return ""
}

// telegramCaps are the capabilities of a platform like Telegram's, which
// the tests' people are on.
var telegramCaps = bot.Capabilities{
	PrivateReach: bot.ReachOnceStarted, GroupReplies: true,
	Buttons: true, Spoilers: true, Attachments: true, Edits: true,
}
