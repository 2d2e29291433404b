package engine_test

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
)

// parallelSender is a Sender called from many goroutines. It records each
// chat's messages in order, how many sends were in flight at once, and any
// chat sent to twice at the same time.
type parallelSender struct {
	delay time.Duration
	// onSend, if set, runs after each send (outside the lock) with the
	// number of sends so far.
	onSend func(n int)

	mu          sync.Mutex
	inFlight    int
	maxInFlight int
	busy        map[string]bool
	overlaps    []string
	byChat      map[string][]string
	total       int
}

func newParallelSender(delay time.Duration) *parallelSender {
	return &parallelSender{delay: delay, busy: map[string]bool{}, byChat: map[string][]string{}}
}

func (s *parallelSender) Send(ctx context.Context, chat bot.Chat, r bot.Reply) (string, error) {
	k := chat.Key()
	s.mu.Lock()
	if s.busy[k] {
		s.overlaps = append(s.overlaps, k)
	}
	s.busy[k] = true
	s.inFlight++
	s.maxInFlight = max(s.maxInFlight, s.inFlight)
	s.mu.Unlock()

	time.Sleep(s.delay)

	s.mu.Lock()
	s.busy[k] = false
	s.inFlight--
	s.byChat[k] = append(s.byChat[k], r.Text.Plain())
	s.total++
	n := s.total
	s.mu.Unlock()
	if s.onSend != nil {
		s.onSend(n)
	}
	return "m" + strconv.Itoa(n), nil
}

func (s *parallelSender) sent() int { s.mu.Lock(); defer s.mu.Unlock(); return s.total }

// enqueueChats puts perChat deliveries for each of chats chats in the
// outbox, all due, interleaved by next try: delivery k of chat c is due
// after delivery k-1 of every chat. Their text is "c/k".
func enqueueChats(t *testing.T, h *harness, chats, perChat int) {
	t.Helper()
	base := h.clock.Now().Add(-time.Hour)
	var wg sync.WaitGroup // concurrent writes share transactions
	for k := range perChat {
		for c := range chats {
			d := bot.Delivery{
				ID:      fmt.Sprintf("push/telegram:%d/%d", 1000+c, k),
				Chat:    bot.Chat{Platform: bot.Telegram, ID: strconv.Itoa(1000 + c), Kind: bot.Private},
				Reply:   bot.Reply{Text: bot.TextOf(fmt.Sprintf("%d/%d", c, k))},
				Created: base, NextTry: base.Add(time.Duration(k*chats+c) * time.Millisecond),
			}
			wg.Go(func() {
				if ok, err := h.db.Enqueue(h.ctx, d); err != nil || !ok {
					t.Errorf("enqueue %s: %v %v", d.ID, ok, err)
				}
			})
		}
	}
	wg.Wait()
}

// runOutboxUntil runs the outbox until cond holds (or 20 s pass), then
// stops it and waits for it to return.
func runOutboxUntil(t *testing.T, h *harness, s bot.Sender, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithCancel(h.ctx)
	done := make(chan error, 1)
	go func() { done <- h.bot.RunOutbox(ctx, map[bot.Platform]bot.Sender{bot.Telegram: s}) }()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !cond() {
		t.Fatal("the outbox did not get there in 20 s")
	}
}

// checkOrder checks that every chat got exactly its perChat messages, in
// order.
func checkOrder(t *testing.T, byChat map[string][]string, chats, perChat int) {
	t.Helper()
	for c := range chats {
		got := byChat["telegram:"+strconv.Itoa(1000+c)]
		if len(got) != perChat {
			t.Errorf("chat %d got %d messages, want %d: %q", c, len(got), perChat, got)
			continue
		}
		for k, text := range got {
			if want := fmt.Sprintf("%d/%d", c, k); text != want {
				t.Errorf("chat %d message %d is %q, want %q (all: %q)", c, k, text, want, got)
				break
			}
		}
	}
}

