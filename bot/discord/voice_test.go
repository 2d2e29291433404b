package discord_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/bot/speech"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
	"github.com/interviewbot/interviewbot/internal/fakes/speechfake"
	"github.com/interviewbot/interviewbot/storage"
)

// heardSnapshot is what the fake transcription service hears: an answer
// to 备份和快照有什么区别？ with fillers.
const heardSnapshot = "嗯，快照依赖原始存储，然后它不能替代备份，备份是独立的副本，可以跨区域保存。"

// voiceEnv is the adapter running the real core with voice answers on.
type voiceEnv struct {
	*botEnv
	db     *storage.DB
	speech *speechfake.Server
}

// startVoiceCore runs the adapter with the real core over bbolt (the
// snapshot question only), English, and the fake transcription service.
func startVoiceCore(t *testing.T, srv *discordfake.Server, cfg discord.Config) *voiceEnv {
	t.Helper()
	const oneQuestion = `questions:
  - id: snapshot
    prompt: 备份和快照有什么区别？
    answer: |
      快照依赖原始存储，**不能替代备份**；备份是**独立的副本**，可以**跨区域保存**。
`
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(oneQuestion)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	db, err := storage.Open(filepath.Join(t.TempDir(), "bot.db"), storage.Options{})
	mustNoErr(t, "open storage", err)
	t.Cleanup(func() { db.Close() })
	sp := speechfake.New(heardSnapshot)
	t.Cleanup(sp.Close)
	client, err := speech.New(speech.Config{Endpoint: sp.URL(), Timeout: 3 * time.Second})
	mustNoErr(t, "speech client", err)
	caps, err := discord.New(discord.Config{Token: testToken, MessageContent: cfg.MessageContent})
	mustNoErr(t, "adapter for its capabilities", err)
	core, err := engine.New(engine.Config{Bank: b, Store: db, Lang: "en", TZ: "UTC", Logger: slog.New(slog.DiscardHandler), Transcriber: client,
		Capabilities: map[bot.Platform]bot.Capabilities{bot.Discord: caps.Capabilities()}})
	mustNoErr(t, "new core", err)
	return &voiceEnv{botEnv: runAdapter(t, srv, cfg, core), db: db, speech: sp}
}

// voiceMessage is a Discord voice message: flag 8192, one audio/ogg file
// with its duration and waveform, no content.
func voiceMessage(t *testing.T, channel, author string) discordfake.IncomingMessage {
	t.Helper()
	ogg, err := os.ReadFile("../speech/testdata/answer.opus.ogg")
	mustNoErr(t, "read the recording", err)
	return discordfake.IncomingMessage{ChannelID: channel, AuthorID: author, Flags: discordfake.FlagIsVoiceMessage,
		Files: []discordfake.File{{Name: "voice-message.ogg", ContentType: "audio/ogg", Data: ogg, DurationSecs: 3.52, Waveform: "AAgXHyMkIB0YEw8LCAYEAwICAQEBAQ=="}}}
}

// TestVoiceMessageInDM: a voice message in a DM answers the open question;
// the attachment is downloaded from the fake's CDN URL and transcribed,
// and the feedback shows delivery and the transcript as a ||spoiler||.
func TestVoiceMessageInDM(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	e := startVoiceCore(t, srv, discord.Config{})
	ctx := testContext(t)
	alice := discordfake.DefaultUserID
	dm, err := srv.DMChannel(alice)
	mustNoErr(t, "dm", err)
	_, err = srv.PostMessage(discordfake.IncomingMessage{AuthorID: alice, Content: "/next"})
	mustNoErr(t, "post /next", err)
	_, err = srv.WaitMessages(ctx, dm.ID, 1)
	mustNoErr(t, "question", err)

	// A sticker is not an answer.
	_, err = srv.PostMessage(discordfake.IncomingMessage{AuthorID: alice, Stickers: []discordfake.StickerItem{{ID: "749054660769218631", Name: "Wave", FormatType: 1}}})
	mustNoErr(t, "post a sticker", err)
	msgs, err := srv.WaitMessages(ctx, dm.ID, 2)
	mustNoErr(t, "sticker note", err)
	if got := demarkdown(msgs[1].Content); got != "📎 Stickers, pictures and files are not answers. Type your answer, or send a voice message." {
		t.Errorf("sticker note = %q", got)
	}

	vm := voiceMessage(t, "", alice)
	_, err = srv.PostMessage(vm)
	mustNoErr(t, "post the voice message", err)
	msgs, err = srv.WaitMessages(ctx, dm.ID, 3)
	mustNoErr(t, "feedback", err)
	fb := msgs[2].Content
	for _, want := range []string{"3 of 3 key points covered", "How you said it", "⏱ 4s (target: under 2m)", "fillers/min", "||" + heardSnapshot + "||"} {
		if !strings.Contains(demarkdown(fb), want) {
			t.Errorf("feedback lacks %q:\n%s", want, fb)
		}
	}
	reqs := e.speech.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d transcription requests", len(reqs))
	}
	if r := reqs[0]; string(r.File) != string(vm.Files[0].Data) || r.FileName != "voice-message.ogg" || r.FileType != "audio/ogg" || r.Language != "zh" {
		t.Errorf("transcription request: %d bytes, %s %s %s", len(r.File), r.FileName, r.FileType, r.Language)
	}
	atts, err := e.db.Attempts(ctx, "discord:"+alice)
	if err != nil || len(atts) != 1 || atts[0].Spoken == nil || atts[0].Spoken.Seconds != 3.52 || atts[0].Spoken.Media != bot.MediaVoice {
		t.Errorf("attempt: %+v %v", atts, err)
	}
}

