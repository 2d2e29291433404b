package engine_test

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot/engine"
)

func TestInterviewSession(t *testing.T) {
	h := newHarness(t)
	rs := h.cmd("interview", "3")
	if len(rs) != 2 {
		t.Fatalf("start: %q", text(rs))
	}
	mustContain(t, text(rs), "模拟面试开始：3 道题", "第 1/3 题", "什么是 RPO 和 RTO？")

	h.clock.Add(65 * time.Second)
	rs = h.say("RPO 是能丢多少数据，RTO 是多久恢复")
	if len(rs) != 2 {
		t.Fatalf("answer 1: %q", text(rs))
	}
	mustContain(t, text(rs[:1]), "覆盖 2/3 个要点 · 67%", "1分05秒", "漏掉：备份频率")
	mustContain(t, text(rs[1:]), "追问", "你提到了「恢复点目标（RPO）」，那「备份频率」呢？")

	h.clock.Add(40 * time.Second)
	rs = h.say("备份频率要按 RPO 来定，比如每小时一次")
	mustContain(t, text(rs), "追问 · 覆盖 100%", "40秒", "参考：", "第 2/3 题", "备份和快照有什么区别？")

	// A restart mid-session resumes it.
	h.restart()
	h.clock.Add(150 * time.Second)
	rs = h.say("快照不能替代备份，备份是独立的副本，可以跨区域保存")
	mustContain(t, text(rs), "覆盖 3/3 个要点 · 100%", "2分30秒", "超过建议的 2分钟", "第 3/3 题", "什么是 MVCC？")

	h.clock.Add(30 * time.Second)
	rs = h.say("就是多版本并发控制")
	mustContain(t, text(rs), "覆盖 1/3 个要点 · 33%", "追问", "undo 日志")
	rs = h.cmd("skip", "")
	if len(rs) != 2 {
		t.Fatalf("skip follow-up: %q", text(rs))
	}
	report := rs[1]
	mustContain(t, report.Text.Plain(),
		"面试报告 · 3 题", "平均覆盖 67%", "作答 3 题", "总用时 4分05秒",
		"1. 什么是 RPO 和 RTO？ — 67% · 1分05秒 · 追问「备份频率」100%",
		"2. 备份和快照有什么区别？ — 100% · 2分30秒 ⚠️",
		"3. 什么是 MVCC？ — 33% · 30秒 · 追问「undo 日志」跳过",
		"最薄弱的要点：undo 日志、事务快照", "接下来复习：什么是 MVCC？")
	if strings.Contains(report.Text.Plain(), "最薄弱的要点：备份频率") {
		t.Error("a point the follow-up covered is listed as weak")
	}
	if report.Attachment == nil || report.Attachment.MIME != "image/png" {
		t.Fatalf("no chart: %+v", report.Attachment)
	}
	img, err := png.Decode(bytes.NewReader(report.Attachment.Data))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 800 || b.Dy() != 800 || len(report.Attachment.Data) < 5_000 || len(report.Attachment.Data) > 500_000 {
		t.Errorf("chart %v, %d bytes", b, len(report.Attachment.Data))
	}

	// The session is over; its answers fed the schedule.
	if _, err := h.db.ActiveSession(h.ctx, h.user.Key()); err == nil {
		t.Error("session still active")
	}
	sessions, _ := h.db.Sessions(h.ctx, h.user.Key())
	if len(sessions) != 1 || len(sessions[0].Items) != 3 || !sessions[0].Done {
		t.Fatalf("stored session %+v", sessions)
	}
	for _, q := range []string{"rpo", "snapshot", "mvcc"} {
		if c, err := h.db.Card(h.ctx, h.user.Key(), q); err != nil || c.Attempts != 1 {
			t.Errorf("card of %s: %+v %v", q, c, err)
		}
	}
	// /stats offers the progress chart as an image.
	var chartAction bool
	for _, a := range actions(h.cmd("stats", "")) {
		chartAction = chartAction || a == "chart"
	}
	if !chartAction {
		t.Error("no chart button under /stats")
	}
	rs = h.press("chart")
	if len(rs) != 1 || rs[0].Attachment == nil {
		t.Fatalf("progress chart: %+v", rs)
	}
	if _, err := png.Decode(bytes.NewReader(rs[0].Attachment.Data)); err != nil {
		t.Errorf("progress chart is not a PNG: %v", err)
	}
}

func TestInterviewIdlePausesAndResumes(t *testing.T) {
	h := newHarness(t, func(c *engine.Config) { c.SessionIdle = 30 * time.Minute })
	h.cmd("interview", "2 数据库")
	h.clock.Add(3 * time.Hour)
	// An answer after a long pause resumes the interview and is graded,
	// its time not counted.
	rs := h.say("多版本并发控制，靠 undo 日志和事务快照")
	mustContain(t, text(rs), "继续模拟面试：第 1/2 题", "覆盖 3/3", "未计时", "第 2/2 题", "什么是 WAL？")
	if atts, _ := h.db.Attempts(h.ctx, h.user.Key()); len(atts) != 1 {
		t.Fatalf("the answer after the pause was not recorded: %+v", atts)
	}
	// Idle again, a command finds it paused and offers to continue.
	h.clock.Add(3 * time.Hour)
	mustContain(t, text(h.cmd("skip", "")), "已暂停", "暂停的时间不计入用时")
	rs = h.press("interview:resume")
	mustContain(t, text(rs), "继续模拟面试：第 2/2 题", "什么是 WAL？")
	// /end finishes early with a report.
	rs = h.cmd("end", "")
	mustContain(t, text(rs), "面试报告 · 1 题", "提前结束：计划 2 题", "100% · ⏱ 未计时")
	// A Continue pressed after the end says so; it starts nothing.
	mustContain(t, text(h.press("interview:resume")), "已经结束")
	// Asking for another interview starts afresh.
	mustContain(t, text(h.cmd("interview", "1")), "模拟面试开始：1 道题")
}
