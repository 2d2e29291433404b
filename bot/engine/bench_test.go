package engine_test

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/storage"
)

// benchNow is the benchmarks' clock.
var benchNow = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

// benchBank builds a bank of n questions, each with its own key points.
func benchBank(tb testing.TB, n int) *bank.Bank {
	tb.Helper()
	var sb strings.Builder
	sb.WriteString("questions:\n")
	for i := range n {
		fmt.Fprintf(&sb, "  - prompt: 第%d题：如何保证服务%d的数据一致性？\n    answer: 通过**底层校验%d**、**文件校验**和**应用层校验**，并且**定期演练%d**，保证数据一致。\n", i, i, i, i)
	}
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(sb.String())}}})
	if probs.HasErrors() || b.Len() != n {
		tb.Fatalf("bank of %d: %d questions, %v", n, b.Len(), probs)
	}
	return b
}

// benchStore opens a store in a temporary directory and a bot over it,
// with the flood limit out of the way.
func benchStore(tb testing.TB, bk *bank.Bank) (*engine.Bot, *storage.DB) {
	tb.Helper()
	db, err := storage.Open(filepath.Join(tb.TempDir(), "bench.db"), storage.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	b, err := engine.New(engine.Config{
		Bank: bk, Store: db, Now: func() time.Time { return benchNow }, Logger: slog.New(slog.DiscardHandler),
		PersonRate: time.Nanosecond, PersonBurst: 1 << 30,
	})
	if err != nil {
		tb.Fatal(err)
	}
	return b, db
}

// benchPerson is the one person of the benchmarks, in a private chat.
var (
	benchUser = bot.User{Platform: bot.Telegram, ID: "7", Name: "Ada"}
	benchChat = bot.Chat{Platform: bot.Telegram, ID: "7", Kind: bot.Private}
)

// seedProgress records attempts answers of the person, spread over the
// first cards questions of the bank (attempt i answers question i mod
// cards), so the store holds that many attempts and cards. Every card is
// a review due in the next month: selection reads and sorts them all, then
// looks for a new question. Writers run concurrently to share
// transactions.
func seedProgress(tb testing.TB, ctx context.Context, db *storage.DB, bk *bank.Bank, attempts, cards int) (bot.UserRecord, bot.ChatRecord) {
	tb.Helper()
	user := bot.UserRecord{Key: benchUser.Key(), Platform: bot.Telegram, ID: benchUser.ID, Name: benchUser.Name, Started: true, Created: benchNow}
	chat := bot.ChatRecord{Key: benchChat.Key(), Platform: bot.Telegram, ID: benchChat.ID, Kind: bot.Private, Owner: user.Key}
	if err := db.PutChat(ctx, chat); err != nil {
		tb.Fatal(err)
	}
	reply := strings.Repeat("通过底层校验和文件校验保证数据一致，", 12)
	qs := bk.Questions()
	const writers = 1000
	var wg sync.WaitGroup
	for w := range min(writers, attempts) {
		wg.Go(func() {
			for i := w; i < attempts; i += writers {
				q := qs[i%cards]
				card := fsrs.NewCard()
				card.State, card.Reps, card.Stability, card.Difficulty = fsrs.Review, 3, 12.5, 5.1
				card.LastReview, card.Due = benchNow.AddDate(0, 0, -3), benchNow.AddDate(0, 0, 1+i%30)
				c := bot.AttemptCommit{
					Attempt: bot.Attempt{UserKey: user.Key, ChatKey: chat.Key, QuestionID: q.ID, Time: benchNow, Kind: bot.AttemptAnswer,
						Reply: reply, Coverage: 0.5, Covered: []string{"文件校验"}, Missed: []string{"定期演练"}, Suggested: 3, Rating: 3},
					Card: &bot.ReviewCard{UserKey: user.Key, QuestionID: q.ID, Card: card, Attempts: 1 + i/cards, LastCoverage: 0.5, BestCoverage: 0.5, LastAt: benchNow},
					User: user,
				}
				if _, err := db.RecordAttempt(ctx, c); err != nil {
					tb.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if tb.Failed() {
		tb.FailNow()
	}
	return user, chat
}

// BenchmarkSelection measures choosing the next question (what /next and
// a push do) against the size of the bank, for a person with 100 cards and
// for a person with a card for every question. Selection reads the IDs of
// the person's cards and, through the due index, only the cards before the
// first review that qualifies, so it follows their number (about 1 µs a
// card), not the bank's size.
func BenchmarkSelection(b *testing.B) {
	for _, size := range []struct{ bank, cards int }{
		{100, 100}, {1000, 100}, {10000, 100},
		{1000, 1000}, {10000, 10000},
	} {
		b.Run(fmt.Sprintf("bank=%d/cards=%d", size.bank, size.cards), func(b *testing.B) {
			bk := benchBank(b, size.bank)
			core, db := benchStore(b, bk)
			user, chat := seedProgress(b, b.Context(), db, bk, size.cards, size.cards)
			b.ReportAllocs()
			for b.Loop() {
				if id, err := core.PickQuestion(b.Context(), user, chat); err != nil || id == "" {
					b.Fatalf("PickQuestion = %q, %v", id, err)
				}
			}
		})
	}
}

// BenchmarkStoreSize measures selection and the handling of an answer (a
// reply to the question message: grading, the card, the attempt committed
// to disk, the feedback) for a person with 1,000 to 100,000 attempts over
// a bank of 1,000 questions, each with its card. Neither reads the
// attempts, so neither grows with them. The setup of 100,000 attempts
// takes a few seconds.
func BenchmarkStoreSize(b *testing.B) {
	const questions = 1000
	bk := benchBank(b, questions)
	q := bk.Questions()[questions/2]
	answer := "我会通过底层校验和文件校验来验证，应用层也要校验，保证数据一致。"
	for _, attempts := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("attempts=%d", attempts), func(b *testing.B) {
			ctx := b.Context()
			core, db := benchStore(b, bk)
			user, chat := seedProgress(b, ctx, db, bk, attempts, questions)
			b.Run("selection", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if id, err := core.PickQuestion(ctx, user, chat); err != nil || id == "" {
						b.Fatalf("PickQuestion = %q, %v", id, err)
					}
				}
			})
			b.Run("answer", func(b *testing.B) {
				m := bot.QuestionMessage{ChatKey: chat.Key, MessageID: "q1", QuestionID: q.ID, UserKey: user.Key, SentAt: benchNow}
				if err := db.PutQuestionMessage(ctx, m); err != nil {
					b.Fatal(err)
				}
				ev := bot.Event{Kind: bot.EventMessage, Chat: benchChat, User: benchUser, Text: answer, MessageID: "a1", ReplyTo: "q1"}
				if rs := core.Handle(ctx, ev); len(rs) == 0 || rs[len(rs)-1].Kind != bot.KindFeedback {
					b.Fatalf("no feedback: %q", text(rs))
				}
				b.ReportAllocs()
				n := 1
				for b.Loop() {
					// A new message each time: the same one again would be
					// recognised as a redelivery and not recorded.
					n++
					ev.MessageID = "a" + strconv.Itoa(n)
					core.Handle(ctx, ev)
				}
			})
		})
	}
}