// TestVoiceMessageInRoundThread: a member answers a group round with a
// voice message in its thread; the feedback comes by DM and the answer
// counts in the round.
func TestVoiceMessageInRoundThread(t *testing.T) {
	t.Parallel()
	srv := newStudyServer(t)
	e := startVoiceCore(t, srv, discord.Config{Guilds: []string{discordfake.DefaultGuildID}, MessageContent: true})
	ctx := testContext(t)
	const channel, bob = discordfake.DefaultChannelID, discordfake.OtherUserID
	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "next", ChannelID: channel, UserID: discordfake.DefaultUserID})
	mustNoErr(t, "/next", err)
	round := publicReply(t, srv, in.ID)
	err = srv.Wait(ctx, func() bool { return len(srv.Threads(channel)) == 1 })
	mustNoErr(t, "round thread", err)
	thread := srv.Threads(channel)[0]

	_, err = srv.PostMessage(voiceMessage(t, thread.ID, bob))
	mustNoErr(t, "voice in the thread", err)
	dm, err := srv.DMChannel(bob)
	mustNoErr(t, "dm", err)
	msgs, err := srv.WaitMessages(ctx, dm.ID, 1)
	mustNoErr(t, "feedback by dm", err)
	if fb := demarkdown(msgs[0].Content); !strings.Contains(fb, "3 of 3 key points covered") || !strings.Contains(fb, "How you said it") {
		t.Errorf("feedback = %q", fb)
	}
	r, err := e.db.OpenRound(ctx, bot.Chat{Platform: bot.Discord, ID: channel}.Key())
	mustNoErr(t, "open round", err)
	if r.MessageID != round.ID || len(r.Answers) != 1 || r.Answers["discord:"+bob].Coverage != 1 {
		t.Errorf("round = %+v", r)
	}
	if n := len(srv.Messages(thread.ID)); n != 0 {
		t.Errorf("%d messages of the bot in the thread, want none", n)
	}
}

// TestAttachmentKinds: what the adapter tells the core about attachments
// and stickers, and that text stays the answer when a picture comes with
// it.
func TestAttachmentKinds(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rep := newScriptReplier()
	rep.handle = func(context.Context, bot.Event) []bot.Reply { return nil }
	startBot(t, srv, discord.Config{}, rep)
	alice := discordfake.DefaultUserID
	posts := []discordfake.IncomingMessage{
		{Files: []discordfake.File{{Name: "answer.m4a", Data: []byte("m4a")}}},                                     // audio by its name
		{Files: []discordfake.File{{Name: "a.bin", ContentType: "audio/mpeg; charset=binary", Data: []byte("x")}}}, // audio by its type
		{Files: []discordfake.File{{Name: "shot.png", ContentType: "image/png", Data: []byte("png")}}},
		{Files: []discordfake.File{{Name: "notes.pdf", ContentType: "application/pdf", Data: []byte("pdf")}}},
		{Content: "my answer", Files: []discordfake.File{{Name: "shot.png", ContentType: "image/png", Data: []byte("png")}}},
		{Content: "/skip", Flags: discordfake.FlagIsVoiceMessage, Files: []discordfake.File{{Name: "voice-message.ogg", ContentType: "audio/ogg", Data: []byte("OggS"), DurationSecs: 2.5, Waveform: "AA=="}}},
	}
	index := map[string]int{} // message ID → post: handlers run concurrently
	for i, p := range posts {
		p.AuthorID = alice
		m, err := srv.PostMessage(p)
		mustNoErr(t, "post", err)
		index[m.ID] = i
	}
	evs := make([]bot.Event, len(posts))
	for _, ev := range rep.WaitEvents(t, len(posts)) {
		evs[index[ev.MessageID]] = ev
	}
	want := []struct {
		kind bot.MediaKind
		name string
		mime string
		text string
	}{
		{bot.MediaAudio, "answer.m4a", "", ""},
		{bot.MediaAudio, "a.bin", "audio/mpeg", ""},
		{bot.MediaPhoto, "", "", ""},
		{bot.MediaOther, "", "", ""},
		{bot.MediaPhoto, "", "", "my answer"},
		{bot.MediaVoice, "voice-message.ogg", "audio/ogg", "/skip"},
	}
	for i, ev := range evs {
		w := want[i]
		if ev.Kind != bot.EventMessage || ev.Media == nil || ev.Media.Kind != w.kind || ev.Media.Name != w.name || ev.Media.MIME != w.mime || ev.Text != w.text {
			t.Errorf("post %d: event %+v media %+v, want %+v", i, ev, ev.Media, w)
		}
		if ev.Media != nil && ev.Media.Heard() && ev.Media.Open == nil {
			t.Errorf("post %d: no download for a recording", i)
		}
	}
	if d := evs[5].Media.Duration; d != 2500*time.Millisecond {
		t.Errorf("voice message duration = %v, want 2.5s from duration_secs", d)
	}
	rc, err := evs[0].Media.Open(testContext(t))
	mustNoErr(t, "download", err)
	defer rc.Close()
	if b, _ := io.ReadAll(rc); string(b) != "m4a" {
		t.Errorf("downloaded %q", b)
	}
}
