package storage_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/storage"
)

// t0 is the tests' clock.
var t0 = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

// openTemp opens a new database in a temporary directory and closes it at
// the end of the test.
func openTemp(t testing.TB) *storage.DB {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "bot.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// reopen closes db and opens its file again.
func reopen(t testing.TB, db *storage.DB) *storage.DB {
	t.Helper()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db2, err := storage.Open(db.Path(), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db2.Close() })
	return db2
}

func user(key string) bot.UserRecord {
	return bot.UserRecord{Key: key, Platform: bot.Telegram, ID: key[len("telegram:"):], Name: "Name of " + key, Created: t0}
}

func privateChat(userKey string) bot.ChatRecord {
	return bot.ChatRecord{Key: userKey, Platform: bot.Telegram, ID: userKey[len("telegram:"):], Kind: bot.Private, Owner: userKey}
}

func groupChat(key string) bot.ChatRecord {
	return bot.ChatRecord{Key: key, Platform: bot.Telegram, ID: key[len("telegram:"):], Kind: bot.Group, Title: "study group"}
}

// answer is a commit of an answer to q by u in chat.
func answer(u bot.UserRecord, chat, q, reply string, coverage float64) bot.AttemptCommit {
	u.Answered++
	u.CoverageSum += coverage
	card := bot.ReviewCard{UserKey: u.Key, QuestionID: q, Attempts: 1, LastCoverage: coverage, BestCoverage: coverage, LastAt: t0}
	card.Card.Reps = 1
	return bot.AttemptCommit{
		Attempt: bot.Attempt{UserKey: u.Key, ChatKey: chat, QuestionID: q, Time: t0, Kind: bot.AttemptAnswer,
			Reply: reply, Coverage: coverage, Suggested: 3, Rating: 3},
		Card: &card,
		User: u,
	}
}

func delivery(id string, next time.Time) bot.Delivery {
	return bot.Delivery{
		ID: id, Chat: bot.Chat{Platform: bot.Telegram, ID: "-100", Kind: bot.Group},
		Reply: bot.Reply{Text: bot.TextOf("question " + id)}, Created: t0, NextTry: next,
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
