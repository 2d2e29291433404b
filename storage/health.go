package storage

import (
	"context"
	"encoding/binary"
	"fmt"
	"sync"
	"time"

	"go.etcd.io/bbolt"
)

// Health tells whether the database takes writes. A read answering is not
// enough: with the disk full, reads go on while every attempt fails to
// commit, and /healthz said ok.
const (
	// healthFailWindow is how long a failed commit keeps Health failing
	// when no commit has succeeded since.
	healthFailWindow = 5 * time.Minute
	// healthProbeEvery is how often Health writes a probe; in between it
	// gives the last probe's result, so a busy health check costs no
	// extra fsyncs.
	healthProbeEvery = 10 * time.Second
)

// metaHealthProbe is the meta key Health's probe writes: the time of the
// probe, big-endian unix nanoseconds.
const metaHealthProbe = "health_probe"

// health records the outcome of commits and of the last probe.
type health struct {
	mu         sync.Mutex
	failedAt   time.Time
	failErr    error
	okAt       time.Time
	probedAt   time.Time
	probeErr   error
	probeRunMu sync.Mutex // one probe at a time
}

// commit records a commit's outcome: failed when bbolt could not commit.
// Outcomes of the functions run in the transaction are not the disk's and
// are not recorded.
func (h *health) commit(failed bool, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if failed {
		h.failedAt, h.failErr = time.Now(), err
	} else if err == nil {
		h.okAt = time.Now()
	}
}

// recentFailure returns the last commit failure when it happened within
// healthFailWindow and no commit succeeded since.
func (h *health) recentFailure(now time.Time) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.failedAt.IsZero() || h.okAt.After(h.failedAt) || now.Sub(h.failedAt) > healthFailWindow {
		return nil
	}
	return fmt.Errorf("writes failing: the last commit failed %s ago: %w", now.Sub(h.failedAt).Round(time.Second), h.failErr)
}

// Health returns nil when the database answers reads and takes writes:
// no commit has failed in the last minutes without one succeeding since,
// and a small probe write (made at most every healthProbeEvery) commits.
func (s *DB) Health(ctx context.Context) error {
	if err := s.view(ctx, func(tx *bbolt.Tx) error {
		_, err := bucket(tx, bucketMeta)
		return err
	}); err != nil {
		return fmt.Errorf("database %s: read: %w", s.path, err)
	}
	if err := s.health.recentFailure(time.Now()); err != nil {
		return fmt.Errorf("database %s: %w", s.path, err)
	}
	if err := s.probe(ctx); err != nil {
		return fmt.Errorf("database %s: write probe: %w", s.path, err)
	}
	return nil
}

// probe writes the probe key, or returns the last probe's result when it
// is recent.
func (s *DB) probe(ctx context.Context) error {
	s.health.probeRunMu.Lock()
	defer s.health.probeRunMu.Unlock()
	s.health.mu.Lock()
	at, last := s.health.probedAt, s.health.probeErr
	s.health.mu.Unlock()
	if time.Since(at) < healthProbeEvery {
		return last
	}
	now := time.Now()
	err := s.write(ctx, func(tx *bbolt.Tx) error {
		meta, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		return meta.Put([]byte(metaHealthProbe), binary.BigEndian.AppendUint64(nil, uint64(now.UnixNano())))
	}, false)
	if ctx.Err() != nil {
		return err // not the disk's answer: not kept
	}
	s.health.mu.Lock()
	s.health.probedAt, s.health.probeErr = now, err
	s.health.mu.Unlock()
	return err
}
