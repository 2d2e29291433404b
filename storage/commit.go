package storage

import (
	"fmt"
	"slices"
	"sync"

	"go.etcd.io/bbolt"
)

// maxGroup bounds the write functions one transaction carries, like
// bbolt's MaxBatchSize: a backlog is committed in several transactions,
// so none grows without end.
const maxGroup = 1000

// groupCommit runs write functions in shared, fsynced transactions. A
// function that comes while no transaction is committing is committed at
// once; those that come during a commit wait and go together into the
// next. So a lone writer never waits on a timer (bbolt's Batch waits up to
// MaxBatchDelay, 10 ms, for company), and many writers share each fsync.
//
// The caller whose function starts a transaction leads it: it runs the
// queued functions and commits. Once its transaction is committed it hands
// the lead to the first caller still waiting, so no caller commits for
// others for longer than its own turn.
type groupCommit struct {
	mu      sync.Mutex
	queue   []*commitCall
	leading bool // a caller is committing, or has been handed the lead
}

// commitCall is one write function waiting for its transaction.
type commitCall struct {
	fn func(*bbolt.Tx) error
	// record says whether the commit's outcome counts for Health.
	record bool
	done   chan commitResult
}

// commitResult is a call's outcome, or the lead handed to its caller.
type commitResult struct {
	err  error
	lead bool
}

// commitHooks are what a commit reports to: the health of writes and the
// counters of WriteStats.
type commitHooks struct {
	health *health
	stats  *writeStats
}

// do runs fn in a transaction of db shared with concurrent callers, and
// returns once that transaction is committed to disk: nil, fn's error
// (fn's writes are then rolled back, and the other functions of the
// transaction run again without it), or the commit's error (the same for
// every function of the transaction).
//
// fn may run more than once (again when another function of its
// transaction failed), so it must set, not accumulate, what it reports.
func (g *groupCommit) do(db *bbolt.DB, hooks commitHooks, fn func(*bbolt.Tx) error, record bool) error {
	c := &commitCall{fn: fn, record: record, done: make(chan commitResult, 1)}
	g.mu.Lock()
	g.queue = append(g.queue, c)
	if g.leading {
		g.mu.Unlock()
		if r := <-c.done; !r.lead {
			return r.err
		}
	} else {
		g.leading = true
		g.mu.Unlock()
	}
	g.lead(db, hooks)
	return (<-c.done).err
}

// lead commits the calls at the head of the queue (the leader's among
// them), then hands the lead to the next waiting call, or gives it up when
// none waits.
func (g *groupCommit) lead(db *bbolt.DB, hooks commitHooks) {
	g.mu.Lock()
	n := min(len(g.queue), maxGroup)
	calls := slices.Clone(g.queue[:n])
	g.queue = slices.Delete(g.queue, 0, n)
	g.mu.Unlock()

	commit(db, hooks, calls)

	g.mu.Lock()
	if len(g.queue) == 0 {
		g.leading = false
		g.mu.Unlock()
		return
	}
	next := g.queue[0]
	g.mu.Unlock()
	next.done <- commitResult{lead: true}
}

// commit runs calls in one transaction and gives each its result. A
// function that fails rolls the transaction back: it gets its error, and
// the others run again, without it, in a new transaction.
func commit(db *bbolt.DB, hooks commitHooks, calls []*commitCall) {
	for len(calls) > 0 {
		failed, fnErr := -1, error(nil)
		err := db.Update(func(tx *bbolt.Tx) error {
			for i, c := range calls {
				if err := safeCall(c.fn, tx); err != nil {
					failed, fnErr = i, err
					return err
				}
			}
			return nil
		})
		if failed >= 0 {
			calls[failed].done <- commitResult{err: fnErr}
			calls = slices.Delete(calls, failed, failed+1)
			continue
		}
		// err is the commit's: a full disk, an I/O error.
		if slices.ContainsFunc(calls, func(c *commitCall) bool { return c.record }) {
			hooks.health.commit(err != nil, err)
		}
		if err == nil {
			hooks.stats.committed(len(calls))
		}
		for _, c := range calls {
			c.done <- commitResult{err: err}
		}
		return
	}
}

// safeCall runs fn, turning a panic into its error, so that one caller's
// panic neither kills the leader running it for them nor leaves the others
// of its transaction waiting.
func safeCall(fn func(*bbolt.Tx) error, tx *bbolt.Tx) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("storage: a write panicked: %v", p)
		}
	}()
	return fn(tx)
}
