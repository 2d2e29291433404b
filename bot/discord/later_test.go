package discord_test

import (
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

// answerByForm asks a question in alice's DM with a typed /next and
// answers it through its Answer form, the feedback coming as a followup
// (the form's callback edits the question). It returns the DM channel and
// the form submission.
func answerByForm(t *testing.T, srv *discordfake.Server, counter *countingReplier, answer string, beforeSubmit func()) (string, discordfake.Interaction) {
	t.Helper()
	ctx := testContext(t)
	dm, err := srv.DMChannel(discordfake.DefaultUserID)
	mustNoErr(t, "dm", err)
	_, err = srv.PostMessage(discordfake.IncomingMessage{Content: "/next"})
	mustNoErr(t, "/next", err)
	mustNoErr(t, "the question is known", counter.waitSent(ctx, 1))
	q := srv.Messages(dm.ID)[0]
	click, err := srv.ClickButton(discordfake.ButtonClick{CustomID: q.CustomIDs()[0], MessageID: q.ID})
	mustNoErr(t, "click Answer", err)
	modal, err := srv.WaitResponse(ctx, click.ID)
	mustNoErr(t, "answer form", err)
	beforeSubmit()
	sub, err := srv.SubmitModal(discordfake.ModalSubmission{InteractionID: click.ID,
		Values: map[string]string{modal.TextInputs()[0].CustomID: answer}})
	mustNoErr(t, "submit", err)
	return dm.ID, sub
}

// TestHTMLRateLimitPageRetried: a followup answered by an HTML 429 page
// (Cloudflare's) is retried as a rate limit, and the feedback arrives.
func TestHTMLRateLimitPageRetried(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	var counter *countingReplier
	startCoreWith(t, srv, discord.Config{}, func(r bot.Replier) bot.Replier { counter = newCountingReplier(r); return counter })
	_, sub := answerByForm(t, srv, counter, "RPO 是能丢多少数据", func() {
		srv.FailNextNonJSON(discordfake.RouteExecuteWebhook, 1, 429)
	})
	fs, err := srv.WaitFollowups(testContext(t), sub.ID, 1)
	mustNoErr(t, "feedback followup", err)
	if !strings.Contains(demarkdown(fs[0].Content), "1 of 3 key points covered") {
		t.Errorf("feedback = %q", fs[0].Content)
	}
}

// TestFollowupRateLimitedPastTheBudgetComesLater: a followup Discord rate
// limits for longer than the adapter may wait is not lost: the core keeps
// it in its outbox and delivers it by DM once the wait is over.
func TestFollowupRateLimitedPastTheBudgetComesLater(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	var counter *countingReplier
	e := startCoreWith(t, srv, discord.Config{}, func(r bot.Replier) bot.Replier { counter = newCountingReplier(r); return counter })
	ctx := testContext(t)
	dm, sub := answerByForm(t, srv, counter, "RPO 是能丢多少数据", func() {
		srv.InjectFault(discordfake.RouteExecuteWebhook, discordfake.Fault{Kind: discordfake.FaultRateLimit, RetryAfter: time.Minute})
	})
	// The form's callback (the question edited) goes through; the feedback
	// followup is rate limited for a minute.
	mustNoErr(t, "response", func() error { _, err := srv.WaitResponse(ctx, sub.ID); return err }())
	mustNoErr(t, "the feedback kept for later", counter.waitRedelivered(ctx, 1))
	if depth, _ := e.db.OutboxDepth(ctx); depth != 1 {
		t.Fatalf("outbox depth %d, want the feedback kept", depth)
	}
	if n, err := e.core.DeliverDue(ctx, map[bot.Platform]bot.Sender{bot.Discord: e.a}); err != nil || n != 0 {
		t.Errorf("delivered %d before the wait, %v", n, err)
	}
	e.clock.Set(e.clock.Now().Add(61 * time.Second))
	if n, err := e.core.DeliverDue(ctx, map[bot.Platform]bot.Sender{bot.Discord: e.a}); err != nil || n != 1 {
		t.Fatalf("DeliverDue after the wait = %d, %v", n, err)
	}
	msgs := srv.Messages(dm)
	last := msgs[len(msgs)-1]
	if !strings.Contains(demarkdown(last.Content), "1 of 3 key points covered") || len(last.CustomIDs()) == 0 {
		t.Errorf("late feedback = %+v", last)
	}
}
