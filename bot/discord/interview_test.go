package discord_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
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

// adaID is a user who talks to the bot by DM, with a Chinese client.
const adaID = "1100000000000000200"

// zhDuration writes a duration as the core does for a Chinese reader.
func zhDuration(d time.Duration) string {
	sec := int(d.Round(time.Second).Seconds())
	m, s := sec/60, sec%60
	switch {
	case m == 0:
		return fmt.Sprintf("%d秒", s)
	case s == 0:
		return fmt.Sprintf("%d分钟", m)
	}
	return fmt.Sprintf("%d分%02d秒", m, s)
}

// TestInterviewOnDiscord runs a three-question mock interview in a DM
// through the fake Discord with the real core over bbolt: /interview as a
// slash command, answers typed as DM messages and through the Answer form,
// one follow-up, a restart of the adapter and of the database mid-session
// (the session resumes), and the report card with its chart as a PNG
// attachment.
func TestInterviewOnDiscord(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	srv.AddUser(discordfake.User{ID: adaID, Username: "ada", GlobalName: "Ada", Locale: "zh-CN"})
	b := testkit.Bank(t, "")
	grader := grade.New(b)
	path := filepath.Join(t.TempDir(), "bot.db")
	clock := testkit.NewClock(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	advance := func(d time.Duration) { clock.Set(clock.Now().Add(d)) }
	// run opens the database and runs the core and the adapter on it.
	run := func() (*botEnv, *storage.DB) {
		t.Helper()
		db, err := storage.Open(path, storage.Options{})
		mustNoErr(t, "open storage", err)
		// The capabilities the adapter declares, as cmd hands them to the core.
		caps, err := discord.New(discord.Config{Token: testToken})
		mustNoErr(t, "adapter for its capabilities", err)
		core, err := engine.New(engine.Config{Bank: b, Store: db, Now: clock.Now, Lang: "zh", TZ: "UTC", Logger: slog.New(slog.DiscardHandler),
			Capabilities: map[bot.Platform]bot.Capabilities{bot.Discord: caps.Capabilities()}})
		mustNoErr(t, "new engine", err)
		return runAdapter(t, srv, discord.Config{}, core), db
	}
	env, db := run()
	t.Cleanup(func() { db.Close() })
	// One bound for the whole session, restart included.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	dm, err := srv.DMChannel(adaID)
	mustNoErr(t, "dm channel", err)

	// next returns the bot's n'th message in the DM, once it has its
	// content (a deferred interaction response is filled in later).
	n := 0
	next := func() discordfake.Message {
		t.Helper()
		n++
		var m discordfake.Message
		err := srv.Wait(ctx, func() bool {
			i := 0
			for _, msg := range srv.AllMessages(dm.ID) {
				if msg.AuthorID != srv.BotUser().ID || msg.Deleted {
					continue
				}
				if i++; i == n {
					m = msg
					return msg.Flags&discordfake.FlagLoading == 0
				}
			}
			return false
		})
		mustNoErr(t, fmt.Sprintf("bot message %d in the dm", n), err)
		return m
	}
	expect := func(m discordfake.Message, wants ...string) {
		t.Helper()
		text := demarkdown(m.Content)
		for _, w := range wants {
			if !strings.Contains(text, w) {
				t.Errorf("message %s lacks %q:\n%s", m.ID, w, text)
			}
		}
	}
	say := func(text string) {
		t.Helper()
		_, err := srv.PostMessage(discordfake.IncomingMessage{ChannelID: dm.ID, AuthorID: adaID, Content: text})
		mustNoErr(t, "dm message", err)
	}
	// answerForm answers through the Answer button under msg and its form.
	answerForm := func(msg discordfake.Message, qid, text string) {
		t.Helper()
		click, err := srv.ClickButton(discordfake.ButtonClick{CustomID: "form:answer:" + qid, MessageID: msg.ID, UserID: adaID})
		mustNoErr(t, "click Answer", err)
		modal, err := srv.WaitResponse(ctx, click.ID)
		mustNoErr(t, "answer form", err)
		if modal.Type != discordfake.ResponseModal || len(modal.TextInputs()) != 1 {
			t.Fatalf("answer form = %+v", modal)
		}
		_, err = srv.SubmitModal(discordfake.ModalSubmission{InteractionID: click.ID, UserID: adaID,
			Values: map[string]string{modal.TextInputs()[0].CustomID: text}})
		mustNoErr(t, "submit the form", err)
	}
	question := func(id string) *bank.Question {
		t.Helper()
		q, ok := b.Lookup(id)
		if !ok {
			t.Fatalf("no question %s", id)
		}
		return q
	}
	// The figures the report must show, from the grader and the clock.
	type answered struct {
		res  grade.Result
		took time.Duration
	}
	var items []answered
	graded := func(qid, text string, took time.Duration) grade.Result {
		res := grader.Grade(question(qid), text)
		items = append(items, answered{res, took})
		return res
	}

	// /interview 3, a slash command in the DM.
	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "interview", UserID: adaID,
		Options: []discordfake.OptionValue{discordfake.StringOption("count", "3")}})
	mustNoErr(t, "/interview", err)
	if in.ChannelID != dm.ID {
		t.Fatalf("/interview ran in %s, want the dm %s", in.ChannelID, dm.ID)
	}
	expect(next(), "模拟面试开始：3 道题")
	q1 := next()
	expect(q1, "第 1/3 题", "什么是 RPO 和 RTO？")
	if got := strings.Join(q1.CustomIDs(), " "); !strings.Contains(got, "form:answer:rpo") {
		t.Errorf("question buttons = %s, want the Answer form", got)
	}

	// Question 1, typed: it misses a point, which the interviewer follows
	// up on.
	const a1 = "RPO 是能丢多少数据，RTO 是多久恢复"
	advance(65 * time.Second)
	say(a1)
	res1 := graded("rpo", a1, 65*time.Second)
	if len(res1.Missed) == 0 || len(res1.Covered) == 0 {
		t.Fatalf("answer 1 graded %+v: want covered and missed points", res1)
	}
	expect(next(), fmt.Sprintf("覆盖 %d/%d 个要点", len(res1.Covered), res1.Total()), zhDuration(65*time.Second), "漏掉："+res1.Missed[0].Text)
	fu := next()
	expect(fu, "追问", fmt.Sprintf("你提到了「%s」，那「%s」呢？", res1.Covered[0].Text, res1.Missed[0].Text))

	// The follow-up, through the Answer form under it.
	advance(40 * time.Second)
	answerForm(fu, "rpo", "备份频率要按 RPO 来定，比如每小时一次")
	expect(next(), "追问 · 覆盖 100%", zhDuration(40*time.Second))
	expect(next(), "第 2/3 题", "备份和快照有什么区别？")

	// The adapter stops and the database closes mid-session; both come
	// back, and the session resumes where it was.
	mustNoErr(t, "stop the adapter", env.stop())
	mustNoErr(t, "close the database", db.Close())
	sessions := len(srv.Sessions())
	env, db = run()
	t.Cleanup(func() { db.Close() })
	err = srv.Wait(ctx, func() bool {
		ss := srv.Sessions()
		return len(ss) > sessions && ss[len(ss)-1].Connected && !ss[len(ss)-1].Invalid
	})
	mustNoErr(t, "new gateway session", err)
	say("/interview")
	expect(next(), "继续模拟面试：第 2/3 题")
	q2 := next()
	expect(q2, "第 2/3 题", "备份和快照有什么区别？")

	// Question 2, through the Answer form under the question asked again;
	// its clock started when it was asked again.
	const a2 = "快照不能替代备份，备份是独立的副本，可以跨区域保存"
	advance(90 * time.Second)
	answerForm(q2, "snapshot", a2)
	res2 := graded("snapshot", a2, 90*time.Second)
	expect(next(), fmt.Sprintf("覆盖 %d/%d 个要点", len(res2.Covered), res2.Total()), zhDuration(90*time.Second))
	expect(next(), "第 3/3 题", "什么是 MVCC？")

	// Question 3, typed; it covers everything, so the report follows.
	const a3 = "多版本并发控制，靠 undo 日志和事务快照"
	advance(30 * time.Second)
	say(a3)
	res3 := graded("mvcc", a3, 30*time.Second)
	if res3.Coverage < 1 {
		t.Fatalf("answer 3 graded %+v: want everything covered", res3)
	}
	expect(next(), fmt.Sprintf("覆盖 %d/%d 个要点", len(res3.Covered), res3.Total()))
	report := next()

	var sum float64
	var total time.Duration
	for _, it := range items {
		sum += it.res.Coverage
		total += it.took
	}
	expect(report, "面试报告 · 3 题",
		fmt.Sprintf("平均覆盖 %d%%", percent(sum/float64(len(items)))),
		"作答 3 题",
		"总用时 "+zhDuration(total),
		fmt.Sprintf("1. 什么是 RPO 和 RTO？ — %d%% · %s · 追问「%s」100%%", percent(res1.Coverage), zhDuration(65*time.Second), res1.Missed[0].Text),
		fmt.Sprintf("2. 备份和快照有什么区别？ — %d%% · %s", percent(res2.Coverage), zhDuration(90*time.Second)),
		fmt.Sprintf("3. 什么是 MVCC？ — %d%% · %s", percent(res3.Coverage), zhDuration(30*time.Second)))
	// Worked out by hand from the clock above: 65 s + 90 s + 30 s, and
	// (2/3 + 1 + 1) / 3.
	expect(report, "平均覆盖 89%", "总用时 3分05秒")

	// The chart: a PNG file attached to the report.
	if len(report.Files) != 1 {
		t.Fatalf("report has %d files, want the chart", len(report.Files))
	}
	chart := report.Files[0]
	if chart.ContentType != "image/png" || !strings.HasSuffix(chart.Name, ".png") {
		t.Errorf("chart file %q is %q, want a .png of image/png", chart.Name, chart.ContentType)
	}
	img, err := png.Decode(bytes.NewReader(chart.Data))
	mustNoErr(t, "decode the chart", err)
	if bnd := img.Bounds(); bnd.Dx() != 800 || bnd.Dy() != 800 || len(chart.Data) > 500_000 {
		t.Errorf("chart %v, %d bytes; want 800×800 under 500 KB", bnd, len(chart.Data))
	}

	// The session is over and stored whole.
	ss, err := db.Sessions(ctx, bot.User{Platform: bot.Discord, ID: adaID}.Key())
	mustNoErr(t, "stored sessions", err)
	if len(ss) != 1 || !ss[0].Done || len(ss[0].Items) != 3 || ss[0].Items[0].FollowUp == nil {
		t.Errorf("stored session %+v", ss)
	}
}