// TestOutboxConcurrentInOrderOnce: a backlog larger than a batch goes out
// without waiting for the tick, several chats at once but never more than
// the worker bound, each chat's pushes one at a time and in order, each
// push once — across a restart too.
func TestOutboxConcurrentInOrderOnce(t *testing.T) {
	const chats, perChat = 30, 4 // 120 deliveries: more than one batch
	if chats*perChat <= engine.OutboxBatch {
		t.Fatal("the test needs more deliveries than a batch")
	}
	h := newHarness(t)
	enqueueChats(t, h, chats, perChat)
	s := newParallelSender(2 * time.Millisecond)
	runOutboxUntil(t, h, s, func() bool {
		n, _ := h.db.OutboxDepth(h.ctx)
		return n == 0
	})
	checkOrder(t, s.byChat, chats, perChat)
	if len(s.overlaps) > 0 {
		t.Errorf("sent to one chat twice at once: %v", s.overlaps)
	}
	if s.maxInFlight < 2 || s.maxInFlight > engine.OutboxWorkers {
		t.Errorf("%d sends in flight at most, want 2…%d", s.maxInFlight, engine.OutboxWorkers)
	}

	// Nothing is sent again, before or after a restart.
	for _, restart := range []bool{false, true} {
		if restart {
			h.restart()
		}
		if n, err := h.bot.DeliverDue(h.ctx, map[bot.Platform]bot.Sender{bot.Telegram: s}); err != nil || n != 0 {
			t.Errorf("restart %v: DeliverDue sent %d more, %v", restart, n, err)
		}
	}
	if got := s.sent(); got != chats*perChat {
		t.Errorf("%d sends for %d deliveries", got, chats*perChat)
	}
}

// TestOutboxStopMarksWhatWasSent: stopping the outbox in the middle leaves
// the rest for the next run, which sends each of them once and nothing
// that was sent before the stop — a send that succeeded as the stop came
// is marked all the same.
func TestOutboxStopMarksWhatWasSent(t *testing.T) {
	const chats, perChat = 20, 3
	h := newHarness(t)
	enqueueChats(t, h, chats, perChat)
	s := newParallelSender(time.Millisecond)
	ctx, cancel := context.WithCancel(h.ctx)
	defer cancel()
	s.onSend = func(n int) {
		if n == 25 {
			cancel() // the stop comes while sends are in flight
		}
	}
	if err := h.bot.RunOutbox(ctx, map[bot.Platform]bot.Sender{bot.Telegram: s}); err != nil {
		t.Fatal(err)
	}
	stopped := s.sent()
	if stopped >= chats*perChat {
		t.Fatalf("all %d sent before the stop took effect", stopped)
	}
	depth, err := h.db.OutboxDepth(h.ctx)
	if err != nil || depth != chats*perChat-stopped {
		t.Fatalf("after the stop: %d sent, outbox depth %d (%v), want %d", stopped, depth, err, chats*perChat-stopped)
	}

	h.restart()
	s.onSend = nil
	runOutboxUntil(t, h, s, func() bool { return s.sent() >= chats*perChat })
	if n, _ := h.db.OutboxDepth(h.ctx); n != 0 || s.sent() != chats*perChat {
		t.Errorf("after the restart: %d sends for %d deliveries, depth %d", s.sent(), chats*perChat, n)
	}
	checkOrder(t, s.byChat, chats, perChat)
}

// TestSchedulePushesManyChatsOnce: chats due at once are scheduled
// concurrently, each once, and each gets one push.
func TestSchedulePushesManyChatsOnce(t *testing.T) {
	const chats = 40
	h := newHarness(t)
	sched, err := bot.ParseSchedule("09:00 daily", "Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range chats {
		wg.Go(func() {
			id := strconv.Itoa(5000 + i)
			key := "telegram:" + id
			s := sched
			if err := h.db.PutUser(h.ctx, bot.UserRecord{Key: key, Platform: bot.Telegram, ID: id, Started: true, Created: h.clock.Now()}); err != nil {
				t.Error(err)
			}
			if err := h.db.PutChat(h.ctx, bot.ChatRecord{Key: key, Platform: bot.Telegram, ID: id, Kind: bot.Private, Owner: key, Schedule: &s}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	h.clock.Set(time.Date(2026, 11, 25, 1, 0, 10, 0, time.UTC)) // 09:00:10 Shanghai
	for i, want := range []int{chats, 0} {
		if n, err := h.bot.SchedulePushes(h.ctx); err != nil || n != want {
			t.Fatalf("SchedulePushes #%d = %d, %v; want %d", i+1, n, err, want)
		}
	}
	s := newParallelSender(0)
	runOutboxUntil(t, h, s, func() bool { return s.sent() >= chats })
	for i := range chats {
		if got := s.byChat["telegram:"+strconv.Itoa(5000+i)]; len(got) != 1 {
			t.Errorf("chat %d got %d pushes", i, len(got))
		}
	}
	// The pushed question is open in each chat: its message ID was recorded.
	p, err := h.db.Pending(h.ctx, "telegram:5000", "telegram:5000")
	if err != nil || p.MessageID == "" {
		t.Errorf("pending question of a pushed chat: %+v, %v", p, err)
	}
}
