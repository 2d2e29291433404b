package storage_test

import (
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
)

// With the disk full, reads go on but commits fail: Health must say so
// (it only read before, and /healthz said ok while every answer was lost).
// A file size limit (RLIMIT_FSIZE, set in a child process) plays the full
// disk: the file cannot grow, as on a disk without free blocks.
func TestHealthFailsWhileWritesFail(t *testing.T) {
	if !inChild(t) {
		return
	}
	db := openTemp(t)
	ctx := t.Context()
	if err := db.Health(ctx); err != nil {
		t.Fatalf("a new database is unhealthy: %v", err)
	}
	info, err := os.Stat(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	var old syscall.Rlimit
	must(t, syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old))
	full := old
	full.Cur = uint64(info.Size())
	must(t, syscall.Setrlimit(syscall.RLIMIT_FSIZE, &full))
	restored := false
	restore := func() {
		if !restored {
			must(t, syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old))
			restored = true
		}
	}
	defer restore()

	u := user("telegram:1")
	var writeErr error
	for i := range 200 {
		c := answer(u, u.Key, fmt.Sprintf("q%d", i), strings.Repeat("答", 2000), 0.5)
		if _, writeErr = db.RecordAttempt(ctx, c); writeErr != nil {
			break
		}
	}
	if writeErr == nil {
		t.Fatal("no write failed with the file size capped: the test proves nothing")
	}
	err = db.Health(ctx)
	if err == nil || !strings.Contains(err.Error(), "writes failing") {
		t.Errorf("Health while writes fail = %v", err)
	}
	if _, err := db.User(ctx, u.Key); err != nil && !strings.Contains(err.Error(), "not found") {
		t.Errorf("reads stopped too: %v", err)
	}

	restore()
	must(t, db.PutUser(ctx, u))
	if err := db.Health(ctx); err != nil {
		t.Errorf("Health once writes succeed again = %v", err)
	}
}
