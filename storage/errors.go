package storage

import "errors"

// ErrLocked is returned by Open when another process holds the database
// file's lock for longer than Options.LockTimeout.
var ErrLocked = errors.New("the database is in use by another interviewbot process")

// ErrSchemaTooNew is returned by Open when the file was written by a newer
// version of interviewbot than this one, whose layout it cannot read.
var ErrSchemaTooNew = errors.New("the database was written by a newer interviewbot")

// ErrClosed is returned by the methods of a DB that has been closed.
var ErrClosed = errors.New("the database is closed")

// ErrCorrupt is returned when a stored value or the layout of the file is
// not what this package writes; the error names the bucket and key.
var ErrCorrupt = errors.New("corrupt database")

// ErrInvalid is returned for a key or a record the store cannot keep, such
// as an empty key or a record that contradicts itself.
var ErrInvalid = errors.New("invalid record")

// errStopped ends a walk over records early, when its caller has seen
// enough; it never leaves the package.
var errStopped = errors.New("stopped")
