package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
)

// heldCommit starts a write whose function waits for release, so that the
// writes started meanwhile queue for the next transaction. It returns the
// channel that lets the held write finish, and the one its error comes on.
func heldCommit(t *testing.T, db *DB) (release chan struct{}, done chan error) {
	t.Helper()
	release, done = make(chan struct{}), make(chan error, 1)
	running := make(chan struct{})
	go func() {
		done <- db.batch(t.Context(), func(tx *bbolt.Tx) error {
			close(running)
			<-release
			return tx.Bucket([]byte(bucketMeta)).Put([]byte("held"), []byte("1"))
		})
	}()
	<-running
	return release, done
}

// waitQueued waits until n writes wait for the next transaction.
func waitQueued(t *testing.T, db *DB, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		db.commits.mu.Lock()
		queued := len(db.commits.queue)
		db.commits.mu.Unlock()
		if queued == n {
			return
		}
	}
	t.Fatalf("%d writes never queued", n)
}

// metaKeys returns the meta keys that start with prefix.
func metaKeys(t *testing.T, db *DB, prefix string) []string {
	t.Helper()
	var keys []string
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		return tx.Bucket([]byte(bucketMeta)).ForEach(func(k, _ []byte) error {
			if strings.HasPrefix(string(k), prefix) {
				keys = append(keys, string(k))
			}
			return nil
		})
	})
	must(t, err)
	return keys
}

// The writes that come while a transaction commits all go into the next
// one: 1 + 20 writes, 2 commits.
func TestWritesDuringACommitShareTheNext(t *testing.T) {
	db := openInternal(t)
	before := db.WriteStats()
	release, held := heldCommit(t, db)
	const n = 20
	errs := make(chan error, n)
	for i := range n {
		go func() {
			errs <- db.batch(t.Context(), func(tx *bbolt.Tx) error {
				return tx.Bucket([]byte(bucketMeta)).Put(fmt.Appendf(nil, "w%02d", i), []byte("1"))
			})
		}()
	}
	waitQueued(t, db, n)
	close(release)
	must(t, <-held)
	for range n {
		must(t, <-errs)
	}
	after := db.WriteStats()
	if w, c := after.Writes-before.Writes, after.Commits-before.Commits; w != n+1 || c != 2 {
		t.Errorf("%d writes in %d commits, want %d in 2", w, c, n+1)
	}
	if keys := metaKeys(t, db, "w"); len(keys) != n {
		t.Errorf("%d writes stored, want %d", len(keys), n)
	}
}

// A write that fails, or panics, is rolled back and gets its own error;
// the other writes of its transaction run again without it and commit.
func TestOneWritesFailureIsItsOwn(t *testing.T) {
	db := openInternal(t)
	errBoom := errors.New("boom")
	release, held := heldCommit(t, db)
	var runs [4]atomic.Int32
	fns := []func(*bbolt.Tx) error{
		func(tx *bbolt.Tx) error { return tx.Bucket([]byte(bucketMeta)).Put([]byte("k0"), []byte("ok")) },
		func(tx *bbolt.Tx) error {
			if err := tx.Bucket([]byte(bucketMeta)).Put([]byte("k1"), []byte("rolled back")); err != nil {
				return err
			}
			return errBoom
		},
		func(tx *bbolt.Tx) error {
			_ = tx.Bucket([]byte(bucketMeta)).Put([]byte("k2"), []byte("rolled back"))
			panic("a bug in one write")
		},
		func(tx *bbolt.Tx) error { return tx.Bucket([]byte(bucketMeta)).Put([]byte("k3"), []byte("ok")) },
	}
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Go(func() {
			errs[i] = db.batch(t.Context(), func(tx *bbolt.Tx) error {
				runs[i].Add(1)
				return fn(tx)
			})
		})
		waitQueued(t, db, i+1) // in this order in the transaction
	}
	close(release)
	must(t, <-held)
	wg.Wait()
	if errs[0] != nil || errs[3] != nil {
		t.Errorf("the good writes failed: %v, %v", errs[0], errs[3])
	}
	if !errors.Is(errs[1], errBoom) {
		t.Errorf("failing write: err = %v, want its own", errs[1])
	}
	if errs[2] == nil || !strings.Contains(errs[2].Error(), "panicked") {
		t.Errorf("panicking write: err = %v", errs[2])
	}
	if keys := metaKeys(t, db, "k"); strings.Join(keys, ",") != "k0,k3" {
		t.Errorf("stored %v, want k0 and k3 only", keys)
	}
	// The first write ran with the failing ones and again without each.
	if r0, r1, r2, r3 := runs[0].Load(), runs[1].Load(), runs[2].Load(), runs[3].Load(); r0 != 3 || r1 != 1 || r2 != 1 || r3 != 1 {
		t.Errorf("runs = %d %d %d %d, want 3 1 1 1", r0, r1, r2, r3)
	}
}

// A backlog larger than maxGroup is committed in several transactions.
func TestGroupsAreBounded(t *testing.T) {
	db := openInternal(t)
	before := db.WriteStats()
	release, held := heldCommit(t, db)
	n := maxGroup + 10
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			err := db.batch(t.Context(), func(tx *bbolt.Tx) error {
				return tx.Bucket([]byte(bucketMeta)).Put(fmt.Appendf(nil, "b%05d", i), nil)
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	waitQueued(t, db, n)
	close(release)
	must(t, <-held)
	wg.Wait()
	after := db.WriteStats()
	if w, c := after.Writes-before.Writes, after.Commits-before.Commits; w != uint64(n+1) || c != 3 {
		t.Errorf("%d writes in %d commits, want %d in 3 (1, %d, 10)", w, c, n+1, maxGroup)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// An attempt encoded before its transaction decodes with the ID the
// transaction gives it, whatever its length.
func TestAttemptJSONWithID(t *testing.T) {
	a := bot.Attempt{ID: 7, UserKey: "telegram:1", QuestionID: "q1", Reply: `{"id":0, in a reply`, Kind: bot.AttemptAnswer}
	enc, err := encodeAttempt(a)
	must(t, err)
	for _, id := range []uint64{1, 10, 12345, math.MaxUint64} {
		var got bot.Attempt
		if err := json.Unmarshal(enc.withID(id), &got); err != nil {
			t.Fatalf("id %d: %v", id, err)
		}
		want := a
		want.ID = id
		if !reflect.DeepEqual(got, want) {
			t.Errorf("id %d: decoded %+v, want %+v", id, got, want)
		}
	}
}
