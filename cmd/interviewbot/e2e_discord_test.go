package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

// TestBinaryOnDiscord runs the bot as a process (Main, through main), configured by file, against
// the fake Discord: slash command → round question, Answer button → modal →
// submit → ephemeral feedback graded by the real core; then SIGTERM stops
// it cleanly.
func TestBinaryOnDiscord(t *testing.T) {
	srv := discordfake.New("e2e-token")
	defer srv.Close()
	t.Setenv("IB_DISCORD_TOKEN", "e2e-token")
	p := startBinary(t, fmt.Sprintf(`
discord:
  token: ${IB_DISCORD_TOKEN}
  api_url: %s
  guilds: [%q]
log:
  level: debug
`, srv.URL(), discordfake.DefaultGuildID))
	ctx := e2eContext(t)
	if _, err := srv.WaitReady(ctx); err != nil {
		t.Fatalf("gateway: %v\n%s", err, p.stderr.String())
	}
	cmds, err := srv.WaitCommands(ctx, discordfake.DefaultGuildID)
	if err != nil || len(cmds) < 10 {
		t.Fatalf("commands %v %v", len(cmds), err)
	}

	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "next", ChannelID: discordfake.DefaultChannelID})
	if err != nil {
		t.Fatal(err)
	}
	q, err := srv.WaitOriginal(ctx, in.ID)
	if err != nil {
		t.Fatalf("question: %v\n%s", err, p.stderr.String())
	}
	if !strings.Contains(q.Content, "四月份离职之后都在做什么") {
		t.Fatalf("question message %q", q.Content)
	}
	var answerID string
	for _, id := range q.CustomIDs() {
		if strings.HasPrefix(id, "form:answer:") {
			answerID = id
		}
	}
	if answerID == "" {
		t.Fatalf("no Answer button on %v", q.CustomIDs())
	}
	click, err := srv.ClickButton(discordfake.ButtonClick{CustomID: answerID, MessageID: q.ID})
	if err != nil {
		t.Fatal(err)
	}
	modal, err := srv.WaitResponse(ctx, click.ID)
	if err != nil || modal.Type != discordfake.ResponseModal {
		t.Fatalf("modal %+v %v", modal, err)
	}
	sub, err := srv.SubmitModal(discordfake.ModalSubmission{Values: map[string]string{
		modal.TextInputs()[0].CustomID: "离职后我完成了学业收尾，又系统提升了云计算迁移方向的全链路知识面和云原生运维自动化。",
	}})
	if err != nil {
		t.Fatal(err)
	}
	// In a server channel /next starts a group round: the question stays as
	// it is for the others, and the member's feedback is the ephemeral
	// response to their submission.
	fb, err := srv.WaitResponse(ctx, sub.ID)
	if err != nil {
		t.Fatalf("feedback: %v\n%s", err, p.stderr.String())
	}
	// The fake's users have the en-US locale: the feedback is in English.
	if !fb.Ephemeral() || !strings.Contains(fb.Content, "3 of 4 key points covered") || !strings.Contains(fb.Content, "学业收尾") {
		t.Errorf("feedback %q (ephemeral %v)", fb.Content, fb.Ephemeral())
	}
	if m, _ := srv.Message(q.ID); m.Edits != 0 || len(m.Components) == 0 {
		t.Errorf("the round question was changed by one member's answer: %+v", m)
	}
	if strings.Contains(p.stderr.String(), "e2e-token") {
		t.Error("the token appears in the logs")
	}
	p.stop()
}
