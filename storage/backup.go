package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the database to w, from one read
// transaction: writers go on meanwhile, and the copy holds the state at
// its start. It returns the number of bytes written. Cancelling ctx stops
// the copy.
func (s *DB) Backup(ctx context.Context, w io.Writer) (int64, error) {
	return s.StreamBackup(ctx, func(int64) (io.Writer, error) { return w, nil })
}

// StreamBackup writes a consistent copy of the database like Backup, but
// first calls begin with the exact size of the copy in bytes, so that a
// receiver can tell a whole copy from one cut short; the copy goes to the
// writer begin returns. It returns the number of bytes written.
func (s *DB) StreamBackup(ctx context.Context, begin func(size int64) (io.Writer, error)) (int64, error) {
	var n int64
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		w, err := begin(tx.Size())
		if err != nil {
			return err
		}
		n, err = tx.WriteTo(ctxWriter{ctx: ctx, w: w})
		return err
	})
	if err != nil {
		return n, fmt.Errorf("backup %s: %w", s.path, err)
	}
	return n, nil
}

// BackupFile writes a consistent copy of the database to path with
// WriteBackupFile: path ends up holding either what it held before or a
// whole, checked copy. The path must not be the database's own.
func (s *DB) BackupFile(ctx context.Context, path string) error {
	return WriteBackupFile(path, s.path, func(w io.Writer) error {
		_, err := s.Backup(ctx, w)
		return err
	})
}

// ErrSameFile is returned (with ErrInvalid) by WriteBackupFile for a
// backup that would replace the database it copies.
var ErrSameFile = errors.New("the backup file is the database itself")

// backupTempSuffix names the temporary file a backup to "dir/name" is
// written in: "dir/.name.tmp-<random>".
const backupTempSuffix = ".tmp-"

// WriteBackupFile writes a copy of a database, which fill writes, to path
// with mode 0600. The copy goes to a temporary file beside path, locked
// while it is written; it is synced, opened read-only and checked page by
// page (see Open), and only then renamed over path, and the directory
// synced. So path holds either its old content or a whole database, never
// a part. Temporary files of earlier backups to path that were killed
// midway (unlocked, so no backup is writing them) are removed first.
//
// A path that names the database at live (the same file, through any
// link, or the same path) is refused with ErrSameFile: renaming over the
// live file would leave its process writing to a file nobody can open.
func WriteBackupFile(path, live string, fill func(w io.Writer) error) (err error) {
	if err := RefuseLive(path, live); err != nil {
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	removeStaleBackups(dir, base)
	f, err := os.CreateTemp(dir, "."+base+backupTempSuffix+"*")
	if err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
			err = fmt.Errorf("backup to %s: %w", path, err)
		}
	}()
	// Locked while written: a later backup removes only unlocked ones.
	if err := lockFile(f); err != nil {
		return err
	}
	if err := f.Chmod(fileMode); err != nil {
		return err
	}
	if err := fill(f); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	// bbolt's read-only open takes a shared lock: let go of ours for the
	// moment it checks (a cleanup racing into that moment makes the rename
	// fail, never a bad file).
	if err := unlockFile(f); err != nil {
		return err
	}
	if err := VerifyFile(tmp); err != nil {
		return fmt.Errorf("the copy does not check out, so it was not kept: %w", err)
	}
	if err := RefuseLive(path, live); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return syncDir(dir)
}

// RefuseLive returns an error wrapping ErrSameFile when path names the
// database at live (the same path, another name of it, or the same file):
// a backup must never replace the database it copies.
func RefuseLive(path, live string) error {
	if live == "" {
		return nil
	}
	same, err := samePath(path, live)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if same {
		return fmt.Errorf("backup to %s: %w: %w (%s): choose another file", path, ErrInvalid, ErrSameFile, live)
	}
	return nil
}

// VerifyFile checks that the file at path is a whole interviewbot
// database: every page is checked as Open checks them, however long that
// takes, then bbolt opens it read-only (with faults recovered) and finds
// its meta bucket. Damage is an error wrapping ErrCorrupt.
func VerifyFile(path string) (err error) {
	defer guard(path, faultsPanic(), &err)
	// The pages first: bbolt would take an empty file for a new one.
	if _, err := checkFile(path, 0, true); err != nil {
		return err
	}
	b, err := bbolt.Open(path, fileMode, &bbolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("open %s: %w: %w", path, ErrCorrupt, err)
	}
	defer b.Close()
	return b.View(func(tx *bbolt.Tx) error {
		if tx.Bucket([]byte(bucketMeta)) == nil {
			return fmt.Errorf("open %s: %w: no %s bucket: not an interviewbot database", path, ErrCorrupt, bucketMeta)
		}
		return nil
	})
}

// removeStaleBackups removes the temporary files that backups to
// dir/base left when they were killed: those no process holds locked.
// Older versions named them ".interviewbot-backup-*" and did not lock them.
func removeStaleBackups(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() ||
			!strings.HasPrefix(name, "."+base+backupTempSuffix) && !strings.HasPrefix(name, ".interviewbot-backup-") {
			continue
		}
		p := filepath.Join(dir, name)
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		if tryLock(f) {
			_ = os.Remove(p)
		}
		_ = f.Close()
	}
}

// ctxWriter stops a copy when its context is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// samePath reports whether two paths name the same file: the same file
// (inode) when both exist, else the same absolute, cleaned path with
// symbolic links resolved as far as they exist.
func samePath(a, b string) (bool, error) {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(ia, ib), nil
	}
	ra, rb := resolved(a), resolved(b)
	if ra == rb {
		return true, nil
	}
	return false, errors.Join(errA, errB)
}

// resolved returns path absolute and cleaned, with symbolic links resolved
// in the longest part of it that exists.
func resolved(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	dir, rest := abs, ""
	for {
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
}
