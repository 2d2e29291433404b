package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/telegram"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// Fan-out settings.
const (
	// firstSubscriberID is the Telegram ID of the first subscriber.
	firstSubscriberID = 3_000_000
	// setupWriters creates the subscribers concurrently.
	setupWriters = 64
	// memorySample is how often memory is sampled.
	memorySample = 50 * time.Millisecond
	// progressEvery is how often progress is logged on stderr.
	progressEvery = 30 * time.Second
)

// fanoutResult is what the fan-out test measured.
type fanoutResult struct {
	Subscribers     int
	Global, PerChat float64
	// EnqueueOnly is set when the pushes were enqueued, not delivered.
	EnqueueOnly bool
	// Setup is the time to create the subscribers.
	Setup time.Duration
	// Enqueued is what SchedulePushes enqueued, in Schedule.
	Enqueued int
	Schedule time.Duration
	// Deliver runs from the outbox's start to the last accepted send.
	Deliver time.Duration
	// First and Last are the first and last accepted sends.
	First, Last time.Time
	// Delivered counts chats that got exactly one message, Duplicated
	// those that got more, Missing those that got none.
	Delivered, Duplicated, Missing int
	// Rejected counts the fake's 429 answers: PerChatRejected were for a
	// chat that had a message within the per-chat period, the rest for the
	// global limit.
	Rejected, PerChatRejected int
	// MaxPerSecond is the most accepted sends in any one-second window;
	// MinChatGap the shortest time between two accepted sends to one chat
	// (zero when no chat got two).
	MaxPerSecond int
	MinChatGap   time.Duration
	// Memory during SchedulePushes and delivery.
	HeapBase, HeapPeak, HeapAfter, TotalAlloc uint64
	NumGC                                     uint32
}

// rateLimit expresses a rate in messages per second as a fake's Limit.
func rateLimit(perSecond float64) telegramfake.Limit {
	if perSecond >= 1 {
		return telegramfake.Limit{N: int(math.Round(perSecond)), Per: time.Second}
	}
	return telegramfake.Limit{N: 1, Per: time.Duration(float64(time.Second) / perSecond)}
}

