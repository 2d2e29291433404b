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
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/storage"
)

// writeRun is one timed run of one side of the comparison.
type writeRun struct {
	Writes  int
	Elapsed time.Duration
}

// rate returns the writes per second of a run.
func (r writeRun) rate() float64 { return float64(r.Writes) / r.Elapsed.Seconds() }

// writeResult compares the store's attempt writes with raw bbolt writes of
// the same size by the same number of writers, repeated with the two
// sides interleaved.
type writeResult struct {
	Writers int
	// ValueBytes is the size of one raw value: the JSON the store writes
	// for one attempt (attempt, card and user record).
	ValueBytes int
	Store, Raw []writeRun
}

// compareWrites measures, for each writer count, the store's RecordAttempt
// (each writer its own user) beside raw bbolt writes of one value of the
// same size (db.Update for one writer, db.Batch for more), each side
// writing for d on a new file in one directory; repeat times, the order
// of the sides alternating so that a change in the machine's load falls
// on both.
func compareWrites(ctx context.Context, writers []int, d time.Duration, repeat int) (_ []writeResult, err error) {
	dir, err := os.MkdirTemp("", "interviewbot-loadtest-writes-")
	if err != nil {
		return nil, fmt.Errorf("temporary directory: %w", err)
	}
	defer os.RemoveAll(dir)
	size := commitBytes(attemptCommit("telegram:1", 1))
	results := make([]writeResult, len(writers))
	for i, w := range writers {
		results[i] = writeResult{Writers: w, ValueBytes: size}
	}
	for rep := range repeat {
		for i, w := range writers {
			r := &results[i]
			sides := []func() error{
				func() error {
					run, err := storeWrites(ctx, filepath.Join(dir, "store.db"), w, d)
					r.Store = append(r.Store, run)
					return err
				},
				func() error {
					run, err := rawWrites(ctx, filepath.Join(dir, "raw.db"), w, d, size)
					r.Raw = append(r.Raw, run)
					return err
				},
			}
			if rep%2 == 1 {
				sides[0], sides[1] = sides[1], sides[0]
			}
			for _, side := range sides {
				if err := side(); err != nil {
					return results, err
				}
			}
			os.Remove(filepath.Join(dir, "store.db"))
			os.Remove(filepath.Join(dir, "raw.db"))
		}
	}
	return results, nil
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

// storeWrites runs RecordAttempt from writers goroutines for d.
func storeWrites(ctx context.Context, path string, writers int, d time.Duration) (writeRun, error) {
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		return writeRun{}, err
	}
	defer db.Close()
	return untilDeadline(ctx, writers, d, func(w, i int) error {
		key := "telegram:" + strconv.Itoa(firstUserID+w)
		_, err := db.RecordAttempt(ctx, attemptCommit(key, i))
		return err
	})
}

// rawWrites runs raw bbolt writes from writers goroutines for d, each
// putting one value of size bytes under the next sequence number: with
// db.Update for one writer (one fsynced transaction each), with db.Batch
// for more (bbolt's own coalescing).
func rawWrites(ctx context.Context, path string, writers int, d time.Duration, size int) (writeRun, error) {
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: time.Second})
	if err != nil {
		return writeRun{}, fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	bucket := []byte("values")
	err = db.Update(func(tx *bbolt.Tx) error {
		_, err := tx.CreateBucket(bucket)
		return err
	})
	if err != nil {
		return writeRun{}, fmt.Errorf("create bucket: %w", err)
	}
	value := []byte(strings.Repeat("x", size))
	write := db.Batch
	if writers == 1 {
		write = db.Update
	}
	return untilDeadline(ctx, writers, d, func(int, int) error {
		return write(func(tx *bbolt.Tx) error {
			b := tx.Bucket(bucket)
			id, err := b.NextSequence()
			if err != nil {
				return err
			}
			return b.Put(binary.BigEndian.AppendUint64(nil, id), value)
		})
	})
}

// untilDeadline calls write(w, i) in a loop from writers goroutines (w
// the goroutine, i its count so far) until d has passed, and returns how
// many calls completed and how long they took.
func untilDeadline(ctx context.Context, writers int, d time.Duration, write func(w, i int) error) (writeRun, error) {
	var total atomic.Int64
	deadline := time.Now().Add(d)
	elapsed, err := concurrently(writers, func(w int) error {
		for i := 0; time.Now().Before(deadline); i++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := write(w, i); err != nil {
				return err
			}
			total.Add(1)
		}
		return nil
	})
	return writeRun{Writes: int(total.Load()), Elapsed: elapsed}, err
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

// ratios returns the store / raw rate of each repeat.
func (r writeResult) ratios() []float64 {
	var out []float64
	for i := range min(len(r.Store), len(r.Raw)) {
		out = append(out, r.Store[i].rate()/r.Raw[i].rate())
	}
	return out
}

// printWrites writes the comparison.
func printWrites(w io.Writer, results []writeResult, d time.Duration) {
	if len(results) == 0 {
		return
	}
	fmt.Fprintf(w, "Store vs raw bbolt, same run, sides interleaved, each writing for %s; raw: one %d-byte value a write (db.Update for 1 writer, db.Batch for more)\n\n", d, results[0].ValueBytes)
	t := newTable(w)
	for _, r := range results {
		raw := "db.Batch"
		if r.Writers == 1 {
			raw = "db.Update"
		}
		var store, rawRates, ratios []string
		for i := range r.Store {
			store = append(store, fmt.Sprintf("%.0f", r.Store[i].rate()))
		}
		for i := range r.Raw {
			rawRates = append(rawRates, fmt.Sprintf("%.0f", r.Raw[i].rate()))
		}
		for _, x := range r.ratios() {
			ratios = append(ratios, fmt.Sprintf("%.2f", x))
		}
		t.row(fmt.Sprintf("%d writers: store RecordAttempt", r.Writers), strings.Join(store, ", ")+" attempts/s")
		t.row(fmt.Sprintf("%d writers: raw %s", r.Writers, raw), strings.Join(rawRates, ", ")+" writes/s")
		t.row(fmt.Sprintf("%d writers: ratio store / raw", r.Writers), strings.Join(ratios, ", ")+spread(r.ratios()))
	}
	t.flush()
	fmt.Fprintln(w)
}

// spread formats the lowest and highest of several figures.
func spread(xs []float64) string {
	if len(xs) < 2 {
		return ""
	}
	return fmt.Sprintf(" (%.2f–%.2f)", slices.Min(xs), slices.Max(xs))
}
