package storage_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/storage"
)

// Open a store, record an answer with its card and the person's totals in
// one durable transaction, and read the person's progress back.
func Example() {
	dir, err := os.MkdirTemp("", "interviewbot-example")
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	defer os.RemoveAll(dir)

	db, err := storage.Open(filepath.Join(dir, "interviewbot.db"), storage.Options{LockTimeout: time.Second})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	defer db.Close()
	ctx := context.Background()

	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	u := bot.UserRecord{Key: "telegram:42", Platform: bot.Telegram, ID: "42", Created: now, Answered: 1, CoverageSum: 0.8}
	att, err := db.RecordAttempt(ctx, bot.AttemptCommit{
		Attempt: bot.Attempt{QuestionID: "redis-persistence", Time: now, Kind: bot.AttemptAnswer,
			Reply: "RDB snapshots and the AOF log", Coverage: 0.8, Rating: 3},
		Card: &bot.ReviewCard{QuestionID: "redis-persistence", Attempts: 1, LastCoverage: 0.8, LastAt: now},
		User: u,
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println("attempt", att.ID, "of", att.UserKey)

	cards, err := db.Cards(ctx, u.Key)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Printf("%d card, last coverage %.0f%%\n", len(cards), 100*cards[0].LastCoverage)
	// Output:
	// attempt 1 of telegram:42
	// 1 card, last coverage 80%
}
