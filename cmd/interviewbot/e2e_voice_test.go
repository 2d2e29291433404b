package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/internal/fakes/speechfake"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// heardAnswer is what the fake transcription service hears: an answer to
// the seeds' first question, with fillers.
const heardAnswer = "嗯，离职后我完成了学业收尾，然后系统学习了云计算迁移方向的全链路知识，就是做了云原生运维自动化。"

// TestBinaryVoiceOnTelegram runs the bot as a process (Main, through main) configured with
// speech.endpoint (the key from the environment) against the fake Bot API
// and the fake transcription service: a voice reply is graded with
// delivery feedback, /stats shows the spoken answers, the key never shows
// in the logs, and after /forget no transcript is left in the database.
func TestBinaryVoiceOnTelegram(t *testing.T) {
	const token, key = "424243:e2e-voice-token", "sk-e2e-SPEECH-secret"
	srv := telegramfake.New(token, telegramfake.WithStrictHTML())
	defer srv.Close()
	sp := speechfake.New(heardAnswer, speechfake.WithAPIKey(key))
	defer sp.Close()
	t.Setenv("IB_TELEGRAM_TOKEN", token)
	t.Setenv("IB_SPEECH_KEY", key)
	db := filepath.Join(t.TempDir(), "voice.db")
	p := startBinary(t, fmt.Sprintf(`
telegram:
  token: ${IB_TELEGRAM_TOKEN}
  api_endpoint: %s
  poll_timeout: 2s
speech:
  endpoint: %s
  api_key: ${IB_SPEECH_KEY}
log:
  level: debug
`, srv.Endpoint(), sp.URL()), "--db", db)
	ctx := e2eContext(t)
	if err := srv.WaitCalls(ctx, "getUpdates", 1); err != nil {
		t.Fatalf("no polling: %v\n%s", err, p.stderr.String())
	}
	ada := telegramfake.User{ID: 7002, FirstName: "Ada", LanguageCode: "zh-hans"}
	chat := telegramfake.PrivateChat(ada)
	wait := func(n int) []telegramfake.SentMessage {
		t.Helper()
		ms, err := srv.WaitMessages(ctx, chat.ID, n)
		if err != nil {
			t.Fatalf("waiting for message %d: %v\n%s", n, err, p.stderr.String())
		}
		return ms
	}
	srv.SendCommand(chat, ada, "next", "")
	q := wait(1)[0]
	ogg, err := os.ReadFile("../../bot/speech/testdata/answer.opus.ogg")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.SendMedia(chat, ada, telegramfake.Upload{Kind: "voice", Data: ogg, Duration: 4, ReplyTo: q.MessageID}); err != nil {
		t.Fatal(err)
	}
	fb := wait(2)[1]
	for _, want := range []string{"覆盖 3/4", "🎙 口头表达", "⏱ 时长 4秒", "口头禅", heardAnswer} {
		if !strings.Contains(fb.PlainText, want) {
			t.Errorf("feedback lacks %q:\n%s", want, fb.PlainText)
		}
	}
	if reqs := sp.Requests(); len(reqs) != 1 || reqs[0].Authorization != "Bearer "+key || !bytes.Equal(reqs[0].File, ogg) {
		t.Errorf("transcription requests: %d", len(reqs))
	}
	srv.SendCommand(chat, ada, "stats", "")
	if st := wait(3)[2]; !strings.Contains(st.PlainText, "🎙 口述作答 1 次") {
		t.Errorf("/stats: %q", st.PlainText)
	}
	srv.SendCommand(chat, ada, "forget", "")
	confirm := wait(4)[3]
	yes := ""
	for _, b := range confirm.Buttons() {
		if strings.HasPrefix(b.CallbackData, "forget:yes") {
			yes = b.CallbackData
		}
	}
	if _, err := srv.PressButton(chat, ada, confirm.MessageID, yes); err != nil {
		t.Fatalf("press %q: %v", yes, err)
	}
	if done := wait(5)[4]; !strings.Contains(done.PlainText, "已删除") {
		t.Errorf("after /forget: %q", done.PlainText)
	}
	p.stop()
	if strings.Contains(p.stderr.String(), key) {
		t.Error("the speech API key is in the logs")
	}
	if !strings.Contains(p.stderr.String(), "voice answers on") {
		t.Errorf("no startup line about voice answers:\n%s", p.stderr.String())
	}
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("云原生运维自动化")) {
		t.Error("the transcript is still in the database after /forget")
	}
}

// TestTerminalVoice answers from the terminal with /voice FILE, as README
// shows.
func TestTerminalVoice(t *testing.T) {
	sp := speechfake.New(heardAnswer)
	defer sp.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("speech:\n  endpoint: "+sp.URL()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	rec, err := filepath.Abs("../../bot/speech/testdata/answer.opus.ogg")
	if err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCmd(t, "/next\n/voice "+rec+"\n", "run", "--config", cfg, "--db", filepath.Join(dir, "bot.db"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// No duration from a platform: 3.53 s read from the Ogg file.
	for _, want := range []string{"📊 覆盖 3/4", "🎙 口头表达", "⏱ 时长 4秒", "😶 口头禅", "📝 转写"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if r := sp.Requests(); len(r) != 1 || r[0].FileName != "answer.opus.ogg" || r[0].FileType != "audio/ogg" || r[0].Language != "zh" {
		t.Errorf("transcription requests %+v", r)
	}
}