// runFanout runs the fan-out test, writing progress to progress.
func runFanout(ctx context.Context, cfg config, logger *slog.Logger, progress io.Writer) (fanoutResult, error) {
	res := fanoutResult{Subscribers: cfg.Fanout, Global: cfg.Global, PerChat: cfg.PerChat, EnqueueOnly: cfg.EnqueueOnly}
	// The core's clock runs in real time, shifted to the push minute once
	// the subscribers exist.
	var offset atomic.Int64
	now := func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
	sys, err := startSystem(systemOptions{
		Limits: telegram.Limits{Global: cfg.Global, PerChat: cfg.PerChat},
		FakeRate: telegramfake.RateLimit{
			Global: rateLimit(cfg.Global), PerChat: rateLimit(cfg.PerChat),
			PerGroup: telegramfake.Limit{N: telegram.DefaultPerGroupPerMinute, Per: time.Minute},
		},
		Now:    now,
		Logger: logger,
	})
	if err != nil {
		return res, err
	}
	defer sys.close()

	shanghai, err := bot.LoadZone("Asia/Shanghai")
	if err != nil {
		return res, err
	}
	sched, err := bot.ParseSchedule("09:00 daily", "Asia/Shanghai")
	if err != nil {
		return res, err
	}
	start := time.Now()
	if err := createSubscribers(ctx, sys, cfg.Fanout, sched); err != nil {
		return res, fmt.Errorf("create subscribers: %w", err)
	}
	res.Setup = time.Since(start)
	fmt.Fprintf(progress, "fan-out: %d subscribers created in %s\n", cfg.Fanout, res.Setup.Round(time.Millisecond))

	mem := startMemorySampler()
	push := time.Date(2026, 11, 25, 9, 0, 5, 0, shanghai)
	offset.Store(int64(time.Until(push)))
	start = time.Now()
	res.Enqueued, err = sys.core.SchedulePushes(ctx)
	res.Schedule = time.Since(start)
	if err != nil {
		return res, fmt.Errorf("schedule pushes: %w", err)
	}
	if cfg.EnqueueOnly {
		res.HeapBase, res.HeapPeak, res.TotalAlloc, res.NumGC = mem.stop()
		depth, err := sys.db.OutboxDepth(ctx)
		if err == nil && depth != res.Enqueued {
			err = fmt.Errorf("%d pushes enqueued, the outbox holds %d", res.Enqueued, depth)
		}
		return res, err
	}
	fmt.Fprintf(progress, "fan-out: %d pushes enqueued in %s; delivering\n", res.Enqueued, res.Schedule.Round(time.Millisecond))

	outboxCtx, stopOutbox := context.WithCancel(ctx)
	defer stopOutbox()
	done := make(chan error, 1)
	start = time.Now()
	go func() {
		done <- sys.core.RunOutbox(outboxCtx, map[bot.Platform]bot.Sender{bot.Telegram: sys.adapter})
	}()
	err = waitDelivered(ctx, sys, progress)
	stopOutbox()
	if rerr := <-done; err == nil {
		err = rerr
	}
	res.HeapBase, res.HeapPeak, res.TotalAlloc, res.NumGC = mem.stop()
	if err != nil {
		return res, err
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	res.HeapAfter = ms.HeapAlloc

	res.analyze(sys.fake.Requests(), cfg)
	res.Deliver = res.Last.Sub(start)
	return res, nil
}

// createSubscribers creates n people, each with a private chat subscribed
// to sched, known to the fake.
func createSubscribers(ctx context.Context, sys *system, n int, sched bot.Schedule) error {
	created := time.Now()
	_, err := concurrently(setupWriters, func(w int) error {
		for i := w; i < n; i += setupWriters {
			id := strconv.Itoa(firstSubscriberID + i)
			key := string(bot.Telegram) + ":" + id
			u := bot.UserRecord{Key: key, Platform: bot.Telegram, ID: id, Name: "subscriber " + id, Started: true, Created: created}
			if err := sys.db.PutUser(ctx, u); err != nil {
				return err
			}
			s := sched
			c := bot.ChatRecord{Key: key, Platform: bot.Telegram, ID: id, Kind: bot.Private, Owner: key, Schedule: &s}
			if err := sys.db.PutChat(ctx, c); err != nil {
				return err
			}
			sys.fake.AddChat(telegramfake.PrivateChat(telegramfake.User{ID: int64(firstSubscriberID + i), FirstName: u.Name}))
		}
		return nil
	})
	return err
}

// waitDelivered waits until the outbox is empty, logging progress.
func waitDelivered(ctx context.Context, sys *system, progress io.Writer) error {
	poll := time.NewTicker(100 * time.Millisecond)
	defer poll.Stop()
	start, lastLog := time.Now(), time.Now()
	for {
		depth, err := sys.db.OutboxDepth(ctx)
		if err != nil {
			return err
		}
		if depth == 0 {
			return nil
		}
		if time.Since(lastLog) >= progressEvery {
			lastLog = time.Now()
			fmt.Fprintf(progress, "fan-out: %d pushes left after %s\n", depth, time.Since(start).Round(time.Second))
		}
		select {
		case <-poll.C:
		case <-ctx.Done():
			return fmt.Errorf("waiting for the outbox to empty (%d left): %w", depth, ctx.Err())
		}
	}
}

// analyze reads the fake's request log: accepted sends per chat, 429s and
// the densest second.
func (r *fanoutResult) analyze(reqs []telegramfake.Request, cfg config) {
	perChat := time.Duration(float64(time.Second) / cfg.PerChat)
	lastOK := map[int64]time.Time{}
	count := map[int64]int{}
	var times []time.Time
	for _, q := range reqs {
		if q.Method != "sendMessage" {
			continue
		}
		id, err := strconv.ParseInt(q.Params["chat_id"], 10, 64)
		if err != nil {
			continue
		}
		switch q.Status {
		case 200:
			if prev, ok := lastOK[id]; ok {
				if gap := q.Time.Sub(prev); r.MinChatGap == 0 || gap < r.MinChatGap {
					r.MinChatGap = gap
				}
			}
			lastOK[id] = q.Time
			count[id]++
			times = append(times, q.Time)
		case 429:
			r.Rejected++
			if prev, ok := lastOK[id]; ok && q.Time.Sub(prev) < perChat {
				r.PerChatRejected++
			}
		}
	}
	for i := range r.Subscribers {
		switch n := count[int64(firstSubscriberID+i)]; {
		case n == 1:
			r.Delivered++
		case n > 1:
			r.Duplicated++
		default:
			r.Missing++
		}
	}
	if len(times) == 0 {
		return
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	r.First, r.Last = times[0], times[len(times)-1]
	lo := 0
	for hi, t := range times {
		for t.Sub(times[lo]) >= time.Second {
			lo++
		}
		r.MaxPerSecond = max(r.MaxPerSecond, hi-lo+1)
	}
}

// print writes the fan-out report.
func (r fanoutResult) print(w io.Writer) {
	fmt.Fprintf(w, "Fan-out: %d private chats due in the same minute; limits %g/s overall and %g/s per chat, in the adapter and enforced by the fake\n\n", r.Subscribers, r.Global, r.PerChat)
	t := newTable(w)
	t.row("SchedulePushes", fmt.Sprintf("%d pushes enqueued in %s (%.0f/s)", r.Enqueued, r.Schedule.Round(time.Millisecond), float64(r.Enqueued)/r.Schedule.Seconds()))
	if r.EnqueueOnly {
		t.row("heap", fmt.Sprintf("peak %s (%s before SchedulePushes)", mib(r.HeapPeak), mib(r.HeapBase)))
		t.row("allocated", fmt.Sprintf("%s in total, %.1f KiB per push, %d GCs", mib(r.TotalAlloc), float64(r.TotalAlloc)/1024/float64(max(r.Enqueued, 1)), r.NumGC))
		t.flush()
		fmt.Fprintln(w, "  (-enqueue-only: not delivered)")
		fmt.Fprintln(w)
		return
	}
	t.row("time to deliver all", fmt.Sprintf("%s (outbox start to last accepted send)", r.Deliver.Round(time.Millisecond)))
	rate := 0.0
	if span := r.Last.Sub(r.First).Seconds(); span > 0 {
		rate = float64(r.Delivered+r.Duplicated-1) / span
	}
	t.row("delivered rate", fmt.Sprintf("%.1f/s = %.3f × the global limit (first to last send)", rate, rate/r.Global))
	t.row("densest second", fmt.Sprintf("%d sends (limit %g)", r.MaxPerSecond, r.Global))
	t.row("chats", fmt.Sprintf("%d got one push, %d more than one, %d none", r.Delivered, r.Duplicated, r.Missing))
	gap := "no chat got two messages"
	if r.MinChatGap > 0 {
		gap = "shortest gap in one chat " + r.MinChatGap.Round(time.Millisecond).String()
	}
	t.row("429 answers of the fake", fmt.Sprintf("%d (%d for the per-chat limit, %d for the global); %s", r.Rejected, r.PerChatRejected, r.Rejected-r.PerChatRejected, gap))
	t.row("heap", fmt.Sprintf("peak %s (%s before SchedulePushes), %s after GC at the end", mib(r.HeapPeak), mib(r.HeapBase), mib(r.HeapAfter)))
	t.row("allocated", fmt.Sprintf("%s in total, %.1f KiB per push, %d GCs", mib(r.TotalAlloc), float64(r.TotalAlloc)/1024/float64(max(r.Enqueued, 1)), r.NumGC))
	t.flush()
	fmt.Fprintln(w, "  (one process: the heap includes the fake Bot API and its record of every request and message)")
	fmt.Fprintln(w)
}

// memorySampler records the peak heap while it runs.
type memorySampler struct {
	stopc chan struct{}
	wg    sync.WaitGroup
	base  runtime.MemStats
	peak  uint64
}

// startMemorySampler collects garbage, notes the baseline and samples the
// heap until stop.
func startMemorySampler() *memorySampler {
	runtime.GC()
	m := &memorySampler{stopc: make(chan struct{})}
	runtime.ReadMemStats(&m.base)
	m.peak = m.base.HeapAlloc
	m.wg.Go(func() {
		t := time.NewTicker(memorySample)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			select {
			case <-m.stopc:
				return
			case <-t.C:
				runtime.ReadMemStats(&ms)
				m.peak = max(m.peak, ms.HeapAlloc)
			}
		}
	})
	return m
}

// stop ends sampling and returns the baseline and peak heap, the bytes
// allocated and the collections run since the start.
func (m *memorySampler) stop() (base, peak, alloc uint64, gcs uint32) {
	close(m.stopc)
	m.wg.Wait()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.peak = max(m.peak, ms.HeapAlloc)
	return m.base.HeapAlloc, m.peak, ms.TotalAlloc - m.base.TotalAlloc, ms.NumGC - m.base.NumGC
}
