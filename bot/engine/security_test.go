package engine_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
)

// TestMembersNeverSeeEachOthersAnswers: in a group round, nothing visible
// to the group (replies not marked private) carries a member's answer
// text, and private replies carry only their own.
func TestMembersNeverSeeEachOthersAnswers(t *testing.T) {
	h := newHarness(t)
	ada, bob := newMember("1", "Ada"), newMember("2", "Bob") // neither started the bot: the group-reply path
	h.inGroup(ada, bot.Event{Kind: bot.EventCommand, Command: "next"})
	msg := roundMessage(t, h)
	answers := map[string]string{
		"Ada": "ADA-SECRET RPO 是能丢多少数据",
		"Bob": "BOB-SECRET RTO 是多久恢复",
	}
	var public []bot.Reply
	for _, m := range []member{ada, bob} {
		rs := h.inGroup(m, bot.Event{Kind: bot.EventMessage, Text: answers[m.user.Name], ReplyTo: msg})
		for _, r := range rs {
			other := "Bob"
			if m.user.Name == "Bob" {
				other = "Ada"
			}
			if strings.Contains(r.Text.Plain(), answers[other]) {
				t.Errorf("%s was shown %s's answer: %q", m.user.Name, other, r.Text.Plain())
			}
			if !r.Private {
				public = append(public, r)
			}
		}
	}
	public = append(public, h.inGroup(ada, bot.Event{Kind: bot.EventCommand, Command: "reveal", Admin: true})...)
	public = append(public, h.inGroup(bob, bot.Event{Kind: bot.EventCommand, Command: "top"})...)
	for _, r := range public {
		for who, a := range answers {
			if strings.Contains(r.Text.Plain(), strings.Fields(a)[0]) {
				t.Errorf("a group message shows %s's answer: %q", who, r.Text.Plain())
			}
		}
	}
	if len(public) < 4 {
		t.Fatalf("expected the two members' one-line notes, the summary and the leaderboard; got %d public replies", len(public))
	}
}

// TestForgetThroughTheCoreLeavesNoTrace: a person who answered privately,
// in an interview and in a group round, then confirmed /forget, is nowhere
// in the database file: not their id, name or any answer.
func TestForgetThroughTheCoreLeavesNoTrace(t *testing.T) {
	h := newHarness(t)
	zed := bot.User{Platform: bot.Telegram, ID: "4242424242", Name: "Zebediah-Q"}
	dm := bot.Chat{Platform: bot.Telegram, ID: zed.ID, Kind: bot.Private}
	say := func(chat bot.Chat, ev bot.Event) []bot.Reply {
		ev.Chat, ev.User = chat, zed
		return h.event(ev)
	}
	say(dm, bot.Event{Kind: bot.EventCommand, Command: "next"})
	say(dm, bot.Event{Kind: bot.EventMessage, Text: "PRIVATE-ANSWER-XYZ RPO 是能丢多少数据"})
	say(dm, bot.Event{Kind: bot.EventCommand, Command: "interview", Args: "2"})
	say(dm, bot.Event{Kind: bot.EventMessage, Text: "INTERVIEW-ANSWER-XYZ 快照不能替代备份"})
	say(group, bot.Event{Kind: bot.EventCommand, Command: "next"})
	say(group, bot.Event{Kind: bot.EventMessage, Text: "ROUND-ANSWER-XYZ 多版本并发控制", ReplyTo: roundMessage(t, h)})
	// Someone else's data stays.
	h.cmd("next", "")
	h.say("OTHER-PERSON-KEEPS RPO")

	say(dm, bot.Event{Kind: bot.EventCommand, Command: "forget"})
	mustContain(t, text(say(dm, bot.Event{Kind: bot.EventAction, Action: "forget:yes"})), "已删除")
	path := h.db.Path()
	if err := h.db.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, trace := range []string{zed.ID, zed.Name, "PRIVATE-ANSWER-XYZ", "INTERVIEW-ANSWER-XYZ", "ROUND-ANSWER-XYZ"} {
		if bytes.Contains(raw, []byte(trace)) {
			t.Errorf("%q is still in the database file", trace)
		}
	}
	if !bytes.Contains(raw, []byte("OTHER-PERSON-KEEPS")) {
		t.Error("another person's answer was lost")
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("database file mode %v, want 0600", info.Mode().Perm())
	}
}
