package storage_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/storage"
)

func TestOpenCreatesPrivateDirAndFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "nested", "bot.db")
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Path() != path {
		t.Errorf("Path() = %q, want %q", db.Path(), path)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("file mode = %v, want 0600", got)
	}
	dir, err := os.Stat(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if got := dir.Mode().Perm(); got != 0o700 {
		t.Errorf("directory mode = %v, want 0700", got)
	}
	// The new file was laid out beside the path and linked into place:
	// nothing else is left.
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("files beside a new database: %v", entries)
	}
}

func TestOpenTightensFileMode(t *testing.T) {
	db := openTemp(t)
	path := db.Path()
	must(t, db.Close())
	must(t, os.Chmod(path, 0o644))
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("file mode after open = %v, want 0600", got)
	}
}

func TestOpenLockedFailsFast(t *testing.T) {
	db := openTemp(t)
	for _, timeout := range []time.Duration{0, 200 * time.Millisecond} {
		start := time.Now()
		db2, err := storage.Open(db.Path(), storage.Options{LockTimeout: timeout})
		elapsed := time.Since(start)
		if err == nil {
			db2.Close()
			t.Fatalf("timeout %v: second Open of a locked file succeeded", timeout)
		}
		if !errors.Is(err, storage.ErrLocked) || !errors.Is(err, bolterrors.ErrTimeout) {
			t.Errorf("timeout %v: err = %v, want ErrLocked wrapping bbolt's ErrTimeout", timeout, err)
		}
		if msg := err.Error(); !strings.Contains(msg, db.Path()) || !strings.Contains(msg, "in use by another interviewbot process") {
			t.Errorf("timeout %v: message %q does not name the path and the cause", timeout, msg)
		}
		// bbolt's bare "timeout" at the end read like a crash to a new user.
		if msg := err.Error(); strings.HasSuffix(msg, "timeout") || !strings.Contains(msg, "--db") {
			t.Errorf("timeout %v: message %q does not say what to do", timeout, msg)
		}
		want := timeout
		if want == 0 {
			want = storage.DefaultLockTimeout
		}
		if elapsed > want+500*time.Millisecond {
			t.Errorf("timeout %v: Open took %v", timeout, elapsed)
		}
	}
	// The first handle still works.
	must(t, db.PutUser(t.Context(), user("telegram:1")))
}

func TestClose(t *testing.T) {
	db := openTemp(t)
	must(t, db.Close())
	must(t, db.Close())
	if _, err := db.User(t.Context(), "telegram:1"); !errors.Is(err, storage.ErrClosed) {
		t.Errorf("User after Close: err = %v, want ErrClosed", err)
	}
	if err := db.PutUser(t.Context(), user("telegram:1")); !errors.Is(err, storage.ErrClosed) {
		t.Errorf("PutUser after Close: err = %v, want ErrClosed", err)
	}
	if err := db.ForgetUser(t.Context(), "telegram:1"); !errors.Is(err, storage.ErrClosed) {
		t.Errorf("ForgetUser after Close: err = %v, want ErrClosed", err)
	}
}

// TestCancelledContext checks that every method gives up before starting
// when its context is done.
func TestCancelledContext(t *testing.T) {
	db := openTemp(t)
	u := user("telegram:1")
	must(t, db.PutUser(t.Context(), u))
	must(t, db.PutChat(t.Context(), privateChat(u.Key)))
	d := delivery("d1", t0)
	must(t, func() error { _, err := db.Enqueue(t.Context(), d); return err }())

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	calls := map[string]func() error{
		"User":          func() error { _, err := db.User(ctx, u.Key); return err },
		"PutUser":       func() error { return db.PutUser(ctx, u) },
		"ForgetUser":    func() error { return db.ForgetUser(ctx, u.Key) },
		"Chat":          func() error { _, err := db.Chat(ctx, u.Key); return err },
		"PutChat":       func() error { return db.PutChat(ctx, privateChat(u.Key)) },
		"Subscriptions": func() error { _, err := db.Subscriptions(ctx); return err },
		"ClaimSlot":     func() error { _, err := db.ClaimSlot(ctx, u.Key, t0, nil); return err },
		"RecordAttempt": func() error {
			_, err := db.RecordAttempt(ctx, answer(u, u.Key, "q1", "x", 0.5))
			return err
		},
		"Attempt":  func() error { _, err := db.Attempt(ctx, u.Key, 1); return err },
		"Attempts": func() error { _, err := db.Attempts(ctx, u.Key); return err },
		"Rerate": func() error {
			return db.Rerate(ctx, u.Key, 1, 2, bot.ReviewCard{QuestionID: "q1"})
		},
		"Card":          func() error { _, err := db.Card(ctx, u.Key, "q1"); return err },
		"Cards":         func() error { _, err := db.Cards(ctx, u.Key); return err },
		"Pending":       func() error { _, err := db.Pending(ctx, u.Key, u.Key); return err },
		"PutPending":    func() error { return db.PutPending(ctx, bot.Pending{ChatKey: u.Key, UserKey: u.Key}) },
		"DeletePending": func() error { return db.DeletePending(ctx, u.Key, u.Key) },
		"PutQuestionMessage": func() error {
			return db.PutQuestionMessage(ctx, bot.QuestionMessage{ChatKey: u.Key, MessageID: "7"})
		},
		"QuestionMessage": func() error { _, err := db.QuestionMessage(ctx, u.Key, "7"); return err },
		"Enqueue":         func() error { _, err := db.Enqueue(ctx, delivery("d2", t0)); return err },
		"DueDeliveries":   func() error { _, err := db.DueDeliveries(ctx, t0, 10); return err },
		"MarkSent":        func() error { return db.MarkSent(ctx, "d1", "m1", t0) },
		"MarkFailed":      func() error { return db.MarkFailed(ctx, "d1", "down", t0, false) },
		"OutboxDepth":     func() error { _, err := db.OutboxDepth(ctx); return err },
		"Backup":          func() error { _, err := db.Backup(ctx, new(strings.Builder)); return err },
		"BackupFile":      func() error { return db.BackupFile(ctx, filepath.Join(t.TempDir(), "b.db")) },
		"Export":          func() error { _, err := db.Export(ctx); return err },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: err = %v, want context.Canceled", name, err)
		}
	}
	// Nothing changed.
	if _, err := db.User(t.Context(), u.Key); err != nil {
		t.Errorf("user gone after cancelled calls: %v", err)
	}
	if n, _ := db.OutboxDepth(t.Context()); n != 1 {
		t.Errorf("outbox depth = %d, want 1", n)
	}
}
