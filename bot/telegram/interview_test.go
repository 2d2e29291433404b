package telegram_test

import (
	"bytes"
	"image/png"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
	"github.com/interviewbot/interviewbot/internal/testkit"
	"github.com/interviewbot/interviewbot/storage"
)

// TestInterviewOnTelegram runs a three-question mock interview through the
// fake Bot API with the real core: one follow-up, a restart of the bot
// mid-session (it resumes), the report card's figures, and the chart sent
// as a photo (a valid PNG of a sensible size).
func TestInterviewOnTelegram(t *testing.T) {
	srv := newServer(t)
	b := testkit.Bank(t, "")
	path := filepath.Join(t.TempDir(), "bot.db")
	clock := testkit.NewClock(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	run := func() (*running, *storage.DB) {
		db, err := storage.Open(path, storage.Options{})
		if err != nil {
			t.Fatal(err)
		}
		core, err := engine.New(engine.Config{Bank: b, Store: db, Now: clock.Now, Logger: slog.New(slog.DiscardHandler),
			Capabilities: map[bot.Platform]bot.Capabilities{bot.Telegram: capabilities(t)}})
		if err != nil {
			t.Fatal(err)
		}
		return start(t, srv, core, nil), db
	}
	h, db := run()
	ctx := waitCtx(t)
	ada := telegramfake.User{ID: 7, FirstName: "Ada", LanguageCode: "zh"}
	chat := telegramfake.PrivateChat(ada)
	n := 0
	next := func() telegramfake.SentMessage {
		t.Helper()
		n++
		ms, err := srv.WaitMessages(ctx, chat.ID, n)
		if err != nil {
			t.Fatalf("message %d: %v", n, err)
		}
		return ms[n-1]
	}
	expect := func(m telegramfake.SentMessage, wants ...string) {
		t.Helper()
		for _, w := range wants {
			if !strings.Contains(m.PlainText, w) {
				t.Errorf("message lacks %q:\n%s", w, m.PlainText)
			}
		}
	}

	srv.SendCommand(chat, ada, "interview", "3")
	expect(next(), "模拟面试开始：3 道题")
	expect(next(), "第 1/3 题", "什么是 RPO 和 RTO？")
	clock.Advance(65 * time.Second)
	srv.SendText(chat, ada, "RPO 是能丢多少数据，RTO 是多久恢复")
	expect(next(), "覆盖 2/3 个要点 · 67%", "1分05秒")
	expect(next(), "追问", "那「备份频率」呢？")
	clock.Advance(40 * time.Second)
	srv.SendText(chat, ada, "备份频率要按 RPO 来定，比如每小时一次")
	expect(next(), "追问 · 覆盖 100%")
	expect(next(), "第 2/3 题", "备份和快照有什么区别？")

	// The bot restarts mid-session; the session resumes.
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	_, db = run()
	clock.Advance(90 * time.Second)
	srv.SendText(chat, ada, "快照不能替代备份，备份是独立的副本，可以跨区域保存")
	expect(next(), "覆盖 3/3 个要点 · 100%", "1分30秒")
	expect(next(), "第 3/3 题", "什么是 MVCC？")
	clock.Advance(30 * time.Second)
	srv.SendText(chat, ada, "多版本并发控制，靠 undo 日志和事务快照")
	expect(next(), "覆盖 3/3 个要点 · 100%")
	report := next()
	expect(report, "面试报告 · 3 题", "平均覆盖 89%", "总用时 3分05秒",
		"1. 什么是 RPO 和 RTO？ — 67% · 1分05秒 · 追问「备份频率」100%")
	// The report's chart: a photo, either with the report as its caption or
	// right after it.
	photo := report
	if photo.Photo == nil {
		photo = next()
	}
	if photo.Method != "sendPhoto" || photo.Photo == nil {
		t.Fatalf("no chart photo: %+v", photo)
	}
	img, err := png.Decode(bytes.NewReader(photo.Photo.Data))
	if err != nil {
		t.Fatalf("chart is not a PNG: %v", err)
	}
	if bnd := img.Bounds(); bnd.Dx() != 800 || bnd.Dy() != 800 || len(photo.Photo.Data) > 500_000 {
		t.Errorf("chart %v, %d bytes", bnd, len(photo.Photo.Data))
	}
	if sessions, _ := db.Sessions(ctx, "telegram:7"); len(sessions) != 1 || !sessions[0].Done || len(sessions[0].Items) != 3 {
		t.Errorf("stored session %+v", sessions)
	}
}

// TestPausedInterviewOnTelegram: an answer typed into a paused mock
// interview resumes it and is graded (its time not counted), not thrown
// away; after /end, a stale Continue button says the interview is over
// instead of starting a new one.
func TestPausedInterviewOnTelegram(t *testing.T) {
	srv := newServer(t)
	clock := testkit.NewClock(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	core, db := newCore(t, func(c *engine.Config) { c.Now = clock.Now })
	start(t, srv, core, nil)
	ctx := waitCtx(t)
	ada := telegramfake.User{ID: 7, FirstName: "Ada", LanguageCode: "zh"}
	chat := telegramfake.PrivateChat(ada)
	n := 0
	next := func() telegramfake.SentMessage {
		t.Helper()
		n++
		ms, err := srv.WaitMessages(ctx, chat.ID, n)
		if err != nil {
			t.Fatalf("message %d: %v", n, err)
		}
		return ms[n-1]
	}

	srv.SendCommand(chat, ada, "interview", "2")
	next() // the introduction
	next() // question 1
	// Ada steps away for an hour; the interview pauses. She comes back and
	// types her answer.
	clock.Advance(time.Hour)
	srv.SendText(chat, ada, "RPO 是能丢多少数据，RTO 是多久恢复，两者决定备份频率")
	back, fb, q2 := next(), next(), next()
	if !strings.Contains(back.PlainText, "继续模拟面试") || !strings.Contains(fb.PlainText, "覆盖 3/3") ||
		!strings.Contains(fb.PlainText, "未计时") || !strings.Contains(q2.PlainText, "第 2/2 题") {
		t.Fatalf("after the pause: %q / %q / %q", back.PlainText, fb.PlainText, q2.PlainText)
	}
	if atts, _ := db.Attempts(ctx, "telegram:7"); len(atts) != 1 || percent(atts[0].Coverage) != 100 {
		t.Errorf("attempts after the pause: %+v", atts)
	}

	// Away again: a command finds it paused and offers Continue; Ada ends
	// it instead, then taps the old Continue.
	clock.Advance(time.Hour)
	srv.SendCommand(chat, ada, "skip", "")
	paused := next()
	var resume string
	for _, b := range paused.Buttons() {
		if strings.Contains(b.Text, "继续") {
			resume = b.CallbackData
		}
	}
	if resume == "" {
		t.Fatalf("no Continue under %q", paused.PlainText)
	}
	srv.SendCommand(chat, ada, "end", "")
	if report := next(); !strings.Contains(report.PlainText, "面试报告") {
		t.Fatalf("/end: %q", report.PlainText)
	}
	if _, err := srv.PressButton(chat, ada, paused.MessageID, resume); err != nil {
		t.Fatal(err)
	}
	if over := next(); !strings.Contains(over.PlainText, "已经结束") || strings.Contains(over.PlainText, "第 1/") {
		t.Errorf("stale Continue answered %q, want the interview is over", over.PlainText)
	}
	if sessions, _ := db.Sessions(ctx, "telegram:7"); len(sessions) != 1 {
		t.Errorf("%d sessions after the stale Continue, want the one that ended", len(sessions))
	}
}

// percent is the core's rounding of a coverage.
func percent(f float64) int { return int(f*100 + 0.5) }
