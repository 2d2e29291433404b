package discord

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bot"
)

func TestRoundThreadName(t *testing.T) {
	long := strings.Repeat("很长的题目", 30)
	for _, c := range []struct {
		name string
		text bot.Text
		want string
	}{
		{"heading then question", bot.Text{
			{Spans: []bot.Span{bot.B("👥 Group question"), bot.P(" · 容灾")}},
			{Spans: []bot.Span{bot.B("什么是 RPO 和 RTO？")}},
			{Spans: []bot.Span{bot.B("second line of the prompt")}},
			{},
			{Spans: []bot.Span{bot.P("Answer by replying…")}},
		}, "什么是 RPO 和 RTO？"},
		{"question with a newline in a span", bot.Text{
			{Spans: []bot.Span{bot.B("👥 Group question")}},
			{Spans: []bot.Span{bot.B("  first\tline  \nsecond line")}},
		}, "first line"},
		{"blank lines skipped", bot.Text{
			{}, {Spans: []bot.Span{bot.B("👥 Group question")}}, {}, {Spans: []bot.Span{bot.P("Q?")}},
		}, "Q?"},
		{"heading only", bot.Text{{Spans: []bot.Span{bot.B("Only line")}}}, "Only line"},
		{"empty", nil, "Round"},
		{"long", bot.Text{{Spans: []bot.Span{bot.B("h")}}, {Spans: []bot.Span{bot.P(long)}}}, string([]rune(long)[:99]) + "…"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := roundThreadName(c.text)
			if got != c.want {
				t.Errorf("name = %q, want %q", got, c.want)
			}
			if n := utf8.RuneCountInString(got); n > maxThreadName {
				t.Errorf("name has %d characters", n)
			}
		})
	}
}

func TestThreadParentsBounded(t *testing.T) {
	c := newThreadParents(3)
	for i := range 5 {
		c.put(strconv.Itoa(i), "p"+strconv.Itoa(i))
	}
	if n := c.len(); n != 3 {
		t.Fatalf("%d entries, want 3", n)
	}
	for i, want := range []bool{false, false, true, true, true} {
		p, ok := c.get(strconv.Itoa(i))
		if ok != want || (ok && p != "p"+strconv.Itoa(i)) {
			t.Errorf("get(%d) = %q, %v; want known %v", i, p, ok, want)
		}
	}
	// Updating a known channel keeps one entry; "" records a plain channel.
	c.put("4", "")
	if p, ok := c.get("4"); !ok || p != "" || c.len() != 3 {
		t.Errorf("after update: %q %v, %d entries", p, ok, c.len())
	}
}
