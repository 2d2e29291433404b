package engine_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/bot/speech"
)

// BenchmarkStatsSpoken measures /stats for a person with spoken answers
// among 1,000 to 100,000 attempts: the delivery trend comes from the
// person's summary, so /stats does not grow with the attempts.
func BenchmarkStatsSpoken(b *testing.B) {
	const questions = 1000
	bk := benchBank(b, questions)
	for _, attempts := range []int{1000, 100000} {
		b.Run(fmt.Sprintf("attempts=%d", attempts), func(b *testing.B) {
			ctx := b.Context()
			core, db := benchStore(b, bk)
			user, _ := seedProgress(b, ctx, db, bk, attempts, questions)
			user.Spoken = &bot.SpokenTrend{Count: 12, Graded: 12, CoverageSum: 6}
			for i := range 12 {
				user.Spoken.Recent = append(user.Spoken.Recent, bot.SpokenPoint{Unit: "char", PerMinute: 200 + float64(i), FillersPerMinute: 6 - float64(i)/3})
			}
			if err := db.PutUser(ctx, user); err != nil {
				b.Fatal(err)
			}
			ev := bot.Event{Kind: bot.EventCommand, Command: "stats", Chat: benchChat, User: benchUser, Trusted: true}
			if rs := core.Handle(ctx, ev); !strings.Contains(text(rs), "🎙") {
				b.Fatalf("no spoken trend: %q", text(rs))
			}
			b.ReportAllocs()
			for b.Loop() {
				core.Handle(ctx, ev)
			}
		})
	}
}

// BenchmarkSpokenAnswer measures handling a voice answer in the core, the
// transcription aside (an instant transcriber): download from memory,
// duration from a 2-minute WAV header, delivery figures on a 2-minute
// transcript, grading without fillers, the attempt committed.
func BenchmarkSpokenAnswer(b *testing.B) {
	bk := benchBank(b, 1000)
	_, db := benchStore(b, bk)
	core, err := engine.New(engine.Config{
		Bank: bk, Store: db, Now: func() time.Time { return benchNow }, Logger: slog.New(slog.DiscardHandler),
		PersonRate: time.Nanosecond, PersonBurst: 1 << 30,
		Transcriber: bot.TranscriberFunc(func(context.Context, speech.Audio) (speech.Transcript, error) {
			return speech.Transcript{Text: strings.Repeat("嗯，我会通过底层校验和文件校验来验证，然后应用层也要校验，就是保证数据一致。", 12)}, nil
		}),
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx := b.Context()
	user, chat := seedProgress(b, ctx, db, bk, 1000, 1000)
	q := bk.Questions()[500]
	wav := wavOf(16000, 120)
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		n++
		if err := db.PutPending(ctx, bot.Pending{ChatKey: chat.Key, UserKey: user.Key, QuestionID: q.ID, AskedAt: benchNow}); err != nil {
			b.Fatal(err)
		}
		ev := bot.Event{Kind: bot.EventMessage, Chat: benchChat, User: benchUser, MessageID: fmt.Sprint("v", n), Trusted: true,
			Media: &bot.Media{Kind: bot.MediaVoice, MIME: "audio/wav", Size: int64(len(wav)), Open: func(context.Context) (io.ReadCloser, error) {
				return io.NopCloser(bytes.NewReader(wav)), nil
			}}}
		if rs := core.Handle(ctx, ev); len(rs) == 0 || rs[len(rs)-1].Kind != bot.KindFeedback {
			b.Fatalf("no feedback: %q", text(rs))
		}
	}
}
