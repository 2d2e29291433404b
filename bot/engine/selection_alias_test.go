package engine_test

import (
	"log/slog"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/storage"
)

// Progress kept under an alias ID of a merged question (recorded before
// two notes were found to be one question) counts for that question, and
// once the question's own card exists, the old one is ignored.
func TestSelectionWithCardsUnderAliasIDs(t *testing.T) {
	// The same answer (long enough to be a repetition, not a coincidence)
	// under two prompts: one question.
	answer := "RPO 是**恢复点目标**，指灾难发生时最多能丢失多少数据；RTO 是**恢复时间目标**，指业务多久能恢复。两者共同决定**备份频率**和容灾方案的成本。\n"
	fs := fstest.MapFS{
		"a.md":     {Data: []byte("1. 什么是 RPO 和 RTO？\n" + answer)},
		"b.md":     {Data: []byte("1. 解释一下 RPO、RTO 这两个指标\n" + answer)},
		"other.md": {Data: []byte("1. 什么是 MVCC？\n**多版本并发控制**让读不阻塞写。\n")},
	}
	bk, probs := bank.Load(bank.Input{FS: fs})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	var merged *bank.Question
	for _, q := range bk.Questions() {
		if len(q.AliasIDs) > 0 {
			merged = q
		}
	}
	if merged == nil || bk.Len() != 2 {
		t.Fatalf("want two questions, one merged with an alias; got %d", bk.Len())
	}
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	db, err := storage.Open(filepath.Join(t.TempDir(), "bot.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	core, err := engine.New(engine.Config{Bank: bk, Store: db, Now: func() time.Time { return now }, NewPerDay: 1, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	user := bot.UserRecord{Key: "telegram:7", Platform: bot.Telegram, ID: "7", Started: true, Created: now,
		NewDay: now.Format("2006-01-02"), NewCount: 1} // no new question today
	chat := bot.ChatRecord{Key: "telegram:7", Platform: bot.Telegram, ID: "7", Kind: bot.Private, Owner: user.Key}
	put := func(id string, due time.Time) {
		t.Helper()
		c := fsrs.NewCard()
		c.State, c.Due, c.LastReview = fsrs.Review, due, now.AddDate(0, 0, -5)
		_, err := db.RecordAttempt(ctx, bot.AttemptCommit{
			Attempt: bot.Attempt{QuestionID: id, Time: now, Kind: bot.AttemptAnswer},
			Card:    &bot.ReviewCard{UserKey: user.Key, QuestionID: id, Card: c}, User: user,
		})
		if err != nil {
			t.Fatal(err)
		}
	}

	// Only the alias card: it is the question's progress, and it is due.
	put(merged.AliasIDs[0], now.Add(-time.Hour))
	if id, due, err := core.PickDue(ctx, user, chat); err != nil || id != merged.ID || !due {
		t.Errorf("with an overdue card under the alias: picked %q (due %v, %v), want %q due", id, due, err, merged.ID)
	}
	// The question's own card, due next week, is what counts now.
	put(merged.ID, now.AddDate(0, 0, 7))
	if id, due, err := core.PickDue(ctx, user, chat); err != nil || id != merged.ID || due {
		t.Errorf("picked %q (due %v, %v): want %q, the only review, not due (the stale alias card is ignored)", id, due, err, merged.ID)
	}
}
