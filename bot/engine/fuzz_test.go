package engine_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/bot/speech"
	"github.com/interviewbot/interviewbot/storage"
)

// FuzzHandle sends the core any event a platform could deliver: any
// command with any arguments, any button data, any text, any media (bit 3
// of kind; the recording's bytes are the action, which the transcriber
// hears as its transcript), in a private chat or a group. It must never panic, and what it returns must be sendable:
// valid UTF-8, button actions within Telegram's 64 bytes.
func FuzzHandle(f *testing.F) {
	seeds := []struct {
		kind                        uint8
		group                       bool
		command, args, action, text string
	}{
		{1, false, "next", "", "", ""},
		{0, false, "", "", "", "RPO 是能丢多少数据"},
		{1, false, "subscribe", "25:99 funday Mars/Base", "", ""},
		{1, true, "subscribe", "09:00 mon-fri Asia/Shanghai", "", ""},
		{1, false, "interview", "999999999999 量子力学", "", ""},
		{1, false, "rate", "\x00\xff", "", ""},
		{2, false, "", "", "rate:18446744073709551615:9", ""},
		{2, false, "", "", "answer:rpo", "\xff\xfe<b>&amp;"},
		{2, true, "", "", "ref:::::", ""},
		{2, false, "", "", "forget:yes", ""},
		{1, false, "topic", strings.Repeat("长", 5000), "", ""},
		{1, true, "reveal", "", "", ""},
		{1, false, "lang", "en", "", ""},
		{0, true, "", "", "", "👍"},
		{8, false, "audio/ogg", "voice.ogg", "嗯，RPO 就是能丢多少数据，然后 RTO 是多久恢复", ""},
		{8 | 1<<4, true, "", strings.Repeat("x", 400), "\xff um uh", "caption"},
		{8 | 3<<4, false, "", "", "", ""},
	}
	for _, s := range seeds {
		f.Add(s.kind, s.group, s.command, s.args, s.action, s.text)
	}
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(testBank)}}})
	if probs.HasErrors() {
		f.Fatal(probs)
	}
	db, err := storage.Open(filepath.Join(f.TempDir(), "fuzz.db"), storage.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	clock := &clock{t: time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)}
	hear := bot.TranscriberFunc(func(_ context.Context, a speech.Audio) (speech.Transcript, error) {
		return speech.Transcript{Text: string(a.Data)}, nil
	})
	core, err := engine.New(engine.Config{Bank: b, Store: db, Now: clock.Now, Logger: slog.New(slog.DiscardHandler), PersonBurst: 1 << 30, Transcriber: hear})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, kind uint8, group bool, command, args, action, text string) {
		clock.Add(time.Minute)
		chat := bot.Chat{Platform: bot.Telegram, ID: "1", Kind: bot.Private}
		if group {
			chat = bot.Chat{Platform: bot.Telegram, ID: "-1", Kind: bot.Group}
		}
		ev := bot.Event{
			Kind: bot.EventKind(kind % 4), Chat: chat, User: bot.User{Platform: bot.Telegram, ID: "1", Name: "F"},
			Command: command, Args: args, Action: action, Text: text, Admin: kind%2 == 0, MessageID: "9", ReplyTo: args,
		}
		if kind&8 != 0 {
			kinds := []bot.MediaKind{bot.MediaVoice, bot.MediaAudio, bot.MediaVideoNote, bot.MediaSticker, bot.MediaPhoto, bot.MediaOther}
			data := []byte(action)
			ev.Media = &bot.Media{Kind: kinds[int(kind>>4)%len(kinds)], Name: args, MIME: command, Duration: time.Duration(len(args)) * time.Second,
				Open: func(context.Context) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
		}
		for _, r := range core.Handle(t.Context(), ev) {
			if s := r.Text.Plain(); !utf8.ValidString(s) {
				t.Errorf("reply is not valid UTF-8: %q", s)
			}
			for _, row := range r.Buttons {
				for _, btn := range row {
					if len(btn.Action) > 64 || !utf8.ValidString(btn.Label) {
						t.Errorf("button %+v", btn)
					}
				}
			}
		}
	})
}
