package storage

import "sync/atomic"

// WriteStats counts a store's writes since Open.
type WriteStats struct {
	// Writes is the number of write operations: calls of the methods that
	// change the file (a RecordAttempt, a PutChat …), each counted once.
	Writes uint64
	// Commits is the number of transactions that carried them, each
	// fsynced: fewer than Writes when concurrent writes shared one.
	Commits uint64
}

// writeStats is the counters behind WriteStats.
type writeStats struct {
	writes, commits atomic.Uint64
	lastTx          atomic.Uint64
}

// ran counts a write function run in transaction tx: a transaction not
// seen before is a commit.
func (w *writeStats) ran(tx int) {
	w.writes.Add(1)
	if w.lastTx.Swap(uint64(tx)) != uint64(tx) {
		w.commits.Add(1)
	}
}

// WriteStats returns the writes and commits since Open.
func (s *DB) WriteStats() WriteStats {
	return WriteStats{Writes: s.stats.writes.Load(), Commits: s.stats.commits.Load()}
}
