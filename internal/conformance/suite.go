package conformance

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/internal/testkit"
	"github.com/interviewbot/interviewbot/storage"
)

// waitBound bounds every wait of a scenario.
const waitBound = 10 * time.Second

// NewEngine builds the conversation engine a scenario runs against. The
// suite's caller (a test) supplies it, so that no package but cmd/ imports
// the engine outside tests.
type NewEngine func(t testing.TB, c testkit.EngineConfig) bot.Replier

// platform is a driver and how its scenario builds the engine.
type platform struct {
	Driver
	newEngine NewEngine
}

// Run runs every scenario against the platform newDriver drives, each
// with a driver of its own and an engine newEngine builds.
func Run(t *testing.T, newDriver func(t *testing.T) Driver, newEngine NewEngine) {
	for _, sc := range []struct {
		name string
		run  func(t *testing.T, d platform)
	}{
		{"ask", testAsk},
		{"answer", testAnswer},
		{"button", testButton},
		{"private reply", testPrivateReply},
		{"split message", testSplitMessage},
		{"undeliverable", testUndeliverable},
		{"restart", testRestart},
	} {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			sc.run(t, platform{newDriver(t), newEngine})
		})
	}
}

// prompts are the questions of testkit.BankYAML, by id.
var prompts = map[string]string{
	"rpo":      "什么是 RPO 和 RTO？",
	"snapshot": "备份和快照有什么区别？",
	"mvcc":     "什么是 MVCC？",
}

// answers are good replies and a phrase of the reference answer the
// feedback quotes, by question id.
var answers = map[string][2]string{
	"rpo":      {"RPO 是恢复点目标，能丢多少数据；RTO 是恢复时间目标，多久恢复；它们决定备份频率。", "恢复点目标"},
	"snapshot": {"快照不能替代备份，备份是独立的副本，还能跨区域保存。", "独立的副本"},
	"mvcc":     {"多版本并发控制，读不阻塞写，靠 undo 日志和事务快照。", "多版本并发控制"},
}

// startEngine opens the store at path and builds the engine on it, with
// the capabilities d's adapter declares; the store closes at the end of
// the test unless closed before.
func startEngine(t *testing.T, d platform, path string, clock *testkit.Clock) (bot.Replier, *storage.DB) {
	t.Helper()
	db := testkit.OpenStore(t, path)
	t.Cleanup(func() { db.Close() })
	caps := map[bot.Platform]bot.Capabilities{d.Platform(): d.Capabilities(t)}
	return d.newEngine(t, testkit.EngineConfig{Bank: testkit.Bank(t, ""), Store: db, Now: clock.Now, Lang: "en", TZ: "UTC", Capabilities: caps}), db
}

// eventually waits until cond holds, failing the test with what after
// waitBound.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitBound)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitMessage waits for a message in chat whose text contains all of
// wants, and returns the last such message.
func waitMessage(t *testing.T, d Driver, chat bot.Chat, wants ...string) Message {
	t.Helper()
	var found Message
	eventually(t, fmt.Sprintf("a message with %q in %s", wants, chat.Key()), func() bool {
		for _, m := range slices.Backward(d.Messages(t, chat)) {
			if containsAll(m.Text, wants) {
				found = m
				return true
			}
		}
		return false
	})
	return found
}

// containsAll reports whether s contains every one of subs.
func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// ask sends /next in the DM and returns the id of the question asked.
func ask(t *testing.T, d platform, dm bot.Chat) string {
	t.Helper()
	d.Command(t, dm, "next", "")
	var id string
	eventually(t, "a question after /next", func() bool {
		for _, m := range d.Messages(t, dm) {
			for qid, p := range prompts {
				if strings.Contains(m.Text, p) {
					id = qid
					return true
				}
			}
		}
		return false
	})
	return id
}

// testAsk: /next asks one of the bank's questions.
func testAsk(t *testing.T, d platform) {
	rep, _ := startEngine(t, d, "", testkit.NewClock(time.Time{}))
	d.Start(t, rep)
	if id := ask(t, d, d.DM(t)); prompts[id] == "" {
		t.Fatalf("asked %q, not a question of the bank", id)
	}
}

// testAnswer: a typed answer gets the feedback, with the reference and
// the rating buttons.
func testAnswer(t *testing.T, d platform) {
	rep, _ := startEngine(t, d, "", testkit.NewClock(time.Time{}))
	d.Start(t, rep)
	dm := d.DM(t)
	answer(t, d, dm, ask(t, d, dm))
}

// answer types a good answer to question id and returns the feedback.
func answer(t *testing.T, d platform, dm bot.Chat, id string) Message {
	t.Helper()
	d.Say(t, dm, answers[id][0])
	return waitMessage(t, d, dm, answers[id][1], "Easy")
}

