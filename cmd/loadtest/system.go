package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/bot/telegram"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
	"github.com/interviewbot/interviewbot/seeds"
	"github.com/interviewbot/interviewbot/storage"
)

// token is the bot token the fake accepts.
const token = "424242:loadtest-token"

// systemOptions configures the system under test.
type systemOptions struct {
	// Limits are the adapter's rate limits.
	Limits telegram.Limits
	// FakeRate is the flood control the fake enforces (zero: none).
	FakeRate telegramfake.RateLimit
	// Transport, when set, performs the adapter's HTTP requests.
	Transport http.RoundTripper
	// Now is the core's clock; nil means time.Now.
	Now func() time.Time
	// PersonRate and PersonBurst are the core's flood limits per person.
	PersonRate  time.Duration
	PersonBurst int
	// NewPerDay is the core's daily cap of new questions (zero: the
	// default).
	NewPerDay int
	Logger    *slog.Logger
}

// system is the fake Bot API, the real adapter, core and bbolt store, with
// the seed bank, in a temporary directory.
type system struct {
	dir     string
	bank    *bank.Bank
	fake    *telegramfake.Server
	db      *storage.DB
	core    *engine.Bot
	adapter *telegram.Adapter
}

// startSystem starts the fake and builds the adapter, the core and the
// store. The adapter does not run yet.
func startSystem(o systemOptions) (_ *system, err error) {
	dir, err := os.MkdirTemp("", "interviewbot-loadtest-")
	if err != nil {
		return nil, fmt.Errorf("temporary directory: %w", err)
	}
	s := &system{dir: dir}
	defer func() {
		if err != nil {
			s.close()
		}
	}()
	b, probs := bank.Load(bank.Input{FS: seeds.FS, Prefix: "seeds"})
	if probs.HasErrors() || b.Len() == 0 {
		return nil, fmt.Errorf("seed bank: %d questions, problems: %v", b.Len(), probs)
	}
	s.bank = b
	s.fake = telegramfake.New(token, telegramfake.WithRateLimit(o.FakeRate))
	if s.db, err = storage.Open(filepath.Join(dir, "bot.db"), storage.Options{Logger: o.Logger}); err != nil {
		return nil, err
	}
	var opts []telegram.Option
	if o.Transport != nil {
		opts = append(opts, telegram.WithHTTPClient(&http.Client{Transport: o.Transport}))
	}
	s.adapter, err = telegram.New(telegram.Config{
		Token: token, APIEndpoint: s.fake.Endpoint(), PollTimeout: 10 * time.Second,
		Limits: o.Limits, Logger: o.Logger,
	}, opts...)
	if err != nil {
		return nil, err
	}
	s.core, err = engine.New(engine.Config{
		Bank: b, Store: s.db, Now: o.Now, Logger: o.Logger,
		TZ: "Asia/Shanghai", PersonRate: o.PersonRate, PersonBurst: o.PersonBurst, NewPerDay: o.NewPerDay,
		Capabilities: map[bot.Platform]bot.Capabilities{bot.Telegram: s.adapter.Capabilities()},
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// runAdapter runs the adapter's polling until ctx is done, and waits until
// it polls. The returned function waits for it to stop.
func (s *system) runAdapter(ctx context.Context) (wait func() error, err error) {
	done := make(chan error, 1)
	go func() { done <- s.adapter.Run(ctx, s.core) }()
	if err := s.fake.WaitPolling(ctx); err != nil {
		return nil, errors.Join(err, <-done)
	}
	return func() error { return <-done }, nil
}

// close stops the fake, closes the store and removes the directory.
func (s *system) close() {
	if s.fake != nil {
		s.fake.Close()
	}
	if s.db != nil {
		s.db.Close()
	}
	os.RemoveAll(s.dir)
}

// defaultTransport returns a clone of http.DefaultTransport: what the
// adapter uses when no client is given.
func defaultTransport() http.RoundTripper {
	if tr, ok := http.DefaultTransport.(*http.Transport); ok {
		return tr.Clone()
	}
	return http.DefaultTransport
}

// printMachine prints what the figures were measured on.
func printMachine(w io.Writer) {
	fmt.Fprintf(w, "machine: %d cores (GOMAXPROCS %d), %s, %s/%s\n\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
