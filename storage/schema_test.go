package storage_test

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/storage"
)

// writeV0 builds a version-0 file by hand: no meta bucket, all attempts in
// one flat bucket keyed user\0id, an outbox without its index.
func writeV0(t *testing.T, path string) {
	t.Helper()
	b, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	put := func(bk *bbolt.Bucket, k []byte, v any) {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if err := bk.Put(k, data); err != nil {
			t.Fatal(err)
		}
	}
	attKey := func(user string, id uint64) []byte {
		return binary.BigEndian.AppendUint64(append([]byte(user), 0), id)
	}
	err = b.Update(func(tx *bbolt.Tx) error {
		users, _ := tx.CreateBucket([]byte("users"))
		put(users, []byte("telegram:1"), user("telegram:1"))
		put(users, []byte("telegram:2"), user("telegram:2"))
		chats, _ := tx.CreateBucket([]byte("chats"))
		put(chats, []byte("telegram:1"), privateChat("telegram:1"))
		atts, _ := tx.CreateBucket([]byte("attempts"))
		// IDs came from the flat bucket's sequence, shared by all users.
		for id, a := range map[uint64]bot.Attempt{
			1: {UserKey: "telegram:1", QuestionID: "q1", Reply: "first", Kind: bot.AttemptAnswer},
			2: {UserKey: "telegram:2", QuestionID: "q1", Reply: "other", Kind: bot.AttemptAnswer},
			3: {UserKey: "telegram:1", QuestionID: "q2", Reply: "second", Kind: bot.AttemptAnswer},
		} {
			a.ID = id
			put(atts, attKey(a.UserKey, id), a)
		}
		if err := atts.SetSequence(3); err != nil {
			return err
		}
		cards, _ := tx.CreateBucket([]byte("cards"))
		uc, _ := cards.CreateBucket([]byte("telegram:1"))
		put(uc, []byte("q1"), bot.ReviewCard{UserKey: "telegram:1", QuestionID: "q1", Attempts: 1})
		tx.CreateBucket([]byte("pending"))
		tx.CreateBucket([]byte("qmsgs"))
		ob, _ := tx.CreateBucket([]byte("outbox"))
		put(ob, []byte("waiting"), delivery("waiting", t0))
		sent := delivery("sent", t0)
		sent.Done = true
		put(ob, []byte("sent"), sent)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestMigrateFromV0(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	writeV0(t, path)
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := t.Context()

	atts, err := db.Attempts(ctx, "telegram:1")
	if err != nil {
		t.Fatal(err)
	}
	var replies []string
	for _, a := range atts {
		replies = append(replies, a.Reply)
	}
	if !slices.Equal(replies, []string{"first", "second"}) || atts[1].ID != 3 {
		t.Errorf("migrated attempts = %+v", atts)
	}
	if a, err := db.Attempt(ctx, "telegram:2", 2); err != nil || a.Reply != "other" {
		t.Errorf("Attempt(telegram:2, 2) = %+v, %v", a, err)
	}
	// New IDs continue after the user's highest.
	next, err := db.RecordAttempt(ctx, answer(user("telegram:1"), "telegram:1", "q3", "third", 0.5))
	if err != nil || next.ID != 4 {
		t.Errorf("first new attempt: ID %d, %v; want 4", next.ID, err)
	}
	if c, err := db.Card(ctx, "telegram:1", "q1"); err != nil || c.Attempts != 1 {
		t.Errorf("card kept = %+v, %v", c, err)
	}
	due, err := db.DueDeliveries(ctx, t0, 10)
	if err != nil || len(due) != 1 || due[0].ID != "waiting" {
		t.Errorf("due after migration = %v, %v; want the waiting delivery", ids(due), err)
	}
	if n, _ := db.OutboxDepth(ctx); n != 1 {
		t.Errorf("depth = %d, want 1", n)
	}
	// Opening again is a no-op at the current version.
	db = reopen(t, db)
	if atts, _ := db.Attempts(ctx, "telegram:1"); len(atts) != 3 {
		t.Errorf("after reopen: %d attempts, want 3", len(atts))
	}
	assertVersion(t, db, storage.SchemaVersion)
}

// assertVersion closes db and checks the version stored in its file.
func assertVersion(t *testing.T, db *storage.DB, want uint64) {
	t.Helper()
	must(t, db.Close())
	b, err := bbolt.Open(db.Path(), 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	b.View(func(tx *bbolt.Tx) error {
		v := tx.Bucket([]byte("meta")).Get([]byte("version"))
		if len(v) != 8 || binary.BigEndian.Uint64(v) != want {
			t.Errorf("stored version = %x, want %d", v, want)
		}
		return nil
	})
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	db := openTemp(t)
	assertVersion(t, db, storage.SchemaVersion)
	b, err := bbolt.Open(db.Path(), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bbolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("version"), binary.BigEndian.AppendUint64(nil, storage.SchemaVersion+1))
	})
	must(t, err)
	must(t, b.Close())

	_, err = storage.Open(db.Path(), storage.Options{})
	if !errors.Is(err, storage.ErrSchemaTooNew) {
		t.Fatalf("Open of a newer file: err = %v, want ErrSchemaTooNew", err)
	}
	if !strings.Contains(err.Error(), db.Path()) || !strings.Contains(err.Error(), fmt.Sprintf("version %d", storage.SchemaVersion+1)) {
		t.Errorf("message %q names neither the file nor its version", err)
	}
	// The refused file is untouched, and the lock was released.
	b, err = bbolt.Open(db.Path(), 0o600, &bbolt.Options{Timeout: 1e9})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	b.View(func(tx *bbolt.Tx) error {
		if v := tx.Bucket([]byte("meta")).Get([]byte("version")); binary.BigEndian.Uint64(v) != storage.SchemaVersion+1 {
			t.Errorf("version rewritten to %x", v)
		}
		return nil
	})
}

// A file of schema version 4 (no message index) gets the index built from
// its attempts when opened, so an answer recorded before the upgrade and
// delivered again after it is still recognised: the fixture written by the
// v5 code, without the bucket version 5 added.
func TestMigrationIndexesAttemptsByMessage(t *testing.T) {
	path := fixtureCopy(t)
	downgrade(t, path, 4, "attempt_msgs")
	db, err := storage.Open(path, storage.Options{})
	must(t, err)
	t.Cleanup(func() { db.Close() })
	ctx := t.Context()
	want := goldenSnapshot(t).ByMessage
	if got := snapshot(t, ctx, db).ByMessage; !reflect.DeepEqual(got, want) || len(got) < 10 {
		t.Errorf("attempts by message after migration = %v, want %v", got, want)
	}
	if a, err := db.AttemptByMessage(ctx, "telegram:1", "telegram:1", "110"); err != nil || a.ID != 11 {
		t.Errorf("the last answer from a message: attempt %d, %v; want 11", a.ID, err)
	}
	if _, err := db.AttemptByMessage(ctx, "telegram:1", "telegram:1", ""); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("no message: err = %v", err)
	}
	assertVersion(t, db, storage.SchemaVersion)
}
