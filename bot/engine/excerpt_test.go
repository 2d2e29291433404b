package engine_test

import (
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/bot/engine"
)

// TestMissedExcerptIsPlainText is the new user's fourth report, item 4: a
// missed point's excerpt kept the notes' Markdown (list markers, bold and
// code marks, table pipes) and repeated the point right after its name.
func TestMissedExcerptIsPlainText(t *testing.T) {
	tests := []struct {
		points    []string
		reference string
		want      string // the line as it must read
	}{
		{[]string{"Docker Daemon"}, "- Docker Daemon: A persistent background process that runs containers.",
			"• Docker Daemon — A persistent background process that runs containers."},
		{[]string{"Advantages"}, "- Advantages:- Isolation: VMs run separate operating systems.",
			"• Advantages — Isolation: VMs run separate operating systems."},
		{[]string{"Minimize"}, "- Minimize.`panic()`: Use it for exceptional conditions",
			"• Minimize — panic(): Use it for exceptional conditions"},
		{[]string{"Isolation", "hypervisor"}, "Isolation | Uses containers | Uses hypervisor, separate OS",
			"• Isolation, hypervisor — Uses containers; Uses hypervisor, separate OS"},
		{[]string{"Building an Image"}, "Building an Image - Use the `docker build` command to create the image.",
			"• Building an Image — Use the docker build command to create the image."},
		{[]string{"Multi-Stage Builds"}, "Multi-Stage BuildsMulti-Stage Builds use several `Dockerfile` stages.",
			"• Multi-Stage Builds — Multi-Stage Builds use several Dockerfile stages."},
		{[]string{"Bool"}, "- Bool: `false`- Numeric Types (int, float): `0`",
			"• Bool — false; Numeric Types (int, float): 0"},
		{[]string{"原子性"}, "- **原子性**（Atomicity）：事务是最小的执行单位，不允许分割。",
			"• 原子性 — 原子性（Atomicity）：事务是最小的执行单位，不允许分割。"},
		// code's "||" is no table
		{[]string{"短路"}, "短路：`a || b` 在 a 为真时不算 b。",
			"• 短路 — a || b 在 a 为真时不算 b。"},
		// a hyphen inside words and a minus stay
		{[]string{"Built-in Methods"}, "- Built-in Methods: `append`, `copy`, and `sub- and sub-sub-slicing`.",
			"• Built-in Methods — append, copy, and sub- and sub-sub-slicing."},
	}
	for _, tt := range tests {
		var ps []grade.Point
		for _, p := range tt.points {
			ps = append(ps, grade.Point{Text: p, Reference: tt.reference})
		}
		q := &bank.Question{ID: "q", Prompt: "?", Answer: bank.Answer{Text: strings.Repeat("x", 900)}}
		out := engine.Feedback("en", q, grade.Result{Missed: ps}, 800).Plain()
		if got := missedLine(out); got != tt.want {
			t.Errorf("%q:\ngot  %s\nwant %s", tt.reference, got, tt.want)
		}
	}
}

// missedLine is the first missed point's line of a feedback text.
func missedLine(out string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "• ") {
			return l
		}
	}
	return ""
}

// TestVagueReplyIsToldSo is the new user's fourth report, item 1: a vague
// reply ("看情况吧") was asked whether it answered another question; it is
// told it is too short or general instead, in the person's language.
func TestVagueReplyIsToldSo(t *testing.T) {
	q := &bank.Question{ID: "q", Prompt: "能接受加班吗？", Answer: bank.Answer{Text: "可以接受必要的加班。"}}
	res := grade.Result{Vague: true, ReplyLang: "zh", NotesLang: "zh", Missed: []grade.Point{{Text: "必要的加班", Reference: "可以接受必要的加班。"}}}
	for lang, want := range map[string]string{"zh": "太短或太笼统", "en": "too short or too general"} {
		out := engine.Feedback(lang, q, res, 800).Plain()
		if !strings.Contains(out, want) {
			t.Errorf("%s: the reply is not told it is vague:\n%s", lang, out)
		}
		if strings.Contains(out, "another question") || strings.Contains(out, "另一道题") {
			t.Errorf("%s: a vague reply is taken for another question's answer:\n%s", lang, out)
		}
	}
}
