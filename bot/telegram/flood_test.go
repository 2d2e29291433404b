package telegram_test

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/bot/telegram"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
	"github.com/interviewbot/interviewbot/internal/testkit"
	"github.com/interviewbot/interviewbot/storage"
)

// countingObserver counts the updates the flood limit dropped.
type countingObserver struct{ throttled atomic.Int64 }

func (o *countingObserver) EventHandled(bot.Platform, string, time.Duration, int) {}
func (o *countingObserver) Throttled(bot.Platform)                                { o.throttled.Add(1) }
func (o *countingObserver) PushSent(bot.Platform, time.Duration)                  {}
func (o *countingObserver) PushFailed(bot.Platform, string)                       {}

// TestFloodDoesNotHoldBackOthers: one person sends 400 messages in four
// seconds while five others ask for /stats, with Telegram's real limits
// (one message a second per chat). The flood is dropped as it arrives, so
// the getUpdates window moves past it: the others' replies come within 2 s
// (p99), the flooder gets one notice, and the drops are counted. Before,
// the limit applied when an update left its chat's queue, which Telegram's
// per-chat pacing drained at one a second: nothing was dropped, and the
// flooder's unconfirmed backlog filled every getUpdates answer (150
// messages: another person's /stats took 50 s; 400: no answer in 90 s).
func TestFloodDoesNotHoldBackOthers(t *testing.T) {
	const floodSize, others, asks = 400, 5, 4
	srv := newServer(t)
	b := testkit.Bank(t, "")
	db, err := storage.Open(filepath.Join(t.TempDir(), "bot.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	obs := &countingObserver{}
	core, err := engine.New(engine.Config{Bank: b, Store: db, Observer: obs, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	start(t, srv, core, func(c *telegram.Config) {
		c.Limits = telegram.Limits{Global: telegram.DefaultGlobalPerSecond, PerChat: telegram.DefaultPerChatPerSecond, PerGroup: telegram.DefaultPerGroupPerMinute}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	flooder := telegramfake.User{ID: 6000, FirstName: "Flood", LanguageCode: "zh"}
	floodDone := make(chan struct{})
	go func() {
		defer close(floodDone)
		for i := range floodSize {
			srv.SendText(telegramfake.PrivateChat(flooder), flooder, fmt.Sprintf("刷屏 %d", i))
			time.Sleep(10 * time.Millisecond)
		}
	}()

	var (
		mu        sync.Mutex
		latencies []time.Duration
		wg        sync.WaitGroup
	)
	for i := range others {
		p := telegramfake.User{ID: 6100 + int64(i), FirstName: fmt.Sprint("P", i), LanguageCode: "zh"}
		chat := telegramfake.PrivateChat(p)
		wg.Go(func() {
			time.Sleep(time.Duration(i) * 150 * time.Millisecond)
			for n := range asks {
				sent := time.Now()
				srv.SendCommand(chat, p, "stats", "")
				if _, err := srv.WaitMessages(ctx, p.ID, n+1); err != nil {
					t.Errorf("%s's /stats #%d: no reply: %v", p.FirstName, n+1, err)
					return
				}
				mu.Lock()
				latencies = append(latencies, time.Since(sent))
				mu.Unlock()
				time.Sleep(time.Second) // one message a second per chat: no pacing wait
			}
		})
	}
	wg.Wait()
	<-floodDone
	if t.Failed() {
		return
	}
	slices.Sort(latencies)
	p50, p99 := latencies[len(latencies)/2], latencies[(len(latencies)*99-1)/100]
	// Let the last of the flood arrive before counting what it earned.
	if err := srv.Wait(ctx, func() bool { return srv.PendingUpdates() == 0 }); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	notices, answered := 0, 0
	for _, m := range srv.Messages(flooder.ID) {
		if strings.Contains(m.PlainText, "消息太快了") {
			notices++
		} else {
			answered++
		}
	}
	t.Logf("flood of %d messages: others' replies p50 %v, p99 %v (%d replies); flooder: %d replies, %d notice(s); %d updates dropped",
		floodSize, p50.Round(time.Millisecond), p99.Round(time.Millisecond), len(latencies), answered, notices, obs.throttled.Load())
	if p99 > 2*time.Second {
		t.Errorf("others' replies took up to %v during the flood (p99), want at most 2 s", p99)
	}
	if notices != 1 {
		t.Errorf("the flooder got %d notices, want 1", notices)
	}
	if n := obs.throttled.Load(); n < floodSize-50 {
		t.Errorf("%d of %d flood updates counted as throttled", n, floodSize)
	}
}
