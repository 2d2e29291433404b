package telegram_test

import (
	"encoding/binary"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf16"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/bot/speech"
	"github.com/interviewbot/interviewbot/internal/fakes/speechfake"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
	"github.com/interviewbot/interviewbot/internal/testkit"
	"github.com/interviewbot/interviewbot/storage"
)

// voiceBank has one question, so the tests know what /next asks.
const voiceBank = `questions:
  - id: snapshot
    prompt: 备份和快照有什么区别？
    answer: |
      快照依赖原始存储，**不能替代备份**；备份是**独立的副本**，可以**跨区域保存**。
`

// spokenAnswer is what the fake transcription service hears.
const spokenAnswer = "嗯，快照依赖原始存储，然后它不能替代备份，就是说备份是独立的副本，可以跨区域保存。"

// voiceSetup is the real core with voice answers on, over bbolt, and the
// fake transcription service.
type voiceSetup struct {
	db     *storage.DB
	core   *engine.Bot
	speech *speechfake.Server
	logs   *testkit.SyncBuffer
}

func newVoiceSetup(t *testing.T, heard string) *voiceSetup {
	t.Helper()
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(voiceBank)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	db, err := storage.Open(filepath.Join(t.TempDir(), "bot.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	sp := speechfake.New(heard)
	t.Cleanup(sp.Close)
	client, err := speech.New(speech.Config{Endpoint: sp.URL(), Timeout: 3 * time.Second, Tries: 2})
	if err != nil {
		t.Fatal(err)
	}
	// The core logs what the adapter's downloads return: never the token.
	logs := &testkit.SyncBuffer{}
	t.Cleanup(func() { assertNoToken(t, "core logs", logs.String()) })
	core, err := engine.New(engine.Config{Bank: b, Store: db, Logger: slog.New(slog.NewTextHandler(logs, nil)), Transcriber: client,
		Capabilities: map[bot.Platform]bot.Capabilities{bot.Telegram: capabilities(t)}})
	if err != nil {
		t.Fatal(err)
	}
	return &voiceSetup{db: db, core: core, speech: sp, logs: logs}
}

// hasSpoiler reports whether a message shows text behind a spoiler.
func hasSpoiler(m telegramfake.SentMessage, text string) bool {
	u := utf16.Encode([]rune(m.PlainText))
	for _, e := range m.Entities {
		if e.Type == "spoiler" && e.Offset+e.Length <= len(u) && string(utf16.Decode(u[e.Offset:e.Offset+e.Length])) == text {
			return true
		}
	}
	return false
}

func readOgg(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../speech/testdata/answer.opus.ogg")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestVoiceAnswerOnTelegram: a voice message answers the open question:
// getFile, the download from /file/bot<token>/<path>, the transcription
// request, and feedback with coverage, delivery and the transcript behind
// a spoiler.
func TestVoiceAnswerOnTelegram(t *testing.T) {
	srv := newServer(t)
	v := newVoiceSetup(t, spokenAnswer)
	start(t, srv, v.core, nil)
	ctx := waitCtx(t)
	srv.SendCommand(dm, alice, "next", "")
	if _, err := srv.WaitMessages(ctx, alice.ID, 1); err != nil {
		t.Fatal(err)
	}
	ogg := readOgg(t)
	if _, err := srv.SendMedia(dm, alice, telegramfake.Upload{Kind: "voice", Data: ogg, Duration: 4}); err != nil {
		t.Fatal(err)
	}
	msgs, err := srv.WaitMessages(ctx, alice.ID, 2) // the question (edited in place) and the feedback
	if err != nil {
		t.Fatal(err)
	}
	fb := msgs[len(msgs)-1]
	for _, want := range []string{"覆盖 3/3", "🎙 口头表达", "⏱ 时长 4秒（目标 2分钟 以内）", "口头禅", "然后 ×1", "📝 转写"} {
		if !strings.Contains(fb.PlainText, want) {
			t.Errorf("feedback lacks %q:\n%s", want, fb.PlainText)
		}
	}
	if !hasSpoiler(fb, spokenAnswer) {
		t.Errorf("the transcript is not behind a spoiler: %+v", fb.Entities)
	}
	if q := msgs[0]; !q.Edited || !strings.Contains(q.PlainText, "已作答") {
		t.Errorf("the question message was not marked answered: %+v", q)
	}
	// What went over the wire.
	if n := srv.CallCount("getFile"); n != 1 {
		t.Errorf("getFile called %d times", n)
	}
	if d := srv.Downloads(); len(d) != 1 || !strings.HasPrefix(d[0], "voice/file_") || !strings.HasSuffix(d[0], ".oga") {
		t.Errorf("downloads = %v", d)
	}
	reqs := v.speech.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d transcription requests", len(reqs))
	}
	r := reqs[0]
	if string(r.File) != string(ogg) || r.FileName != "voice.ogg" || r.FileType != "audio/ogg" || r.Language != "zh" || r.ResponseFormat != "verbose_json" {
		t.Errorf("transcription request: %d bytes %s %s lang %s format %s", len(r.File), r.FileName, r.FileType, r.Language, r.ResponseFormat)
	}
	if !slices.Contains(srv.ChatActions(alice.ID), "typing") {
		t.Errorf("no typing action while transcribing: %v", srv.ChatActions(alice.ID))
	}
	atts, err := v.db.Attempts(ctx, "telegram:1001")
	if err != nil || len(atts) != 1 || atts[0].Reply != spokenAnswer || atts[0].Spoken == nil || atts[0].Spoken.Seconds != 4 {
		t.Errorf("attempt = %+v, %v", atts, err)
	}
}

// Failures say what happened and leave the question open: a typed answer
// afterwards is graded.
func TestVoiceFailuresOnTelegram(t *testing.T) {
	tests := []struct {
		name  string
		setup func(srv *telegramfake.Server, v *voiceSetup)
		up    telegramfake.Upload
		want  string
	}{
		{name: "transcription endpoint down", setup: func(_ *telegramfake.Server, v *voiceSetup) { v.speech.Close() },
			up: telegramfake.Upload{Kind: "voice", Data: []byte("OggS"), Duration: 3}, want: "这条语音没能转成文字"},
		{name: "download fails", setup: func(srv *telegramfake.Server, _ *voiceSetup) {
			srv.Fail("file", -1, telegramfake.ServerError(502))
		}, up: telegramfake.Upload{Kind: "voice", Data: []byte("OggS"), Duration: 3}, want: "这条语音没能转成文字"},
		{name: "download connection reset", setup: func(srv *telegramfake.Server, _ *voiceSetup) {
			srv.Fail("file", -1, telegramfake.ResetConnection())
		}, up: telegramfake.Upload{Kind: "voice", Data: []byte("OggS"), Duration: 3}, want: "这条语音没能转成文字"},
		{name: "over the duration limit", up: telegramfake.Upload{Kind: "voice", Data: []byte("OggS"), Duration: 301},
			want: "这条语音有 5分01秒，超过了 5分钟 的上限"},
		{name: "over Telegram's 20 MB", up: telegramfake.Upload{Kind: "audio", Data: make([]byte, 20<<20+10), FileName: "long.mp3", Duration: 200},
			want: "这个文件超过了 20 MB 的上限"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			v := newVoiceSetup(t, spokenAnswer)
			if tt.setup != nil {
				tt.setup(srv, v)
			}
			start(t, srv, v.core, nil)
			ctx := waitCtx(t)
			srv.SendCommand(dm, alice, "next", "")
			if _, err := srv.WaitMessages(ctx, alice.ID, 1); err != nil {
				t.Fatal(err)
			}
			if _, err := srv.SendMedia(dm, alice, tt.up); err != nil {
				t.Fatal(err)
			}
			msgs, err := srv.WaitMessages(ctx, alice.ID, 2)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(msgs[1].PlainText, tt.want) {
				t.Errorf("reply = %q, want %q", msgs[1].PlainText, tt.want)
			}
			if strings.HasPrefix(tt.name, "download") && !strings.Contains(v.logs.String(), "download recording") {
				t.Errorf("the failed download is not logged:\n%s", v.logs.String())
			}
			srv.SendText(dm, alice, "快照不能替代备份")
			msgs, err = srv.WaitMessages(ctx, alice.ID, 3)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(msgs[2].PlainText, "覆盖 1/3") {
				t.Errorf("the typed answer after the failure: %q", msgs[2].PlainText)
			}
		})
	}
}

// Stickers and photos while a question is open get a short note; in a
// group round, the note goes privately.
func TestNonTextAnswersOnTelegram(t *testing.T) {
	srv := newServer(t)
	v := newVoiceSetup(t, spokenAnswer)
	start(t, srv, v.core, nil)
	ctx := waitCtx(t)
	srv.SendCommand(dm, alice, "next", "")
	if _, err := srv.WaitMessages(ctx, alice.ID, 1); err != nil {
		t.Fatal(err)
	}
	for i, kind := range []string{"sticker", "photo"} {
		if _, err := srv.SendMedia(dm, alice, telegramfake.Upload{Kind: kind, Data: []byte("img")}); err != nil {
			t.Fatal(err)
		}
		msgs, err := srv.WaitMessages(ctx, alice.ID, 2+i)
		if err != nil {
			t.Fatal(err)
		}
		if got := msgs[1+i].PlainText; got != "📎 贴纸、图片和文件不能当作回答。请打字作答，或者发一条语音。" {
			t.Errorf("%s: reply %q", kind, got)
		}
	}
	if srv.CallCount("getFile") != 0 {
		t.Error("a sticker or photo was downloaded")
	}

	// A group round: Bob (who started the bot) replies to the round
	// question with a sticker, then with a voice message.
	srv.SendCommand(telegramfake.PrivateChat(bob), bob, "start", "")
	if _, err := srv.WaitMessages(ctx, bob.ID, 1); err != nil {
		t.Fatal(err)
	}
	srv.SetMember(group, bob, telegramfake.StatusMember)
	srv.SendCommand(group, bob, "next", "")
	round, err := srv.WaitMessages(ctx, group.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.SendMedia(group, bob, telegramfake.Upload{Kind: "sticker", Data: []byte("s"), ReplyTo: round[0].MessageID}); err != nil {
		t.Fatal(err)
	}
	note, err := srv.WaitMessages(ctx, bob.ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(note[1].PlainText, "📎") {
		t.Errorf("sticker in the round: %q", note[1].PlainText)
	}
	if _, err := srv.SendMedia(group, bob, telegramfake.Upload{Kind: "voice", Data: readOgg(t), Duration: 4, ReplyTo: round[0].MessageID}); err != nil {
		t.Fatal(err)
	}
	fb, err := srv.WaitMessages(ctx, bob.ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fb[2].PlainText, "3 of 3 key points covered") || !strings.Contains(fb[2].PlainText, "🎙 How you said it") {
		t.Errorf("round feedback: %q", fb[2].PlainText)
	}
	if n := len(srv.Messages(group.ID)); n != 1 {
		t.Errorf("the group got %d messages, want the round question only", n)
	}
}

// TestRealSpeechOnTelegram sends speech synthesized by espeak-ng (as a
// WAV file, and as Ogg Opus when opusenc is there) through the Telegram
// fake. The transcription service is the fake (it hears a fixed text), but
// the file path, the bytes, the content types and the durations are real:
// no duration comes from Telegram, so the core reads them from the files.
func TestRealSpeechOnTelegram(t *testing.T) {
	espeak, err := exec.LookPath("espeak-ng")
	if err != nil {
		if os.Getenv("INTERVIEWBOT_REQUIRE_ESPEAK") != "" {
			t.Fatal("espeak-ng is not installed (.ci/run installs it)")
		}
		t.Skip("espeak-ng is not installed: apt-get install espeak-ng")
	}
	dir := t.TempDir()
	wavPath := filepath.Join(dir, "answer.wav")
	out, err := exec.Command(espeak, "-v", "cmn", "-s", "170", "-w", wavPath, "快照依赖原始存储，不能替代备份。备份是独立的副本，可以跨区域保存。").CombinedOutput()
	if err != nil {
		t.Fatalf("espeak-ng: %v\n%s", err, out)
	}
	wav, err := os.ReadFile(wavPath)
	if err != nil {
		t.Fatal(err)
	}
	// espeak-ng writes a 44-byte header: the byte rate at 28, the data
	// size at 40.
	want := float64(binary.LittleEndian.Uint32(wav[40:44])) / float64(binary.LittleEndian.Uint32(wav[28:32]))
	if want < 2 || want > 30 {
		t.Fatalf("espeak-ng made %.2fs of speech", want)
	}
	uploads := []telegramfake.Upload{{Kind: "audio", Data: wav, FileName: "answer.wav", MimeType: "audio/x-wav"}}
	if opusenc, err := exec.LookPath("opusenc"); err == nil {
		oggPath := filepath.Join(dir, "answer.ogg")
		if out, err := exec.Command(opusenc, "--quiet", wavPath, oggPath).CombinedOutput(); err != nil {
			t.Fatalf("opusenc: %v\n%s", err, out)
		}
		ogg, err := os.ReadFile(oggPath)
		if err != nil {
			t.Fatal(err)
		}
		// Sent as a file, so Telegram reports no duration.
		uploads = append(uploads, telegramfake.Upload{Kind: "document", Data: ogg, FileName: "answer.ogg", MimeType: "audio/ogg"})
	} else {
		t.Log("opusenc is not installed: the Ogg Opus leg is left out")
	}
	for _, up := range uploads {
		t.Run(up.FileName, func(t *testing.T) {
			srv := newServer(t)
			v := newVoiceSetup(t, "快照依赖原始存储，不能替代备份。备份是独立的副本，可以跨区域保存。")
			start(t, srv, v.core, nil)
			ctx := waitCtx(t)
			srv.SendCommand(dm, alice, "next", "")
			if _, err := srv.WaitMessages(ctx, alice.ID, 1); err != nil {
				t.Fatal(err)
			}
			if _, err := srv.SendMedia(dm, alice, up); err != nil {
				t.Fatal(err)
			}
			msgs, err := srv.WaitMessages(ctx, alice.ID, 2)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(msgs[1].PlainText, "覆盖 3/3") {
				t.Errorf("feedback: %q", msgs[1].PlainText)
			}
			reqs := v.speech.Requests()
			if len(reqs) != 1 || string(reqs[0].File) != string(up.Data) || reqs[0].FileName != up.FileName || reqs[0].FileType != up.MimeType {
				t.Fatalf("transcription requests: %d, %s %s", len(reqs), reqs[0].FileName, reqs[0].FileType)
			}
			if d := srv.Downloads(); len(d) != 1 || filepath.Ext(d[0]) != filepath.Ext(up.FileName) {
				t.Errorf("downloaded %v", d)
			}
			atts, err := v.db.Attempts(ctx, "telegram:1001")
			if err != nil || len(atts) != 1 || atts[0].Spoken == nil {
				t.Fatalf("attempts %+v %v", atts, err)
			}
			// Opus counts at 48 kHz after a pre-skip: within 30 ms of the WAV.
			if got := atts[0].Spoken.Seconds; got < want-0.03 || got > want+0.03 {
				t.Errorf("duration = %.2fs, want the file's %.2fs", got, want)
			}
		})
	}
}