// testButton: pressing a rating button under the feedback rates the
// answer, and the person is told.
func testButton(t *testing.T, d platform) {
	rep, _ := startEngine(t, d, "", testkit.NewClock(time.Time{}))
	d.Start(t, rep)
	dm := d.DM(t)
	fb := answer(t, d, dm, ask(t, d, dm))
	d.Press(t, dm, fb, "Hard")
	waitMessage(t, d, dm, "Rated “Hard”")
}

// testPrivateReply: a reply marked private, to an event in a group,
// reaches the person alone.
func testPrivateReply(t *testing.T, d platform) {
	group, ok := d.Group(t)
	if !ok {
		t.Skipf("%s has no group chats", d.Platform())
	}
	const secret = "only you see this"
	d.Start(t, scripted{reply: func(ev bot.Event) []bot.Reply {
		if ev.Kind != bot.EventCommand || !ev.Chat.IsGroup() {
			return nil
		}
		return []bot.Reply{{Text: bot.TextOf(secret), Private: true}, {Text: bot.TextOf("for the group")}}
	}})
	d.DM(t) // the person has a private chat with the bot
	d.Command(t, group, "help", "")
	waitMessage(t, d, group, "for the group")
	eventually(t, "the private reply", func() bool { return slices.Contains(d.Private(t), secret) })
	for _, m := range d.Messages(t, group) {
		if strings.Contains(m.Text, secret) {
			t.Errorf("the private reply is public in the group: %q", m.Text)
		}
	}
}

// testSplitMessage: a reply longer than the platform's limit arrives in
// parts within the limit, every word in order.
func testSplitMessage(t *testing.T, d platform) {
	limit := d.MaxLen()
	var words []string
	var paras []string
	for p := 0; len(strings.Join(paras, "\n\n")) < 5*max(limit, 2000)/2; p++ {
		var para []string
		for range 40 {
			w := fmt.Sprintf("w%04d", len(words))
			words = append(words, w)
			para = append(para, w)
		}
		paras = append(paras, strings.Join(para, " ")+".")
	}
	long := strings.Join(paras, "\n\n")
	d.Start(t, scripted{reply: func(ev bot.Event) []bot.Reply {
		if ev.Kind != bot.EventMessage || ev.Text != "long" {
			return nil
		}
		return []bot.Reply{{Text: bot.TextOf(strings.Split(long, "\n")...)}}
	}})
	dm := d.DM(t)
	d.Say(t, dm, "long")
	last := words[len(words)-1]
	waitMessage(t, d, dm, last)
	msgs := d.Messages(t, dm)
	var all strings.Builder
	for _, m := range msgs {
		if limit > 0 && len16(m.Text) > limit {
			t.Errorf("a part of %d UTF-16 units, over the limit %d", len16(m.Text), limit)
		}
		all.WriteString(m.Text + "\n")
	}
	if limit > 0 && len(msgs) < 2 {
		t.Errorf("%d characters over a limit of %d came in %d message(s)", len(long), limit, len(msgs))
	}
	if got := strings.Fields(strings.NewReplacer(".", " ").Replace(all.String())); !slices.Equal(got, words) {
		t.Errorf("the parts hold %d words (first %q), want the %d words in order", len(got), got[:min(3, len(got))], len(words))
	}
}

// testUndeliverable: a push to a chat that blocked the bot fails with
// bot.ErrUndeliverable, so the outbox gives up on it.
func testUndeliverable(t *testing.T, d platform) {
	chat, ok := d.Unreachable(t)
	if !ok {
		t.Skipf("every send to %s succeeds", d.Platform())
	}
	a := d.Start(t, scripted{reply: func(bot.Event) []bot.Reply { return nil }})
	ctx, cancel := context.WithTimeout(context.Background(), waitBound)
	defer cancel()
	if _, err := a.Send(ctx, chat, bot.Reply{Text: bot.TextOf("a push")}); !errors.Is(err, bot.ErrUndeliverable) {
		t.Errorf("Send to a chat that blocked the bot = %v, want bot.ErrUndeliverable", err)
	}
	if _, err := a.Send(ctx, d.DM(t), bot.Reply{Text: bot.TextOf("a push")}); err != nil {
		t.Errorf("Send to the person's chat = %v", err)
	}
}

// testRestart: the adapter and the store stop between a question and its
// answer; once both are back, the answer is graded against that question.
func testRestart(t *testing.T, d platform) {
	path := filepath.Join(t.TempDir(), "bot.db")
	clock := testkit.NewClock(time.Time{})
	rep, db := startEngine(t, d, path, clock)
	d.Start(t, rep)
	dm := d.DM(t)
	id := ask(t, d, dm)
	d.Stop(t)
	if err := db.Close(); err != nil {
		t.Fatalf("close the store: %v", err)
	}
	clock.Advance(time.Minute)
	rep, _ = startEngine(t, d, path, clock)
	d.Start(t, rep)
	answer(t, d, dm, id)
}

// len16 returns the length of s in UTF-16 code units.
func len16(s string) int { return len(utf16.Encode([]rune(s))) }
