package discord_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

// expectContents checks messages one by one: each must contain its wanted
// parts (and none after "!"), and there must be exactly as many.
func expectContents(t *testing.T, who string, got []string, want ...[]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s received %d messages, want %d:\n%s", who, len(got), len(want), strings.Join(got, "\n---\n"))
		return
	}
	for i, parts := range want {
		for _, p := range parts {
			if no, ok := strings.CutPrefix(p, "!"); ok {
				if strings.Contains(got[i], no) {
					t.Errorf("%s's message %d shows %q:\n%s", who, i+1, no, got[i])
				}
			} else if !strings.Contains(got[i], p) {
				t.Errorf("%s's message %d lacks %q:\n%s", who, i+1, p, got[i])
			}
		}
	}
}

// contents returns the plain words of messages.
func contents(ms []discordfake.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, demarkdown(m.Content))
	}
	return out
}

// TestGroupTranscriptOnDiscord plays a study group's round through the
// fake Discord with the real core and checks what each member and the
// channel (with the round's thread) receive, message by message. alice
// owns the guild; carol takes no DMs. alice answers with the form, bob and
// carol in the thread; bob floods /top; alice reveals; bob answers late;
// carol presses the buttons of alice's feedback. The channel receives the
// round question, one summary and what its admin asks for (a
// leaderboard); the thread one line for carol, whom a DM cannot reach:
// never a card, someone's buttons, or the reference before the summary.
func TestGroupTranscriptOnDiscord(t *testing.T) {
	t.Parallel()
	srv := newStudyServer(t, func(g *discordfake.Guild) {
		for i := range g.Members {
			if g.Members[i].User.ID == carolID {
				g.Members[i].User.RejectDMs = true
			}
		}
	})
	// A generous flood limit: the flood of /top is answered once by the
	// core's repeat rule, not cut short by the throttle.
	e := startCoreWith(t, srv, discord.Config{Guilds: []string{discordfake.DefaultGuildID}, MessageContent: true}, nil,
		func(c *engine.Config) { c.PersonBurst = 50 })
	ctx := testContext(t)
	const channel = discordfake.DefaultChannelID
	const alice, bob, carol = discordfake.DefaultUserID, discordfake.OtherUserID, carolID
	slash := func(user, name string) discordfake.Interaction { return slashCommand(t, srv, channel, user, name) }
	dm := func(user string) string {
		t.Helper()
		ch, err := srv.DMChannel(user)
		mustNoErr(t, "dm channel", err)
		return ch.ID
	}
	var ephemeral sync.Map // user → []string, in order
	private := func(user string, in discordfake.Interaction) string {
		t.Helper()
		got := demarkdown(privateReply(t, srv, in.ID))
		prev, _ := ephemeral.Load(user)
		list, _ := prev.([]string)
		ephemeral.Store(user, append(list, got))
		return got
	}
	seen := func(user string) []string {
		v, _ := ephemeral.Load(user)
		list, _ := v.([]string)
		return list
	}

	// alice opens the round.
	q := publicReply(t, srv, slash(alice, "next").ID)
	mustNoErr(t, "round thread", srv.Wait(ctx, func() bool { return len(srv.Threads(channel)) == 1 }))
	thread := srv.Threads(channel)[0]

	// alice answers with the form: her feedback is ephemeral, its buttons hers.
	click, err := srv.ClickButton(discordfake.ButtonClick{CustomID: q.CustomIDs()[0], MessageID: q.ID, UserID: alice})
	mustNoErr(t, "click Answer", err)
	modal, err := srv.WaitResponse(ctx, click.ID)
	mustNoErr(t, "answer form", err)
	sub, err := srv.SubmitModal(discordfake.ModalSubmission{InteractionID: click.ID, UserID: alice,
		Values: map[string]string{modal.TextInputs()[0].CustomID: "RPO 是能丢多少数据，RTO 是多久恢复，一起决定备份频率"}})
	mustNoErr(t, "submit the form", err)
	private(alice, sub)
	aliceCard, err := srv.WaitOriginal(ctx, sub.ID)
	mustNoErr(t, "alice's card", err)
	for _, id := range aliceCard.CustomIDs() {
		if !strings.HasPrefix(id, "@"+alice+":") {
			t.Errorf("alice's button %q names no owner", id)
		}
	}

	// bob and carol answer in the thread: bob by DM; carol's DMs are
	// closed, so the thread gets one line replying to her.
	_, err = srv.PostMessage(discordfake.IncomingMessage{ChannelID: thread.ID, AuthorID: bob, Content: "RPO 是恢复点目标"})
	mustNoErr(t, "bob's answer", err)
	_, err = srv.WaitMessages(ctx, dm(bob), 1)
	mustNoErr(t, "bob's feedback", err)
	carolsAnswer, err := srv.PostMessage(discordfake.IncomingMessage{ChannelID: thread.ID, AuthorID: carol, Content: "不太清楚，好像和恢复有关"})
	mustNoErr(t, "carol's answer", err)
	lines, err := srv.WaitMessages(ctx, thread.ID, 1)
	mustNoErr(t, "carol's line", err)
	if lines[0].Reference == nil || lines[0].Reference.MessageID != carolsAnswer.ID {
		t.Errorf("carol's line = %+v, want a reply to her answer", lines[0])
	}

	// bob sends /top twelve times at once: one leaderboard, to him alone.
	var ins []discordfake.Interaction
	for range 12 {
		ins = append(ins, slash(bob, "top"))
	}
	boards := 0
	for _, in := range ins {
		if strings.Contains(private(bob, in), "Leaderboard") {
			boards++
		}
	}
	if boards != 1 {
		t.Errorf("bob got %d leaderboards for 12 /top, want 1", boards)
	}

	// alice reveals; bob answers late in the thread.
	publicReply(t, srv, slash(alice, "reveal").ID)
	_, err = srv.PostMessage(discordfake.IncomingMessage{ChannelID: thread.ID, AuthorID: bob, Content: "RPO 是能丢多少数据"})
	mustNoErr(t, "bob's late answer", err)
	_, err = srv.WaitMessages(ctx, dm(bob), 2)
	mustNoErr(t, "bob's late feedback", err)

	// carol presses alice's buttons (the fake lets anyone click an
	// ephemeral message): each tells her it is not hers, and Next opens no
	// round.
	for _, id := range aliceCard.CustomIDs() {
		c, err := srv.ClickButton(discordfake.ButtonClick{CustomID: id, MessageID: aliceCard.ID, UserID: carol})
		mustNoErr(t, "carol clicks "+id, err)
		if got := private(carol, c); !strings.Contains(got, "someone else's") {
			t.Errorf("carol pressing %s: %q", id, got)
		}
	}
	if _, err := e.db.OpenRound(ctx, bot.Chat{Platform: bot.Discord, ID: channel}.Key()); err == nil {
		t.Error("carol's press of alice's Next opened a round")
	}
	publicReply(t, srv, slash(alice, "top").ID)

	expectContents(t, "the channel", contents(publicMessages(srv, channel)),
		[]string{"Group question", "什么是 RPO 和 RTO？", "!Reference"},
		[]string{"Round summary", "3 answered", "Reference answer"},
		[]string{"Leaderboard", "Alice", "Bob", "Carol"},
	)
	for _, m := range publicMessages(srv, channel)[1:] {
		if len(m.CustomIDs()) > 0 {
			t.Errorf("a channel message has buttons: %+v", m)
		}
	}
	expectContents(t, "the thread", contents(publicMessages(srv, thread.ID)),
		[]string{"Carol", "answer is recorded", "allow direct messages", "!Covered", "!Reference"},
	)
	expectContents(t, "alice (ephemeral)", seen(alice), []string{"3 of 3 key points covered", "Reference answer"})
	bobsDMs, _ := srv.WaitMessages(ctx, dm(bob), 2)
	expectContents(t, "bob (DM)", contents(bobsDMs),
		[]string{"1 of 3 key points covered", "Reference answer"},
		[]string{"This round is over", "Covered"},
	)
	// The twelve interactions are answered concurrently: one with the
	// leaderboard (checked above), the others acknowledged without a word.
	var acks []string
	for _, s := range seen(bob) {
		if !strings.Contains(s, "Leaderboard") {
			acks = append(acks, s)
		}
	}
	want := [][]string{}
	for range 11 {
		want = append(want, []string{"✓"})
	}
	expectContents(t, "bob (ephemeral, besides the leaderboard)", acks, want...)
	carolSaw := [][]string{}
	for range aliceCard.CustomIDs() {
		carolSaw = append(carolSaw, []string{"someone else's"})
	}
	expectContents(t, "carol (ephemeral)", seen(carol), carolSaw...)
	if ms := srv.Messages(dm(carol)); len(ms) != 0 {
		t.Errorf("carol's DMs got %d messages", len(ms))
	}
}
