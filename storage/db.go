package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/interviewbot/interviewbot/bot"
)

var _ bot.Store = (*DB)(nil)

// DefaultLockTimeout is how long Open waits for another process to release
// the file when Options.LockTimeout is zero.
const DefaultLockTimeout = time.Second

// fileMode is the mode of the database file and of every copy of it: the
// file holds what people typed, so only its owner may read it.
const fileMode fs.FileMode = 0o600

// Options configures Open.
type Options struct {
	// LockTimeout is how long Open waits for another process holding the
	// file to let it go. Zero (or less) means DefaultLockTimeout: bbolt
	// would otherwise wait forever.
	LockTimeout time.Duration
	// Logger receives the few events worth noting (a file upgraded, its
	// mode tightened, a forget finished on open). Nil discards them.
	Logger *slog.Logger
	// FullCheck makes Open check every page of the file (see checkPages),
	// however long that takes. Without it, Open checks for at most
	// DefaultCheckBudget.
	FullCheck bool
}

// DB is the bbolt store of the bot. It is safe for concurrent use.
type DB struct {
	path string
	opts Options
	log  *slog.Logger

	// mu guards bolt: every operation holds it for reading, and the swap
	// of the file after ForgetUser and Close hold it for writing.
	mu   sync.RWMutex
	bolt *bbolt.DB // nil once closed

	// commits groups concurrent writes into shared transactions.
	commits groupCommit
	health  health
	stats   writeStats
}

// Open opens the database at path, creating it (and its directory, mode
// 0700) when missing, with mode 0600. It upgrades the file when it was
// written by an older version, and fails with ErrSchemaTooNew when it was
// written by a newer one. When another process has the file open, Open
// fails with ErrLocked after opts.LockTimeout.
//
// Open checks the file first (see Options.FullCheck) and fails with
// ErrCorrupt, never a panic, when it is damaged: cut short, overwritten,
// or empty. An existing empty file is refused rather than taken for a new
// database: Open never leaves one behind (a new file is laid out beside
// the path and linked into place whole), so an empty file at the path is
// a copy or a restore that went wrong.
func Open(path string, opts Options) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("open database: %w: empty path", ErrInvalid)
	}
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open %s: create directory: %w", path, err)
	}
	if err := createIfMissing(path); err != nil {
		return nil, err
	}
	b, err := openBolt(path, opts.LockTimeout)
	if err != nil {
		return nil, explainDamage(path, err)
	}
	start := time.Now()
	complete, err := checkFile(path, DefaultCheckBudget, opts.FullCheck)
	if err != nil {
		_ = b.Close()
		return nil, err
	}
	if !complete {
		log.Warn("database check stopped after its time budget: the rest of the file was not read; run with a full check to read all of it",
			"path", path, "budget", DefaultCheckBudget)
	} else if opts.FullCheck {
		log.Info("database checked in full", "path", path, "took", time.Since(start).Round(time.Millisecond))
	}
	s := &DB{path: path, opts: opts, log: log, bolt: b}
	if err := s.init(); err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// createIfMissing lays out a new database when nothing is at path: in a
