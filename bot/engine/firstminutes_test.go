package engine_test

import (
	"log/slog"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/seeds"
)

// seedHarness is a harness over the embedded seed notes, as a new user
// meets them.
func seedHarness(t *testing.T, tweak ...func(*engine.Config)) *harness {
	t.Helper()
	b, _ := bank.Load(bank.Input{FS: seeds.FS, Prefix: "seeds"})
	return newHarness(t, append([]func(*engine.Config){func(c *engine.Config) { c.Bank = b; c.Logger = slog.New(slog.DiscardHandler) }}, tweak...)...)
}

// TestSkipWalksTheBank is item 1 of the first ten minutes: /next then
// /skip ×10 on a new database asks eleven different questions, spread over
// the topics, and a skipped question does not come straight back.
func TestSkipWalksTheBank(t *testing.T) {
	h := seedHarness(t, func(c *engine.Config) { c.PersonBurst = 100 })
	b := h.cfg.Bank
	seen := map[string]bool{}
	topics := map[string]int{}
	rs := h.cmd("next", "")
	for i := 0; ; i++ {
		id := askedQuestion(t, rs)
		if seen[id] {
			t.Fatalf("question %d (%s) was asked before: %v", i+1, id, seen)
		}
		seen[id] = true
		q, _ := b.Lookup(id)
		topics[q.Topic]++
		if i == 10 {
			break
		}
		rs = h.cmd("skip", "")
	}
	if len(topics) < 3 {
		t.Errorf("eleven questions from %d topics only: %v", len(topics), topics)
	}
	// The skipped ones went to the back of the queue: the next is new too.
	rs = h.cmd("skip", "")
	if id := askedQuestion(t, rs); seen[id] {
		t.Errorf("a skipped question came straight back: %s", id)
	}
	mustContain(t, text(h.cmd("stats", "")), "0/28")
}

// TestDailyCapCountsAnswers checks that the daily cap counts questions
// answered, not shown, and says so with the numbers when reached.
func TestDailyCapCountsAnswers(t *testing.T) {
	h := newHarness(t, func(c *engine.Config) { c.NewPerDay = 2 })
	h.cmd("next", "")
	h.cmd("skip", "") // shown twice now, answered none
	h.say("恢复点目标 RPO")
	h.cmd("next", "")
	h.say("多版本并发控制")
	rs := h.cmd("next", "")
	if r := rs[0]; r.Kind == bot.KindQuestion {
		t.Fatalf("the cap of 2 was reached, yet a question came: %s", text(rs))
	}
	mustContain(t, text(rs), "2", "/next new")
	if !contains(actions(rs), "next:new") {
		t.Errorf("no button for one more new question: %v", actions(rs))
	}
	rs = h.cmd("next", "new")
	if q := askedQuestion(t, rs); q == "rpo" || q == "mvcc" {
		t.Errorf("/next new asked an answered question: %s", q)
	}
}

// TestHintRevealsMoreEachTime is item 2: each /hint reveals more, then says
// there is nothing more, and hints lower the suggested rating.
func TestHintRevealsMoreEachTime(t *testing.T) {
	h := newHarness(t)
	h.cmd("next", "")
	h.cmd("skip", "") // rpo has an outline; the next one (mvcc) has none
	var hints []string
	for range 4 {
		hints = append(hints, text(h.cmd("hint", "")))
	}
	if hints[0] == hints[1] || hints[1] == hints[2] {
		t.Errorf("a hint repeated:\n%s", strings.Join(hints, "\n===\n"))
	}
	mustContain(t, hints[1], "多版本并发控制", "undo 日志")
	mustContain(t, hints[2], "没有更多提示")
	mustContain(t, hints[3], "没有更多提示")
	rs := h.say("多版本并发控制让读不阻塞写，依靠 undo 日志和事务快照")
	for _, r := range rs {
		for _, row := range r.Buttons {
			for _, b := range row {
				if b.Suggested && strings.Contains(b.Label, "简单") {
					t.Errorf("an answer after the full list of key points was suggested Easy")
				}
			}
		}
	}
	mustContain(t, text(rs), "提示")
}

// TestUnsortedTopicIsSelectable is item 3: the topic of questions outside
// any section has one name, which /topic accepts, in both languages.
func TestUnsortedTopicIsSelectable(t *testing.T) {
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(testBank + `  - id: loose
    prompt: 什么是幂等？
    answer: 同一个请求执行多次和执行一次**结果相同**。
`)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	h := newHarness(t, func(c *engine.Config) { c.Bank = b })
	mustContain(t, text(h.cmd("topics", "")), "未分类", "/topic 未分类")
	rs := h.cmd("topic", "未分类")
	mustContain(t, text(rs), "未分类")
	if q := askedQuestion(t, h.cmd("next", "")); q != "loose" {
		t.Errorf("/topic 未分类 then /next asked %s", q)
	}
	h.cmd("lang", "en")
	mustContain(t, text(h.cmd("topics", "")), "Unsorted", "/topic Unsorted")
	mustContain(t, text(h.cmd("topic", "unsorted")), "Unsorted")
}

