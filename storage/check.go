package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime/debug"
	"time"
)

// DefaultCheckBudget is how long Open spends checking the file, unless
// Options.FullCheck asks for all of it. Reading pages goes at a few
// hundred megabytes a second, so only large files are checked in part.
const DefaultCheckBudget = time.Second

// guard turns the panics and memory faults that a damaged file causes
// inside bbolt (it reads the file through a memory map: a page past the
// end of a truncated file is a SIGBUS, garbage in a page an index out of
// range) into an error wrapping ErrCorrupt. Defer it with the result of
// faultsPanic. A bbolt handle abandoned by such a panic keeps the file
// locked until the process ends, which a command reporting the damage
// does at once.
func guard(path string, restore bool, err *error) {
	debug.SetPanicOnFault(restore)
	if p := recover(); p != nil {
		*err = fmt.Errorf("open %s: %w: reading it failed (%v)", path, ErrCorrupt, p)
	}
}

// faultsPanic makes memory faults of the calling goroutine panics that
// guard recovers, and returns the previous setting.
func faultsPanic() bool { return debug.SetPanicOnFault(true) }

// checkFile checks the pages of the file at path (see checkPages), for
// at most budget unless full. The caller holds the file's lock. Damage is
// an error wrapping ErrCorrupt; complete reports whether every page was
// checked.
func checkFile(path string, budget time.Duration, full bool) (complete bool, err error) {
	var deadline time.Time
	if !full {
		deadline = time.Now().Add(budget)
	}
	switch err := checkPages(path, deadline); {
	case err == nil:
		return true, nil
	case errors.Is(err, errBudget):
		return false, nil
	default:
		return false, fmt.Errorf("open %s: %w: %w", path, ErrCorrupt, err)
	}
}

// explainDamage returns err, the failure of bbolt to open path, or, when
// the file's pages show why (bbolt's own messages, such as "invalid
// freelist page: 0", do not say the file was cut short), an error naming
// the damage and wrapping ErrCorrupt.
func explainDamage(path string, err error) error {
	var pe *fs.PathError
	if errors.Is(err, ErrLocked) || errors.As(err, &pe) {
		return err
	}
	damage := checkPages(path, time.Now().Add(DefaultCheckBudget))
	if damage == nil || errors.Is(damage, errBudget) {
		return err
	}
	return fmt.Errorf("open %s: %w: %w", path, ErrCorrupt, damage)
}