// temporary file beside it, synced, then hard-linked to path (which fails,
// harmlessly, if another process got there first). So the path never
// holds a half-made file, and a file found empty there is not one of ours.
// An existing empty file is refused.
func createIfMissing(path string) error {
	info, err := os.Stat(path)
	switch {
	case err == nil && info.Size() == 0 && info.Mode().IsRegular():
		return fmt.Errorf("open %s: %w: the file is empty (0 bytes), so it holds no database; "+
			"delete it to start a new database", path, ErrCorrupt)
	case err == nil || !errors.Is(err, fs.ErrNotExist):
		return nil // bbolt reports anything else
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, base+newSuffix+"*")
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if err := f.Close(); err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	b, err := bbolt.Open(tmp, fileMode, &bbolt.Options{Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if err := b.Close(); err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if err := os.Chmod(tmp, fileMode); err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, fs.ErrExist) {
		// A file system without hard links: a rename, which could
		// replace a file another process made in the same instant.
		if _, serr := os.Stat(path); errors.Is(serr, fs.ErrNotExist) {
			if err := os.Rename(tmp, path); err != nil {
				return fmt.Errorf("create %s: %w", path, err)
			}
		}
	}
	return syncDir(dir)
}

// lockedError says that another process holds the file's lock. It wraps
// ErrLocked and bbolt's timeout, but its text ends with what to do, not
// with bbolt's bare "timeout", which read like a crash.
type lockedError struct {
	path   string
	waited time.Duration
	cause  error
}

func (e lockedError) Error() string {
	return fmt.Sprintf("open %s: %v (waited %s for its lock): stop the other one, or give this one another file with --db", e.path, ErrLocked, e.waited)
}

func (e lockedError) Unwrap() []error { return []error{ErrLocked, e.cause} }

// newSuffix names the file a new database is laid out in:
// "<file>.new-<random>".
const newSuffix = ".new-"

// openBolt opens a bbolt file with the package's mode and lock timeout. A
// damaged file is an error wrapping ErrCorrupt, not a panic.
func openBolt(path string, timeout time.Duration) (b *bbolt.DB, err error) {
	defer guard(path, faultsPanic(), &err)
	b, err = bbolt.Open(path, fileMode, &bbolt.Options{Timeout: timeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, lockedError{path: path, waited: timeout, cause: err}
	}
	if errors.Is(err, bolterrors.ErrInvalid) || errors.Is(err, bolterrors.ErrChecksum) || errors.Is(err, bolterrors.ErrVersionMismatch) {
		return nil, fmt.Errorf("open %s: %w: %w", path, ErrCorrupt, err)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return b, nil
}

// init runs once the file is open and locked: it tightens the file's mode,
// upgrades its schema, finishes an interrupted ForgetUser and removes the
// leftovers of one.
func (s *DB) init() error {
	info, err := os.Stat(s.path)
	if err != nil {
		return err
	}
	if info.Mode().Perm()&^fileMode != 0 {
		if err := os.Chmod(s.path, fileMode); err != nil {
			return fmt.Errorf("restrict file mode: %w", err)
		}
		s.log.Warn("database file mode tightened", "path", s.path, "was", info.Mode().Perm().String())
	}
	upgraded, err := s.upgrade()
	if err != nil {
		return err
	}
	s.removeStaleTemps()
	pending, err := s.compactPending()
	if err != nil {
		return err
	}
	if pending {
		start := time.Now()
		if err := s.compactLocked(); err != nil {
			return fmt.Errorf("finish rewriting the file compactly: %w", err)
		}
		if upgraded {
			s.log.Info("rewrote the upgraded file compactly", "path", s.path, "took", time.Since(start).Round(time.Millisecond))
		} else {
			s.log.Info("rewrote the file compactly, after an interrupted forget or upgrade", "path", s.path)
		}
	}
	return nil
}

// removeStaleTemps deletes the temporary copies an interrupted compaction
// left beside the file. The file's lock is held, so no other process is
// writing them.
func (s *DB) removeStaleTemps() {
	dir, base := filepath.Split(s.path)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), base+compactSuffix) || strings.HasPrefix(e.Name(), base+newSuffix) {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// Path returns the path of the database file.
func (s *DB) Path() string { return s.path }

// Close closes the database, waiting for the operations in progress. It is
// safe to call more than once.
func (s *DB) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.bolt == nil {
		return nil
	}
	err := s.bolt.Close()
	s.bolt = nil
	if err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}

// view runs fn in a read transaction.
func (s *DB) view(ctx context.Context, fn func(*bbolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.bolt == nil {
		return ErrClosed
	}
	return s.bolt.View(fn)
}

// batch runs fn in a write transaction shared with concurrent writers (see
// groupCommit), and returns once it is committed to disk.
//
// fn runs again when another function of its transaction fails, so it
// must set (not accumulate) what it reports, and must return an error only
// for a failure that should roll its writes back. A business outcome (not
// found, nothing to do) is reported through a variable with a nil error,
// so that one caller's miss does not make the others of its transaction
// run twice; such outcomes are decided before fn writes.
func (s *DB) batch(ctx context.Context, fn func(*bbolt.Tx) error) error {
	return s.write(ctx, fn, true)
}

// write runs fn like batch; record says whether the commit's outcome
// counts for Health (Health's own probe does not).
func (s *DB) write(ctx context.Context, fn func(*bbolt.Tx) error, record bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.bolt == nil {
		return ErrClosed
	}
	return s.commits.do(s.bolt, commitHooks{health: &s.health, stats: &s.stats}, fn, record)
}
