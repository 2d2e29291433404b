package main

import (
	"fmt"
	"io"
	"io/fs"
)

// defaultNotesMaxMB is the largest notes file read, in megabytes, when the
// configuration does not say (bank.max_file_mb). Real notes run to a few
// hundred kilobytes; a 50 MB file took 9 s and 400 MB of memory to load.
const defaultNotesMaxMB = 10

// limitFS is a file system of notes whose files may be at most max bytes:
// opening or reading a larger one fails with an error that says so, which
// the bank reports with the file's name, and the rest of the notes load.
type limitFS struct {
	fsys fs.FS
	max  int64
}

// tooBigError is the error for a file over the limit.
type tooBigError struct {
	size, max int64 // size is -1 when unknown (read past the limit)
}

func (e *tooBigError) Error() string {
	if e.size < 0 {
		return fmt.Sprintf("the file is over the %s limit for a notes file (bank.max_file_mb); split it or raise the limit", mb(e.max))
	}
	return fmt.Sprintf("the file is %s, over the %s limit for a notes file (bank.max_file_mb); split it or raise the limit", mb(e.size), mb(e.max))
}

// mb formats a byte count in megabytes.
func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// Open opens a file, refusing a regular file over the limit; what it
// returns fails reading past the limit too (a file that grew, a device).
func (l limitFS) Open(name string) (fs.File, error) {
	f, err := l.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if info.IsDir() {
		return f, nil
	}
	if info.Size() > l.max {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: &tooBigError{size: info.Size(), max: l.max}}
	}
	return &limitFile{File: f, name: name, left: l.max, max: l.max}, nil
}

// limitFile is an open notes file that fails reading past the limit.
type limitFile struct {
	fs.File
	name string
	left int64
	max  int64
}

func (f *limitFile) Read(p []byte) (int, error) {
	if f.left <= 0 {
		// One byte more tells a file of exactly the limit from a bigger one.
		var one [1]byte
		if n, _ := f.File.Read(one[:]); n == 0 {
			return 0, io.EOF
		}
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: &tooBigError{size: -1, max: f.max}}
	}
	if int64(len(p)) > f.left {
		p = p[:f.left]
	}
	n, err := f.File.Read(p)
	f.left -= int64(n)
	return n, err
}
