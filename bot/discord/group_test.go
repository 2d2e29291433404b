package discord_test

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

// carolID is the third member of the study guild.
const carolID = "1100000000000000102"

// newStudyServer is a fake Discord whose guild has three members: alice
// (the owner), bob and carol.
func newStudyServer(t *testing.T, tweak ...func(*discordfake.Guild)) *discordfake.Server {
	t.Helper()
	g := discordfake.DefaultGuild(discordfake.User{ID: discordfake.DefaultBotID, Username: "interviewbot", Bot: true})
	g.Members = append(g.Members, discordfake.Member{User: discordfake.User{ID: carolID, Username: "carol", GlobalName: "Carol"}})
	for _, f := range tweak {
		f(&g)
	}
	return newServer(t, discordfake.WithGuild(g))
}

// percent is the core's rounding of a coverage.
func percent(f float64) int { return int(f*100 + 0.5) }

// coverageLine is how feedback shows a graded answer.
func coverageLine(res grade.Result) string {
	return fmt.Sprintf("%d of %d key points covered", len(res.Covered), res.Total())
}

// mostMissed returns the key point most answers missed (the first in the
// question's order on a tie) and how many missed it.
func mostMissed(q *bank.Question, results []grade.Result) (string, int) {
	counts := map[string]int{}
	for _, r := range results {
		for _, p := range r.Missed {
			counts[p.Text]++
		}
	}
	best, n := "", 0
	for _, kp := range q.Answer.KeyPoints {
		if counts[kp.Text] > n {
			best, n = kp.Text, counts[kp.Text]
		}
	}
	return best, n
}

// board renders a leaderboard line as /top does: points per member,
// highest first (then by name), members without points left out.
func board(points map[string]int) string {
	names := make([]string, 0, len(points))
	for n, p := range points {
		if p > 0 {
			names = append(names, n)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		if points[names[i]] != points[names[j]] {
			return points[names[i]] > points[names[j]]
		}
		return names[i] < names[j]
	})
	parts := make([]string, 0, len(names))
	for i, n := range names {
		parts = append(parts, fmt.Sprintf("%d. %s %d", i+1, n, points[n]))
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, " · ")
}

