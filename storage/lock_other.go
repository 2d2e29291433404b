//go:build !unix

package storage

import "os"

// lockFile does nothing where flock(2) does not exist.
func lockFile(*os.File) error { return nil }

// unlockFile does nothing where flock(2) does not exist.
func unlockFile(*os.File) error { return nil }

// tryLock reports false where flock(2) does not exist: a copy cannot be
// told stale, so none is removed.
func tryLock(*os.File) bool { return false }
