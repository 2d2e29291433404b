// Package testkit is what the tests of the core, the adapters and the
// binary share: the small question bank they reason about, a settable
// clock, a store in a temporary directory, the one place a test builds
// the conversation engine, and a log buffer safe for concurrent writers.
package testkit

import (
	"bytes"
	"context"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/storage"
)

// BankYAML is a bank of three questions of three key points each, without
// topics, so that a session asks them in order.
const BankYAML = `questions:
  - id: rpo
    prompt: 什么是 RPO 和 RTO？
    answer: |
      **恢复点目标（RPO）**是可以丢多少数据，**恢复时间目标（RTO）**是多久恢复，两者决定**备份频率**。
  - id: snapshot
    prompt: 备份和快照有什么区别？
    answer: |
      快照依赖原始存储，**不能替代备份**；备份是**独立的副本**，可以**跨区域保存**。
  - id: mvcc
    prompt: 什么是 MVCC？
    answer: |
      **多版本并发控制**让读不阻塞写，依靠**undo 日志**和**事务快照**。
`

// Bank loads a bank from YAML (BankYAML when yaml is empty) and fails the
// test on any problem.
func Bank(t testing.TB, yaml string) *bank.Bank {
	t.Helper()
	if yaml == "" {
		yaml = BankYAML
	}
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(yaml)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	return b
}

// Clock is a settable time, safe for concurrent use.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock at t, or at 2026-11-25 09:00 UTC (a
// Wednesday morning) when t is zero.
func NewClock(t time.Time) *Clock {
	if t.IsZero() {
		t = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	}
	return &Clock{t: t}
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// OpenStore opens the bbolt store at path (a new file in a temporary
// directory when path is empty). The caller closes it.
func OpenStore(t testing.TB, path string) *storage.DB {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "bot.db")
	}
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatalf("open storage: %v", err)
	}
	return db
}

// EngineConfig is what a test chooses of the engine it runs.
type EngineConfig struct {
	Bank  *bank.Bank
	Store *storage.DB
	Now   func() time.Time
	// Lang and TZ are the defaults for new users; empty: the engine's.
	Lang, TZ string
	// Capabilities are the adapters' declared capabilities, as cmd hands
	// them to the engine.
	Capabilities map[bot.Platform]bot.Capabilities
}

// Context returns a context that ends with the test or after d.
func Context(t testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// SyncBuffer is a bytes.Buffer safe for concurrent writers, for logs.
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns what was written.
func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
