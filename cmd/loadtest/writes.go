package main

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/storage"
)

// writeResult compares the store's attempt writes with raw bbolt Batch
// writes of the same size by the same number of writers.
type writeResult struct {
	Writers, Writes int
	// ValueBytes is the size of one raw value: the JSON the store writes
	// for one attempt (attempt, card and user record).
	ValueBytes int
	Store, Raw time.Duration
}

// compareWrites runs writes RecordAttempt calls from writers goroutines
// (each its own user) on a new store, then as many raw db.Batch puts of a
// value of the same size from as many goroutines on a new bbolt file, in
// the same directory.
func compareWrites(ctx context.Context, writers, writes int) (res writeResult, err error) {
	res = writeResult{Writers: writers, Writes: writes}
	dir, err := os.MkdirTemp("", "interviewbot-loadtest-writes-")
	if err != nil {
		return res, fmt.Errorf("temporary directory: %w", err)
	}
	defer os.RemoveAll(dir)
	res.ValueBytes = commitBytes(attemptCommit("telegram:1", 1))
	if res.Store, err = storeWrites(ctx, filepath.Join(dir, "store.db"), writers, writes); err != nil {
		return res, err
	}
	if res.Raw, err = rawWrites(ctx, filepath.Join(dir, "raw.db"), writers, writes, res.ValueBytes); err != nil {
		return res, err
	}
	return res, nil
}

// attemptCommit is a typical answer: a reply of answerRunes characters,
// its coverage and key points, the card and the user's record.
func attemptCommit(userKey string, i int) bot.AttemptCommit {
	now := time.Now()
	q := "q" + strconv.Itoa(i%200)
	reply := []rune(strings.Repeat("Redis 持久化有 RDB 快照和 AOF 日志两种方式，", 20))[:answerRunes]
	return bot.AttemptCommit{
		Attempt: bot.Attempt{UserKey: userKey, ChatKey: userKey, QuestionID: q, Time: now, Kind: bot.AttemptAnswer,
			Reply: string(reply), Coverage: 0.6, Covered: []string{"RDB", "AOF"}, Partial: []string{"fsync"}, Missed: []string{"混合持久化"},
			Suggested: 3, Rating: 3, Seconds: 95},
		Card: &bot.ReviewCard{UserKey: userKey, QuestionID: q, Attempts: 3, LastCoverage: 0.6, BestCoverage: 0.8, LastAt: now},
		User: bot.UserRecord{Key: userKey, Platform: bot.Telegram, ID: strings.TrimPrefix(userKey, "telegram:"), Name: "load", Created: now, Answered: i, Streak: 3},
	}
}

// commitBytes is the number of bytes of JSON the store writes for c.
func commitBytes(c bot.AttemptCommit) int {
	n := 0
	for _, v := range []any{c.Attempt, c.Card, c.User} {
		data, _ := json.Marshal(v)
		n += len(data)
	}
	return n
}

// share splits n writes among writers and returns writer i's share.
func share(n, writers, i int) int {
	s := n / writers
	if i < n%writers {
		s++
	}
	return s
}

// storeWrites times writes RecordAttempt calls from writers goroutines.
func storeWrites(ctx context.Context, path string, writers, writes int) (time.Duration, error) {
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		return 0, err
	}
	defer db.Close()
	return concurrently(writers, func(w int) error {
		key := "telegram:" + strconv.Itoa(firstUserID+w)
		for i := range share(writes, writers, w) {
			if _, err := db.RecordAttempt(ctx, attemptCommit(key, i)); err != nil {
				return err
			}
		}
		return nil
	})
}

// rawWrites times writes db.Batch calls from writers goroutines, each
// putting one value of size bytes under the next sequence number.
func rawWrites(ctx context.Context, path string, writers, writes, size int) (time.Duration, error) {
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: time.Second})
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	bucket := []byte("values")
	err = db.Update(func(tx *bbolt.Tx) error {
		_, err := tx.CreateBucket(bucket)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("create bucket: %w", err)
	}
	value := []byte(strings.Repeat("x", size))
	return concurrently(writers, func(w int) error {
		for range share(writes, writers, w) {
			if err := ctx.Err(); err != nil {
				return err
			}
			err := db.Batch(func(tx *bbolt.Tx) error {
				b := tx.Bucket(bucket)
				id, err := b.NextSequence()
				if err != nil {
					return err
				}
				return b.Put(binary.BigEndian.AppendUint64(nil, id), value)
			})
			if err != nil {
				return fmt.Errorf("batch: %w", err)
			}
		}
		return nil
	})
}

// concurrently runs f(0) … f(n-1) at once and returns how long they took
// together.
func concurrently(n int, f func(i int) error) (time.Duration, error) {
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		wg.Go(func() { errs[i] = f(i) })
	}
	wg.Wait()
	return time.Since(start), errors.Join(errs...)
}

// print writes the comparison.
func (r writeResult) print(w io.Writer) {
	store := float64(r.Writes) / r.Store.Seconds()
	raw := float64(r.Writes) / r.Raw.Seconds()
	fmt.Fprintf(w, "Store vs raw bbolt, same run, %d writers, %d writes each side\n\n", r.Writers, r.Writes)
	t := newTable(w)
	t.row("store RecordAttempt", fmt.Sprintf("%.0f attempts/s (%s)", store, r.Store.Round(time.Millisecond)))
	t.row("raw db.Batch", fmt.Sprintf("%.0f writes/s of %d-byte values (%s)", raw, r.ValueBytes, r.Raw.Round(time.Millisecond)))
	t.row("ratio store / raw", fmt.Sprintf("%.2f", store/raw))
	t.flush()
	fmt.Fprintln(w)
}
