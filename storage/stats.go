package storage

import "sync/atomic"

// WriteStats counts a store's writes since Open.
type WriteStats struct {
	// Writes is the number of write operations committed: calls of the
	// methods that change the file (a RecordAttempt, a PutChat …).
	Writes uint64
	// Commits is the number of transactions that carried them, each
	// fsynced: fewer than Writes when concurrent writes shared one.
	Commits uint64
}

// writeStats is the counters behind WriteStats.
type writeStats struct {
	writes, commits atomic.Uint64
}

// committed counts a transaction that carried n writes.
func (w *writeStats) committed(n int) {
	w.writes.Add(uint64(n))
	w.commits.Add(1)
}

// WriteStats returns the writes and commits since Open.
func (s *DB) WriteStats() WriteStats {
	return WriteStats{Writes: s.stats.writes.Load(), Commits: s.stats.commits.Load()}
}
