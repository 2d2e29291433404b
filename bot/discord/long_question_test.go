package discord_test

import (
	"context"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

// TestLongQuestionEditsOnlyItsLastPart: a question too long for one
// message is sent in parts, its buttons under the last. Skipping it (a
// button) or answering it (typed) edits that last part only: the parts
// before stay as they were, and the question is not posted again.
func TestLongQuestionEditsOnlyItsLastPart(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	question := func(status string) bot.Text {
		t := longText(150)
		t.Add(bot.I(status))
		return t
	}
	var last string
	rep := newScriptReplier()
	rep.handle = func(_ context.Context, ev bot.Event) []bot.Reply {
		switch {
		case ev.Kind == bot.EventCommand:
			return []bot.Reply{{Text: question("Reply to answer."), Track: "q", Kind: bot.KindQuestion,
				Buttons: [][]bot.Button{{{Label: "Skip", Action: "skip:q1"}}}}}
		case ev.Kind == bot.EventAction:
			return []bot.Reply{{Text: question("⏭ Skipped"), Edit: ev.MessageID, Kind: bot.KindQuestion}, {Text: bot.TextOf("Skipped.")}}
		}
		return []bot.Reply{{Text: question("✅ Answered"), Edit: last, Kind: bot.KindQuestion}, {Text: bot.TextOf("Feedback.")}}
	}
	startBot(t, srv, discord.Config{}, rep)
	ctx := testContext(t)
	dm, err := srv.DMChannel(discordfake.DefaultUserID)
	mustNoErr(t, "dm", err)

	check := func(what string, parts []discordfake.Message, status string, questions int) {
		t.Helper()
		msgs := srv.Messages(dm.ID)
		for i, p := range parts[:len(parts)-1] {
			m, _ := srv.Message(p.ID)
			if m.Edits != 0 || m.Content != p.Content {
				t.Errorf("%s: part %d changed: %d edits", what, i+1, m.Edits)
			}
		}
		lastPart, _ := srv.Message(parts[len(parts)-1].ID)
		if lastPart.Edits == 0 || !strings.Contains(lastPart.Content, status) || lastPart.Content[:20] == parts[0].Content[:20] ||
			len(lastPart.CustomIDs()) != 0 {
			t.Errorf("%s: the last part = %q (%d edits, buttons %v), want the tail with %q and no buttons",
				what, lastPart.Content, lastPart.Edits, lastPart.CustomIDs(), status)
		}
		starts := 0
		for _, m := range msgs {
			if strings.Contains(m.Content, "**"+lineMarker(1)+"**") {
				starts++
			}
		}
		if starts != questions {
			t.Errorf("%s: the question's start was posted %d times, want %d", what, starts, questions)
		}
	}

	// Typed: /next, then an answer, editing the question's last part.
	_, err = srv.PostMessage(discordfake.IncomingMessage{Content: "/next"})
	mustNoErr(t, "/next", err)
	parts, err := srv.WaitMessages(ctx, dm.ID, 1)
	mustNoErr(t, "question", err)
	sent := rep.WaitSent(t, 1)
	last = sent[0].MessageID
	parts = srv.Messages(dm.ID)
	if len(parts) < 2 || parts[len(parts)-1].ID != last {
		t.Fatalf("question in %d parts, the last %s; want a split with the buttons (%s) last", len(parts), parts[len(parts)-1].ID, last)
	}
	_, err = srv.PostMessage(discordfake.IncomingMessage{Content: "my answer"})
	mustNoErr(t, "answer", err)
	_, err = srv.WaitMessages(ctx, dm.ID, len(parts)+1)
	mustNoErr(t, "feedback", err)
	check("answered", parts, "✅ Answered", 1)

	// A button: /next again, then Skip under its last part.
	before := len(srv.Messages(dm.ID))
	_, err = srv.PostMessage(discordfake.IncomingMessage{Content: "/next"})
	mustNoErr(t, "/next", err)
	rep.WaitSent(t, 2)
	all := srv.Messages(dm.ID)
	parts = all[before:]
	click, err := srv.ClickButton(discordfake.ButtonClick{CustomID: "skip:q1", MessageID: parts[len(parts)-1].ID})
	mustNoErr(t, "click Skip", err)
	_, err = srv.WaitResponse(ctx, click.ID)
	mustNoErr(t, "response", err)
	_, err = srv.WaitFollowups(ctx, click.ID, 1)
	mustNoErr(t, "note", err)
	check("skipped", parts, "⏭ Skipped", 2)
}