// TestGroupPracticeOnDiscord runs group practice through the fake Discord
// with the real core over bbolt: three members answer a round (two with
// the Answer form, one in the round's thread), each gets their own
// feedback, an admin reveals one summary, a member cannot subscribe the
// channel, and /top is right after a second round.
func TestGroupPracticeOnDiscord(t *testing.T) {
	t.Parallel()
	srv := newStudyServer(t)
	e := startCore(t, srv, discord.Config{Guilds: []string{discordfake.DefaultGuildID}, MessageContent: true})
	ctx := testContext(t)
	const channel, guild = discordfake.DefaultChannelID, discordfake.DefaultGuildID
	const alice, bob, carol = discordfake.DefaultUserID, discordfake.OtherUserID, carolID
	chatKey := bot.Chat{Platform: bot.Discord, ID: channel}.Key()

	// /subscribe and /reveal are registered for Manage Server only; /top for
	// everyone.
	cmds := srv.Commands(guild)
	for _, c := range []struct {
		name  string
		admin bool
	}{{"subscribe", true}, {"top", false}, {"reveal", true}} {
		i := slices.IndexFunc(cmds, func(ac discordfake.ApplicationCommand) bool { return ac.Name == c.name })
		switch {
		case i < 0:
			t.Errorf("/%s is not registered", c.name)
		case c.admin && (cmds[i].DefaultMemberPermissions == nil || *cmds[i].DefaultMemberPermissions != discordfake.PermissionManageGuild):
			t.Errorf("/%s default_member_permissions = %v, want Manage Server", c.name, cmds[i].DefaultMemberPermissions)
		case !c.admin && cmds[i].DefaultMemberPermissions != nil:
			t.Errorf("/%s is restricted: %d", c.name, *cmds[i].DefaultMemberPermissions)
		}
	}

	slash := func(user, name string, opts ...discordfake.OptionValue) discordfake.Interaction {
		return slashCommand(t, srv, channel, user, name, opts...)
	}
	waitThread := func(n int) discordfake.Channel {
		t.Helper()
		err := srv.Wait(ctx, func() bool { return len(srv.Threads(channel)) >= n })
		mustNoErr(t, "wait for the round thread", err)
		return srv.Threads(channel)[n-1]
	}
	// startRound runs /next and checks the question message and its thread.
	startRound := func(user string, q *bank.Question, n int) (discordfake.Message, discordfake.Channel) {
		t.Helper()
		msg := publicReply(t, srv, slash(user, "next").ID)
		if !strings.Contains(demarkdown(msg.Content), q.Prompt) {
			t.Errorf("round question = %q, want %q", msg.Content, q.Prompt)
		}
		if got, want := msg.CustomIDs(), []string{"form:answer:" + q.ID, "hint:" + q.ID}; !slices.Equal(got, want) {
			t.Errorf("round buttons = %v, want %v", got, want)
		}
		th := waitThread(n)
		if th.ID != msg.ID || th.Name != q.Prompt || th.AutoArchiveDuration != 1440 || th.Type != discordfake.ChannelTypePublicThread || th.OwnerID != discordfake.DefaultBotID {
			t.Errorf("round thread = %+v, want a public thread %q on message %s", th, q.Prompt, msg.ID)
		}
		r, err := e.db.OpenRound(ctx, chatKey)
		mustNoErr(t, "open round", err)
		if r.MessageID != msg.ID || r.QuestionID != q.ID {
			t.Errorf("round = %+v, want question %s in message %s", r, q.ID, msg.ID)
		}
		return msg, th
	}
	// formAnswer answers a round through the Answer button and its form
	// and returns the private feedback.
	var lastSubmit string
	formAnswer := func(user string, q *bank.Question, msg discordfake.Message, text string) string {
		t.Helper()
		click, err := srv.ClickButton(discordfake.ButtonClick{CustomID: "form:answer:" + q.ID, MessageID: msg.ID, UserID: user})
		mustNoErr(t, "click Answer", err)
		modal, err := srv.WaitResponse(ctx, click.ID)
		mustNoErr(t, "answer form", err)
		if modal.Type != discordfake.ResponseModal || len(modal.TextInputs()) != 1 {
			t.Fatalf("answer form = %+v", modal)
		}
		sub, err := srv.SubmitModal(discordfake.ModalSubmission{InteractionID: click.ID, UserID: user,
			Values: map[string]string{modal.TextInputs()[0].CustomID: text}})
		mustNoErr(t, "submit the form", err)
		lastSubmit = sub.ID
		return demarkdown(privateReply(t, srv, sub.ID))
	}
	// threadAnswer answers a round in its thread and returns the feedback
	// that comes by DM.
	threadAnswer := func(user string, th discordfake.Channel, text string) string {
		t.Helper()
		dm, err := srv.DMChannel(user)
		mustNoErr(t, "dm channel", err)
		before := len(srv.Messages(dm.ID))
		_, err = srv.PostMessage(discordfake.IncomingMessage{ChannelID: th.ID, AuthorID: user, Content: text})
		mustNoErr(t, "post in the thread", err)
		msgs, err := srv.WaitMessages(ctx, dm.ID, before+1)
		mustNoErr(t, "feedback by dm", err)
		return demarkdown(msgs[before].Content)
	}

	// Round 1, on a Sunday: alice's /next puts the question to the channel.
	q1 := e.question(t, "rpo")
	msg1, thread1 := startRound(alice, q1, 1)
	answers := []struct {
		user, name, text string
		viaThread        bool
	}{
		{alice, "Alice", "RPO 是能丢多少数据，RTO 是多久恢复，一起决定备份频率", false},
		{bob, "Bob", "RPO 是恢复点目标，RTO 是恢复时间目标", false},
		{carol, "Carol", "不太清楚，好像和恢复有关", true},
	}
	var results []grade.Result
	feedback := map[string]string{}
	for _, a := range answers {
		res := e.grader.Grade(q1, a.text)
		results = append(results, res)
		var fb string
		if a.viaThread {
			fb = threadAnswer(a.user, thread1, a.text)
		} else {
			fb = formAnswer(a.user, q1, msg1, a.text)
		}
		if !strings.Contains(fb, coverageLine(res)) {
			t.Errorf("%s's feedback = %q, want %q", a.name, fb, coverageLine(res))
		}
		for _, other := range feedback {
			if other == fb {
				t.Errorf("%s got the same feedback as another member: %q", a.name, fb)
			}
		}
		feedback[a.user] = fb
		if a.user == bob {
			// The buttons under private feedback stay private: Next
			// question while the round is open points to it.
			fbMsg, err := srv.WaitOriginal(ctx, lastSubmit)
			mustNoErr(t, "feedback message", err)
			click, err := srv.ClickButton(discordfake.ButtonClick{CustomID: "@" + bob + ":next", MessageID: fbMsg.ID, UserID: bob})
			mustNoErr(t, "click Next question", err)
			if got := demarkdown(privateReply(t, srv, click.ID)); !strings.Contains(got, "This round's question is still open") {
				t.Errorf("Next question during the round answered %q", got)
			}
		}
	}
	if percent(results[0].Coverage) == percent(results[1].Coverage) || percent(results[1].Coverage) == percent(results[2].Coverage) {
		t.Fatalf("the answers should grade apart: %v %v %v", results[0].Coverage, results[1].Coverage, results[2].Coverage)
	}
	// Nobody else saw a thing: the channel shows the question alone, the
	// thread nothing from the bot.
	if pub := publicMessages(srv, channel); len(pub) != 1 || pub[0].ID != msg1.ID {
		t.Errorf("public messages in the channel: %+v, want the question alone", pub)
	}
	if pub := publicMessages(srv, thread1.ID); len(pub) != 0 {
		t.Errorf("public messages in the thread: %+v", pub)
	}
	r1, err := e.db.OpenRound(ctx, chatKey)
	mustNoErr(t, "open round", err)
	if len(r1.Answers) != 3 {
		t.Fatalf("round answers: %+v", r1.Answers)
	}
	for i, a := range answers {
		got := r1.Answers[bot.User{Platform: bot.Discord, ID: a.user}.Key()]
		if got.Name != a.name || percent(got.Coverage) != percent(results[i].Coverage) {
			t.Errorf("%s's round answer = %+v, want coverage %v", a.name, got, results[i].Coverage)
		}
	}

	// bob may not subscribe the channel: Discord hides the command from
	// him, and were a guild admin to allow it, the core refuses.
	if _, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "subscribe", ChannelID: channel, UserID: bob}); !errors.Is(err, discordfake.ErrCommandUnavailable) {
		t.Errorf("bob's /subscribe: %v, want ErrCommandUnavailable", err)
	}
	srv.AllowCommand(guild, "subscribe", guild)
	if got := demarkdown(privateReply(t, srv, slash(bob, "subscribe", discordfake.StringOption("time", "09:00")).ID)); !strings.Contains(got, "Only the group's admins") {
		t.Errorf("bob's /subscribe answered %q", got)
	}
	if c, err := e.db.Chat(ctx, chatKey); err != nil || c.Schedule != nil {
		t.Errorf("chat after bob's /subscribe = %+v, %v; want no schedule", c, err)
	}
	// Nor reveal the answer early.
	if _, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "reveal", ChannelID: channel, UserID: bob}); !errors.Is(err, discordfake.ErrCommandUnavailable) {
		t.Errorf("bob's /reveal: %v, want ErrCommandUnavailable", err)
	}
	srv.AllowCommand(guild, "reveal", guild)
	if got := demarkdown(privateReply(t, srv, slash(bob, "reveal").ID)); !strings.Contains(got, "Only the group's admins") {
		t.Errorf("bob's /reveal answered %q", got)
	}

	// alice (the owner) reveals: one summary message in the channel.
	summary := demarkdown(publicReply(t, srv, slash(alice, "reveal").ID).Content)
	sum := 0.0
	for _, r := range results {
		sum += r.Coverage
	}
	point, missed := mostMissed(q1, results)
	for _, want := range []string{
		"Round summary",
		fmt.Sprintf("%d answered · average coverage %d%%", len(results), percent(sum/float64(len(results)))),
		fmt.Sprintf("Most missed: %s (%d of %d)", point, missed, len(results)),
		fmt.Sprintf("Alice %d%% · Bob %d%% · Carol %d%%", percent(results[0].Coverage), percent(results[1].Coverage), percent(results[2].Coverage)),
		"Reference answer",
	} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
	// The figures, as the core's own test knows them.
	for _, want := range []string{"3 answered · average coverage 56%", "Most missed: 备份频率 (2 of 3)"} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
	var summaries int
	for _, m := range publicMessages(srv, channel) {
		if strings.Contains(m.Content, "Round summary") {
			summaries++
		}
	}
	if pub := publicMessages(srv, channel); summaries != 1 || len(pub) != 2 {
		t.Errorf("%d summaries, %d public messages in the channel; want 1 and 2 (question, summary)", summaries, len(pub))
	}
	if r, err := e.db.Round(ctx, chatKey, r1.ID); err != nil || !r.Closed {
		t.Errorf("round 1 after /reveal = %+v, %v; want closed", r, err)
	}

	// Round 2, on the Monday: bob asks; alice answers in the thread, bob
	// with the form, carol not at all.
	e.clock.Set(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	q2 := e.question(t, "snapshot")
	msg2, thread2 := startRound(bob, q2, 2)
	for _, a := range []struct {
		user, text string
		viaThread  bool
	}{
		{alice, "快照不能替代备份，备份是独立的副本", true},
		{bob, "快照依赖原始存储，备份可以跨区域保存", false},
	} {
		res := e.grader.Grade(q2, a.text)
		var fb string
		if a.viaThread {
			fb = threadAnswer(a.user, thread2, a.text)
		} else {
			fb = formAnswer(a.user, q2, msg2, a.text)
		}
		if !strings.Contains(fb, coverageLine(res)) {
			t.Errorf("round 2 feedback = %q, want %q", fb, coverageLine(res))
		}
	}
	e.clock.Set(time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC))
	publicReply(t, srv, slash(alice, "reveal").ID)

	// /top: this week's points (round 2, Monday on) and all time, as the
	// rounds stored say; in the channel and in a round's thread alike.
	rounds, err := e.db.Rounds(ctx, chatKey)
	mustNoErr(t, "rounds", err)
	if len(rounds) != 2 {
		t.Fatalf("%d rounds stored, want 2", len(rounds))
	}
	weekStart := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	week, total := map[string]int{}, map[string]int{}
	for _, r := range rounds {
		if !r.Closed {
			t.Errorf("round %s is still open", r.ID)
		}
		for _, a := range r.Answers {
			total[a.Name] += percent(a.Coverage)
			if !a.At.Before(weekStart) {
				week[a.Name] += percent(a.Coverage)
			}
		}
	}
	if week["Alice"] == 0 || week["Alice"] == total["Alice"] {
		t.Fatalf("the rounds should tell this week from all time: week %v, all time %v", week, total)
	}
	e.clock.Set(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
	// A member's /top comes to them alone; the channel hears its admins.
	if got := demarkdown(privateReply(t, srv, slash(carol, "top").ID)); !strings.Contains(got, "This week: "+board(week)) {
		t.Errorf("carol's /top:\n%s", got)
	}
	top := publicReply(t, srv, slash(alice, "top").ID).Content
	plainTop := demarkdown(top)
	for _, want := range []string{"🏆 Leaderboard", "This week: " + board(week), "All time: " + board(total), "Streak (rounds): "} {
		if !strings.Contains(plainTop, want) {
			t.Errorf("/top lacks %q:\n%s", want, plainTop)
		}
	}
	if !strings.Contains(top, "**This week:** 1. ") || strings.Contains(top, `1\.`) {
		t.Errorf("/top renders badly:\n%s", top)
	}
	e.clock.Set(time.Date(2026, 11, 23, 12, 1, 0, 0, time.UTC)) // the same answer at once is given once
	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "top", ChannelID: thread2.ID, UserID: alice})
	mustNoErr(t, "/top in the thread", err)
	if got := demarkdown(publicReply(t, srv, in.ID).Content); got != plainTop {
		t.Errorf("/top in the round's thread:\n%s\nwant the channel's:\n%s", got, plainTop)
	}
}