// TestSmallCommandsSayWhatTheyDid is item 4.
func TestSmallCommandsSayWhatTheyDid(t *testing.T) {
	h := newHarness(t, func(c *engine.Config) { c.PersonBurst = 100 })
	mustContain(t, text(h.cmd("interview", "0")), "1")
	h.cmd("end", "")
	rs := h.cmd("interview", "99")
	mustContain(t, text(rs), "20")
	if !strings.Contains(text(rs), "最多") {
		t.Errorf("/interview 99 did not say it asks fewer: %s", text(rs))
	}
	h.cmd("end", "")

	rs = h.cmd("subscribe", "9am")
	mustContain(t, text(rs), "09:00")
	rs = h.cmd("subscribe", "0830 mon-fri")
	mustContain(t, text(rs), "08:30")

	rs = h.cmd("timezone", "europe/berlin")
	mustContain(t, text(rs), "Europe/Berlin")
	rs = h.cmd("subscribe", "07:00 Asia/Tokyo")
	mustContain(t, text(rs), "Asia/Tokyo", "Europe/Berlin")
	if tz := text(h.cmd("timezone", "")); !strings.Contains(tz, "Europe/Berlin") {
		t.Errorf("/subscribe with a zone changed the person's zone: %s", tz)
	}

	mustContain(t, text(h.cmd("lang", "")), "中文")
	mustContain(t, text(h.cmd("top", "")), "群")

	h.say("x") // no open question
	if u, err := h.db.User(h.ctx, h.user.Key()); err != nil || u.Key == "" {
		t.Fatal(err)
	}
	rs = h.cmd("forget", "yes")
	mustContain(t, text(rs), "已删除")
}

// TestStatsWeakestLeavesOutFullMarks checks that /stats does not call a
// question answered at 100% weak.
func TestStatsWeakestLeavesOutFullMarks(t *testing.T) {
	h := newHarness(t)
	h.cmd("next", "")
	h.say("恢复点目标 RPO 是丢多少数据，恢复时间目标 RTO 是多久恢复，决定备份频率")
	rs := h.cmd("stats", "")
	if strings.Contains(text(rs), "100%") && strings.Contains(text(rs), "最薄弱") {
		t.Errorf("a question at 100%% is listed as weak:\n%s", text(rs))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestOpenGreetsOnceThenRestates is item 7: opening the conversation greets
// a newcomer once; after a restart it shows the open question or mock
// interview, and /next shows the open question again.
func TestOpenGreetsOnceThenRestates(t *testing.T) {
	h := newHarness(t)
	h.chat, h.user = bot.Chat{Platform: bot.Console, ID: "ada", Kind: bot.Private}, bot.User{Platform: bot.Console, ID: "ada", Name: "ada"}
	open := func() string { return text(h.event(bot.Event{Kind: bot.EventOpen, Trusted: true})) }
	mustContain(t, open(), "你好")
	if s := open(); strings.Contains(s, "你好，我是") {
		t.Errorf("greeted twice: %s", s)
	}
	q := askedQuestion(t, h.cmd("next", ""))
	mustContain(t, text(h.cmd("next", "")), "没答完")
	if again := askedQuestion(t, h.cmd("next", "")); again != q {
		t.Errorf("/next with %s open asked %s", q, again)
	}
	h.restart()
	rs := h.event(bot.Event{Kind: bot.EventOpen})
	if askedQuestion(t, rs) != q {
		t.Errorf("after a restart: %s", text(rs))
	}
	mustContain(t, text(rs), "空一行发送", "/hint")
	h.say("恢复点目标")
	h.cmd("interview", "2")
	h.restart()
	mustContain(t, text(h.event(bot.Event{Kind: bot.EventOpen})), "模拟面试", "1/2")
}

// TestOneLanguageAtATime is item 13: no Go error text reaches a chat, each
// reply is in the person's language, and English counts read right.
func TestOneLanguageAtATime(t *testing.T) {
	h := newHarness(t, func(c *engine.Config) { c.PersonBurst = 100 })
	rs := text(h.cmd("subscribe", "25:00"))
	if strings.Contains(rs, "bad schedule") || strings.Contains(rs, "want HH:MM") {
		t.Errorf("a Go error reached the chat: %s", rs)
	}
	mustContain(t, rs, "25:00", "看不懂")
	rs = text(h.cmd("timezone", "Mars/Base"))
	if strings.Contains(rs, "schedule") || strings.Contains(rs, "bad") {
		t.Errorf("/timezone Mars/Base: %s", rs)
	}
	mustContain(t, rs, "Mars/Base", "时区")
	h.cmd("lang", "en")
	h.cmd("next", "")
	rs = text(h.cmd("reveal", ""))
	if strings.Contains(rs, "提纲") {
		t.Errorf("the outline label is not in English: %s", rs)
	}
	mustContain(t, rs, "Outline")
	h.cmd("next", "")
	h.say("MVCC")
	mustContain(t, text(h.cmd("stats", "")), "Answered once")
	mustContain(t, text(h.cmd("topic", "容灾")), "(2 questions)")
	b, _ := bank.Load(bank.Input{FS: fstest.MapFS{"b.yaml": {Data: []byte("questions:\n  - prompt: 一个主题一题？\n    topic: 单\n    answer: 只有**一个要点**。\n")}}})
	h2 := newHarness(t, func(c *engine.Config) { c.Bank = b; c.Lang = "en" })
	h2.user.Lang = ""
	mustContain(t, text(h2.cmd("topics", "")), "(1 question)")
}
