package storage_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/storage"
)

// recordDue records an answer to q whose card falls due at due.
func recordDue(t *testing.T, db *storage.DB, u bot.UserRecord, q string, due time.Time) {
	t.Helper()
	c := answer(u, u.Key, q, "reply", 0.5)
	c.Card.Card.Due = due
	_, err := db.RecordAttempt(t.Context(), c)
	must(t, err)
}

// byDue lists a user's card IDs in the order CardsByDue hands them over,
// stopping after limit (0: all).
func byDue(t *testing.T, db *storage.DB, userKey string, limit int) []string {
	t.Helper()
	var got []string
	must(t, db.CardsByDue(t.Context(), userKey, func(c bot.ReviewCard) bool {
		got = append(got, c.QuestionID)
		return limit == 0 || len(got) < limit
	}))
	return got
}

func TestCardsByDue(t *testing.T) {
	db := openTemp(t)
	u, other := user("telegram:1"), user("telegram:2")
	recordDue(t, db, u, "q3", t0.Add(3*time.Hour))
	recordDue(t, db, u, "q1", t0.Add(time.Hour))
	recordDue(t, db, u, "q2", t0.Add(2*time.Hour))
	recordDue(t, db, u, "q0", time.Time{}) // never scheduled: first
	recordDue(t, db, other, "q9", t0.Add(-time.Hour))

	if got, want := byDue(t, db, u.Key, 0), []string{"q0", "q1", "q2", "q3"}; !slices.Equal(got, want) {
		t.Errorf("by due = %v, want %v", got, want)
	}
	if got := byDue(t, db, u.Key, 2); !slices.Equal(got, []string{"q0", "q1"}) {
		t.Errorf("stopped after two: %v", got)
	}
	// Answering again moves the card: its old place in the index is gone.
	recordDue(t, db, u, "q1", t0.Add(4*time.Hour))
	if got, want := byDue(t, db, u.Key, 0), []string{"q0", "q2", "q3", "q1"}; !slices.Equal(got, want) {
		t.Errorf("after q1 moved: %v, want %v", got, want)
	}
	// Rerating moves it too.
	c, err := db.Card(t.Context(), u.Key, "q1")
	must(t, err)
	c.Card.Due = t0.Add(30 * time.Minute)
	must(t, db.Rerate(t.Context(), u.Key, 5, 2, c))
	if got, want := byDue(t, db, u.Key, 0), []string{"q0", "q1", "q2", "q3"}; !slices.Equal(got, want) {
		t.Errorf("after rerate: %v, want %v", got, want)
	}
	if ids, err := db.CardIDs(t.Context(), u.Key); err != nil || !slices.Equal(ids, []string{"q0", "q1", "q2", "q3"}) {
		t.Errorf("CardIDs = %v, %v", ids, err)
	}
	if got := byDue(t, db, "telegram:404", 0); len(got) != 0 {
		t.Errorf("unknown user: %v", got)
	}
	// Forgetting a person removes their index too.
	must(t, db.ForgetUser(t.Context(), u.Key))
	if got := byDue(t, db, u.Key, 0); len(got) != 0 {
		t.Errorf("after forget: %v", got)
	}
	if got := byDue(t, db, other.Key, 0); !slices.Equal(got, []string{"q9"}) {
		t.Errorf("the other person's cards: %v", got)
	}
}

// A file of schema version 3 (no due index) gets the index built from its
// cards when opened: the fixture written by the v5 code, without the
// buckets versions 4 and 5 added.
func TestMigrationIndexesCardsByDue(t *testing.T) {
	path := fixtureCopy(t)
	downgrade(t, path, 3, "cards_due", "attempt_msgs")
	db, err := storage.Open(path, storage.Options{})
	must(t, err)
	t.Cleanup(func() { db.Close() })
	if got, want := snapshot(t, t.Context(), db).ByDue, goldenSnapshot(t).ByDue; !reflect.DeepEqual(got, want) {
		t.Errorf("by due after migration = %v, want %v", got, want)
	}
	assertVersion(t, db, storage.SchemaVersion)
}
