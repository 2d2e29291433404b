// Package drain holds what both platform adapters do when they stop: wait,
// for a bounded time, for the events still being handled.
package drain

import (
	"sync"
	"time"
)

// DefaultTimeout is how long an adapter's Run waits at shutdown for the
// events being handled before it cancels them.
const DefaultTimeout = 10 * time.Second

// Grace is how long an adapter waits, after cancelling the events still
// being handled, for them to return.
const Grace = time.Second

// Wait waits until wg's counter is zero, at most d, and reports whether it
// got there.
func Wait(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}
