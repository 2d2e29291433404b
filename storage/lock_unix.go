//go:build unix

package storage

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive lock on f without waiting, or fails.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// unlockFile releases the lock lockFile took.
func unlockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}

// tryLock reports whether it could lock f: no process holds it.
func tryLock(f *os.File) bool { return lockFile(f) == nil }
