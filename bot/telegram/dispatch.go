package telegram

import (
	"context"
	"sync"
	"time"

	"github.com/interviewbot/interviewbot/bot/internal/drain"
)

// dispatcher runs updates concurrently across chats and in order within
// a chat, and tracks which polled updates are still being handled, so
// that the poll loop acknowledges an update only once it is handled.
type dispatcher struct {
	mu       sync.Mutex
	queues   map[int64][]func() // present while the chat's worker runs
	inflight map[int]struct{}   // update ids being handled
	maxSeen  int                // highest update id dispatched
	changed  chan struct{}      // closed when an update finishes
	wg       sync.WaitGroup
}

// newDispatcher returns an idle dispatcher.
func newDispatcher() *dispatcher {
	return &dispatcher{
		queues:   make(map[int64][]func()),
		inflight: make(map[int]struct{}),
		changed:  make(chan struct{}),
	}
}

// submit queues fn behind the earlier work of the same chat (key). An id
// > 0 is tracked until fn returns. The returned channel is closed then.
func (d *dispatcher) submit(id int, key int64, fn func()) <-chan struct{} {
	done := make(chan struct{})
	job := func() {
		defer d.finish(id)
		defer close(done)
		fn()
	}
	d.mu.Lock()
	if id > 0 {
		d.inflight[id] = struct{}{}
		d.maxSeen = max(d.maxSeen, id)
	}
	if q, busy := d.queues[key]; busy {
		d.queues[key] = append(q, job)
		d.mu.Unlock()
		return done
	}
	d.queues[key] = nil
	d.wg.Add(1)
	d.mu.Unlock()
	go d.work(key, job)
	return done
}

// work runs a chat's jobs until its queue is empty.
func (d *dispatcher) work(key int64, job func()) {
	defer d.wg.Done()
	for {
		job()
		d.mu.Lock()
		q := d.queues[key]
		if len(q) == 0 {
			delete(d.queues, key)
			d.mu.Unlock()
			return
		}
		job, d.queues[key] = q[0], q[1:]
		d.mu.Unlock()
	}
}

// finish records that an update was handled and wakes waiters.
func (d *dispatcher) finish(id int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.inflight, id)
	close(d.changed)
	d.changed = make(chan struct{})
}

// seen records an update that needs no handling (ignored or undecodable).
func (d *dispatcher) seen(id int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.maxSeen = max(d.maxSeen, id)
}

// isNew reports whether a polled update has not been dispatched yet.
// Updates come again until acknowledged, so those at or below the highest
// dispatched id are repeats, unless their id is below the offset asked
// for: Telegram restarts ids after a week without updates.
func (d *dispatcher) isNew(id, offset int) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if offset > 0 && id < offset {
		d.maxSeen = 0
	}
	return id > d.maxSeen
}

// changes returns a channel closed at the next finished update.
func (d *dispatcher) changes() <-chan struct{} {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.changed
}

// busy returns how many updates are being handled.
func (d *dispatcher) busy() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.inflight)
}

// ackOffset returns the getUpdates offset that acknowledges exactly the
// handled updates: the oldest update still in flight, or the one after the
// newest seen. It returns 0 (no offset) before any update.
func (d *dispatcher) ackOffset() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.inflight) == 0 {
		if d.maxSeen == 0 {
			return 0
		}
		return d.maxSeen + 1
	}
	low := 0
	for id := range d.inflight {
		if low == 0 || id < low {
			low = id
		}
	}
	return low
}

// wait waits until every job has finished, at most timeout, and reports
// whether they did.
func (d *dispatcher) wait(timeout time.Duration) bool {
	return drain.Wait(&d.wg, timeout)
}

// waitChange waits for ch or ctx.
func waitChange(ctx context.Context, ch <-chan struct{}) {
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

// waitChangeOr waits for ch or ctx, at most d.
func waitChangeOr(ctx context.Context, ch <-chan struct{}, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ch:
	case <-t.C:
	case <-ctx.Done():
	}
}
