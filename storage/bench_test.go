package storage

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
)

// benchCommit is a typical answer: a paragraph of reply, a few key points,
// the card and the user's record.
func benchCommit(userKey string, i int) bot.AttemptCommit {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	q := fmt.Sprintf("q%03d", i%200)
	return bot.AttemptCommit{
		Attempt: bot.Attempt{UserKey: userKey, ChatKey: userKey, QuestionID: q, Time: now, Kind: bot.AttemptAnswer,
			Reply:    strings.Repeat("Redis 持久化有 RDB 快照和 AOF 日志两种方式，", 8),
			Coverage: 0.6, Covered: []string{"RDB", "AOF"}, Partial: []string{"fsync"}, Missed: []string{"混合持久化"},
			Suggested: 3, Rating: 3, Seconds: 95},
		Card: &bot.ReviewCard{UserKey: userKey, QuestionID: q, Attempts: 3, LastCoverage: 0.6, BestCoverage: 0.8, LastAt: now},
		User: bot.UserRecord{Key: userKey, Platform: bot.Telegram, ID: userKey, Name: "bench", Created: now, Answered: i, Streak: 3},
	}
}

// commitSize is the number of bytes RecordAttempt writes for c.
func commitSize(c bot.AttemptCommit) int {
	n := 0
	for _, v := range []any{c.Attempt, c.Card, c.User} {
		data, _ := json.Marshal(v)
		n += len(data)
	}
	return n
}

// BenchmarkRecordAttempt measures attempts recorded by one writer and by
// 32 concurrent writers (each its own user), beside raw bbolt writes of
// one value of the same total size into one bucket: db.Update for one
// writer, db.Batch for 32. The ratio is the cost of the store's
// bookkeeping (JSON, five buckets, the pending check) and of its commits.
func BenchmarkRecordAttempt(b *testing.B) {
	size := commitSize(benchCommit("telegram:1", 1))
	for _, writers := range []int{1, 32} {
		b.Run(fmt.Sprintf("writers=%d/store", writers), func(b *testing.B) {
			db := openInternal(b)
			var users atomic.Int64
			benchWriters(b, writers, func() func() error {
				key := fmt.Sprintf("telegram:%d", users.Add(1))
				i := 0
				return func() error {
					i++
					_, err := db.RecordAttempt(b.Context(), benchCommit(key, i))
					return err
				}
			})
		})
		raw := "rawBatch"
		if writers == 1 {
			raw = "rawUpdate"
		}
		b.Run(fmt.Sprintf("writers=%d/%s", writers, raw), func(b *testing.B) {
			db, err := bbolt.Open(filepath.Join(b.TempDir(), "raw.db"), fileMode, &bbolt.Options{Timeout: time.Second})
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			err = db.Update(func(tx *bbolt.Tx) error { _, err := tx.CreateBucket([]byte("values")); return err })
			if err != nil {
				b.Fatal(err)
			}
			write := db.Batch
			if writers == 1 {
				write = db.Update
			}
			value := []byte(strings.Repeat("x", size))
			benchWriters(b, writers, func() func() error {
				return func() error {
					return write(func(tx *bbolt.Tx) error {
						bk := tx.Bucket([]byte("values"))
						id, err := bk.NextSequence()
						if err != nil {
							return err
						}
						return bk.Put(idKey(id), value)
					})
				}
			})
		})
	}
}

// benchWriters runs b.N writes from writers goroutines, each calling the
// function newWriter returns for it.
func benchWriters(b *testing.B, writers int, newWriter func() func() error) {
	if writers == 1 {
		write := newWriter()
		for b.Loop() {
			if err := write(); err != nil {
				b.Fatal(err)
			}
		}
		return
	}
	b.SetParallelism((writers + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
	b.RunParallel(func(pb *testing.PB) {
		write := newWriter()
		for pb.Next() {
			if err := write(); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkDueDeliveries reads the next batch of 50 due deliveries from an
// outbox of 10,000 undelivered ones (and 10,000 delivered, which the index
// skips).
func BenchmarkDueDeliveries(b *testing.B) {
	db := openInternal(b)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		for i := range 20000 {
			d := bot.Delivery{
				ID:   fmt.Sprintf("push/telegram:%d/2026-11-25T09:00:00Z", i),
				Chat: bot.Chat{Platform: bot.Telegram, ID: fmt.Sprint(i), Kind: bot.Private}, UserKey: fmt.Sprintf("telegram:%d", i),
				Reply:   bot.Reply{Text: bot.TextOf("⏰ 今日一题", "Redis 的持久化方式有哪些？各自的优缺点？"), Kind: bot.KindQuestion},
				Created: now, NextTry: now.Add(-time.Duration(i%600) * time.Second), Done: i%2 == 1,
			}
			if _, err := enqueueTx(tx, d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if n, _ := db.OutboxDepth(b.Context()); n != 10000 {
		b.Fatalf("depth %d, want 10000", n)
	}
	for b.Loop() {
		due, err := db.DueDeliveries(b.Context(), now, 50)
		if err != nil || len(due) != 50 {
			b.Fatalf("DueDeliveries = %d, %v", len(due), err)
		}
	}
}

// BenchmarkCards reads all the cards of a user who has 1,000.
func BenchmarkCards(b *testing.B) {
	db := openInternal(b)
	const user = "telegram:1"
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		for i := range 1000 {
			c := *benchCommit(user, i).Card
			c.QuestionID = fmt.Sprintf("q%04d", i)
			c.Card.Stability, c.Card.Difficulty, c.Card.Reps = 12.5, 5.1, 4
			if err := putCardTx(tx, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		cards, err := db.Cards(b.Context(), user)
		if err != nil || len(cards) != 1000 {
			b.Fatalf("Cards = %d, %v", len(cards), err)
		}
	}
}
