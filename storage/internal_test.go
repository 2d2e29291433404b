package storage

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
)

func openInternal(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "bot.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// putRaw writes raw bytes under a key of a top-level bucket.
func putRaw(t testing.TB, db *DB, name string, key, value []byte) {
	t.Helper()
	err := db.bolt.Update(func(tx *bbolt.Tx) error { return tx.Bucket([]byte(name)).Put(key, value) })
	if err != nil {
		t.Fatal(err)
	}
}

func TestCorruptValueNamesBucketAndKey(t *testing.T) {
	db := openInternal(t)
	ctx := t.Context()
	putRaw(t, db, bucketUsers, []byte("telegram:13"), []byte("{not json"))
	putRaw(t, db, bucketChats, []byte("telegram:-13"), []byte(`{"key": 5}`))
	putRaw(t, db, bucketOutbox, []byte("d13"), []byte(`[`))
	putRaw(t, db, bucketOutboxDue, dueKey(time.Time{}, "d13"), nil)

	tests := []struct {
		name, want string
		call       func() error
	}{
		{"User", `users["telegram:13"]`, func() error { _, err := db.User(ctx, "telegram:13"); return err }},
		{"Subscriptions", `chats["telegram:-13"]`, func() error { _, err := db.Subscriptions(ctx); return err }},
		{"DueDeliveries", `outbox["d13"]`, func() error { _, err := db.DueDeliveries(ctx, time.Now(), 5); return err }},
		{"ForgetUser", `chats["telegram:-13"]`, func() error { return db.ForgetUser(ctx, "telegram:13") }},
	}
	for _, tt := range tests {
		err := tt.call()
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want ErrCorrupt naming %s", tt.name, err, tt.want)
		}
	}
}

// TestRecordAttemptAtomic makes the last step of RecordAttempt fail (the
// pending row it closes is corrupt) and checks that the steps before it
// were rolled back with it.
func TestRecordAttemptAtomic(t *testing.T) {
	db := openInternal(t)
	ctx := t.Context()
	u := bot.UserRecord{Key: "telegram:1", Answered: 0}
	if err := db.PutUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	putRaw(t, db, bucketPending, pairKey("telegram:1", "telegram:1"), []byte("garbage"))

	u.Answered = 1
	_, err := db.RecordAttempt(ctx, bot.AttemptCommit{
		Attempt: bot.Attempt{QuestionID: "q1", Reply: "lost"},
		Card:    &bot.ReviewCard{QuestionID: "q1", Attempts: 1},
		User:    u,
		Pending: &bot.Pending{ChatKey: "telegram:1", UserKey: "telegram:1", QuestionID: "q1"},
	})
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("err = %v, want ErrCorrupt", err)
	}
	if atts, _ := db.Attempts(ctx, u.Key); len(atts) != 0 {
		t.Errorf("attempt kept: %+v", atts)
	}
	if _, err := db.Card(ctx, u.Key, "q1"); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("card kept: err = %v", err)
	}
	if got, _ := db.User(ctx, u.Key); got.Answered != 0 {
		t.Errorf("user totals updated: %+v", got)
	}
	// The failed transaction did not use up an ID.
	att, err := db.RecordAttempt(ctx, bot.AttemptCommit{Attempt: bot.Attempt{QuestionID: "q1"}, User: u})
	if err != nil || att.ID != 1 {
		t.Errorf("next attempt: ID %d, %v; want 1", att.ID, err)
	}
}

func TestTimeKeyOrder(t *testing.T) {
	times := []time.Time{
		{},
		time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Unix(0, 0),
		time.Unix(0, 1),
		time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC),
		time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	for i := 1; i < len(times); i++ {
		if timeKey(times[i-1]) > timeKey(times[i]) {
			t.Errorf("timeKey(%v) > timeKey(%v)", times[i-1], times[i])
		}
	}
}
