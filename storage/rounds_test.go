package storage_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/storage"
)

func TestRounds(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	g := groupChat("telegram:-9")
	must(t, db.PutChat(ctx, g))
	if _, err := db.OpenRound(ctx, g.Key); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("no round yet: %v", err)
	}
	r := bot.Round{ChatKey: g.Key, ID: "s-2026-11-25T01:00:00Z", QuestionID: "q1", StartedAt: t0, CloseAt: t0.Add(12 * time.Hour)}
	got, err := db.StartRound(ctx, r)
	if err != nil || got.QuestionID != "q1" {
		t.Fatalf("start: %+v %v", got, err)
	}
	// Starting again with the same ID returns the round as it is.
	again := r
	again.QuestionID = "other"
	if got, err := db.StartRound(ctx, again); err != nil || got.QuestionID != "q1" {
		t.Errorf("restart: %+v %v", got, err)
	}
	must(t, db.SetRoundMessage(ctx, g.Key, r.ID, "777"))
	open, err := db.OpenRound(ctx, g.Key)
	if err != nil || open.ID != r.ID || open.MessageID != "777" {
		t.Fatalf("open round %+v %v", open, err)
	}

	// Answers: the latest of a member counts, written with the attempt.
	ada, bob := user("telegram:1"), user("telegram:2")
	for i, c := range []struct {
		u   bot.UserRecord
		cov float64
	}{{ada, 0.3}, {ada, 0.9}, {bob, 0.5}} {
		commit := answer(c.u, g.Key, "q1", "reply", c.cov)
		commit.Round = &bot.RoundAnswerRef{ChatKey: g.Key, RoundID: r.ID, Answer: bot.RoundAnswer{Name: c.u.Name, Coverage: c.cov, At: t0}}
		if _, err := db.RecordAttempt(ctx, commit); err != nil {
			t.Fatalf("answer %d: %v", i, err)
		}
	}
	got, _ = db.Round(ctx, g.Key, r.ID)
	if len(got.Answers) != 2 || got.Answers[ada.Key].Coverage != 0.9 || got.Answers[ada.Key].AttemptID != 2 || got.Answers[bob.Key].UserKey != bob.Key {
		t.Errorf("answers %+v", got.Answers)
	}

	if due, _ := db.DueRounds(ctx, t0.Add(time.Hour)); len(due) != 0 {
		t.Errorf("due too early: %v", due)
	}
	due, err := db.DueRounds(ctx, t0.Add(13*time.Hour))
	if err != nil || len(due) != 1 {
		t.Fatalf("due %v %v", due, err)
	}
	// Closing is once, with its summary in the outbox, even when raced.
	summary := bot.Delivery{ID: "summary/" + g.Key + "/" + r.ID, Chat: bot.Chat{Platform: bot.Telegram, ID: "-9", Kind: bot.Group}, NextTry: t0}
	var wg sync.WaitGroup
	var mu sync.Mutex
	closed := 0
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := db.CloseRound(ctx, g.Key, r.ID, t0.Add(13*time.Hour), &summary)
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				closed++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if closed != 1 {
		t.Errorf("closed %d times", closed)
	}
	if n, _ := db.OutboxDepth(ctx); n != 1 {
		t.Errorf("summaries enqueued: %d", n)
	}
	if _, err := db.OpenRound(ctx, g.Key); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("still open: %v", err)
	}
	// An answer after the close still counts for the person, not the round.
	late := answer(bob, g.Key, "q1", "late", 1)
	late.Round = &bot.RoundAnswerRef{ChatKey: g.Key, RoundID: r.ID, Answer: bot.RoundAnswer{Coverage: 1, At: t0}}
	if _, err := db.RecordAttempt(ctx, late); err != nil {
		t.Fatal(err)
	}
	got, _ = db.Round(ctx, g.Key, r.ID)
	if got.Answers[bob.Key].Coverage != 0.5 || !got.Closed {
		t.Errorf("a closed round changed: %+v", got)
	}
	rounds, err := db.Rounds(ctx, g.Key)
	if err != nil || len(rounds) != 1 {
		t.Errorf("rounds %v %v", rounds, err)
	}
}

func TestForgetRemovesRoundAnswers(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	g := groupChat("telegram:-9")
	must(t, db.PutChat(ctx, g))
	r := bot.Round{ChatKey: g.Key, ID: "n-1", QuestionID: "q1", StartedAt: t0, CloseAt: t0.Add(time.Hour)}
	if _, err := db.StartRound(ctx, r); err != nil {
		t.Fatal(err)
	}
	gone, kept := user("telegram:31337"), user("telegram:2")
	gone.Name = "Zebulon-Unique-Name"
	for _, u := range []bot.UserRecord{gone, kept} {
		c := answer(u, g.Key, "q1", "reply of "+u.Name, 0.5)
		c.Round = &bot.RoundAnswerRef{ChatKey: g.Key, RoundID: r.ID, Answer: bot.RoundAnswer{Name: u.Name, Coverage: 0.5, At: t0}}
		if _, err := db.RecordAttempt(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	must(t, db.ForgetUser(ctx, gone.Key))
	got, _ := db.Round(ctx, g.Key, r.ID)
	if _, ok := got.Answers[gone.Key]; ok || len(got.Answers) != 1 {
		t.Errorf("answers after forget: %+v", got.Answers)
	}
	must(t, db.Close())
	raw, err := os.ReadFile(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("Zebulon-Unique-Name")) || bytes.Contains(raw, []byte("31337")) {
		t.Error("the forgotten member's name or id is still in the file")
	}
	if !bytes.Contains(raw, []byte("reply of "+kept.Name)) {
		t.Error("the other member's answer is gone")
	}
}

// TestMigrateFromV1 opens a version-1 file (no round or session buckets)
// and finds it upgraded to the current version with its data intact.
func TestMigrateFromV1(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	u := user("telegram:1")
	if _, err := db.RecordAttempt(ctx, answer(u, u.Key, "q1", "kept", 0.5)); err != nil {
		t.Fatal(err)
	}
	must(t, db.Close())
	b, err := bbolt.Open(db.Path(), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	must(t, b.Update(func(tx *bbolt.Tx) error {
		for _, name := range []string{"rounds", "rounds_open", "sessions"} {
			if err := tx.DeleteBucket([]byte(name)); err != nil {
				return err
			}
		}
		return tx.Bucket([]byte("meta")).Put([]byte("version"), binary.BigEndian.AppendUint64(nil, 1))
	}))
	must(t, b.Close())

	db2, err := storage.Open(db.Path(), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db2.Close() })
	if atts, _ := db2.Attempts(ctx, u.Key); len(atts) != 1 || atts[0].Reply != "kept" {
		t.Errorf("attempts after migration %+v", atts)
	}
	g := groupChat("telegram:-9")
	must(t, db2.PutChat(ctx, g))
	if _, err := db2.StartRound(ctx, bot.Round{ChatKey: g.Key, ID: "n-1", QuestionID: "q1", StartedAt: t0, CloseAt: t0}); err != nil {
		t.Errorf("rounds after migration: %v", err)
	}
	assertVersion(t, db2, storage.SchemaVersion)
}
