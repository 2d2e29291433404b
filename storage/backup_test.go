package storage_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/storage"
)

// TestBackupWhileWriting takes backups while writers record attempts, and
// checks each backup opens and is consistent: every user's answer count
// matches their attempts, which one transaction writes together.
func TestBackupWhileWriting(t *testing.T) {
	db := openTemp(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var (
		wg       sync.WaitGroup
		recorded atomic.Int64
	)
	for i := range 4 {
		wg.Go(func() {
			u := user(fmt.Sprintf("telegram:%d", i+1))
			for j := 0; ctx.Err() == nil; j++ {
				c := answer(u, u.Key, fmt.Sprintf("q%d", j%7), strings.Repeat("reply ", 20), 0.5)
				if _, err := db.RecordAttempt(ctx, c); err != nil {
					if ctx.Err() == nil {
						t.Error(err)
					}
					return
				}
				u = c.User
				recorded.Add(1)
			}
		})
	}
	dir := t.TempDir()
	for i := range 5 {
		for recorded.Load() < int64(20*(i+1)) {
			time.Sleep(time.Millisecond)
		}
		path := filepath.Join(dir, fmt.Sprintf("backup-%d.db", i))
		if i%2 == 0 {
			must(t, db.BackupFile(ctx, path))
		} else {
			var buf bytes.Buffer
			n, err := db.Backup(ctx, &buf)
			if err != nil {
				t.Fatal(err)
			}
			if n != int64(buf.Len()) {
				t.Errorf("Backup reported %d bytes, wrote %d", n, buf.Len())
			}
			must(t, os.WriteFile(path, buf.Bytes(), 0o600))
		}
		checkConsistent(t, path)
	}
	cancel()
	wg.Wait()
}

func checkConsistent(t *testing.T, path string) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("%s: mode %v, want 0600", filepath.Base(path), info.Mode().Perm())
	}
	b, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	users, err := b.Export(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, u := range users {
		total += len(u.Attempts)
		if u.User.Answered != len(u.Attempts) {
			t.Errorf("%s: %s answered %d but has %d attempts", filepath.Base(path), u.User.Key, u.User.Answered, len(u.Attempts))
		}
	}
	t.Logf("%s: %d users, %d attempts", filepath.Base(path), len(users), total)
}

func TestBackupFileReplacesAtomically(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	must(t, db.PutUser(ctx, user("telegram:1")))
	path := filepath.Join(t.TempDir(), "backup.db")
	must(t, os.WriteFile(path, []byte("old backup"), 0o644))
	must(t, db.BackupFile(ctx, path))
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("files beside the backup: %v", entries)
	}
	b, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := b.User(ctx, "telegram:1"); err != nil {
		t.Error(err)
	}
	if err := db.BackupFile(ctx, db.Path()); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("BackupFile over the database itself: err = %v, want ErrInvalid", err)
	}
	if err := db.BackupFile(ctx, filepath.Join(t.TempDir(), "missing", "dir", "b.db")); err == nil {
		t.Error("BackupFile into a missing directory succeeded")
	}
}

// A backup cut short (the copying process killed, the stream broken) is
// never renamed into place: the old file stays, no temporary is left, and
// the error says why. Before, a partial copy was renamed and reported as
// written; opening it panicked.
func TestWriteBackupFileRefusesPartialCopy(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	fillUsers(t, db, 4, 30)
	var whole bytes.Buffer
	size, err := db.StreamBackup(ctx, func(n int64) (io.Writer, error) {
		if n <= 0 {
			t.Errorf("announced size %d", n)
		}
		return &whole, nil
	})
	must(t, err)
	if size != int64(whole.Len()) {
		t.Fatalf("StreamBackup wrote %d bytes, returned %d", whole.Len(), size)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "backup.db")
	must(t, os.WriteFile(path, []byte("the previous backup"), 0o600))
	for _, n := range []int{0, 4096, whole.Len() / 2, whole.Len() - 1} {
		err := storage.WriteBackupFile(path, db.Path(), func(w io.Writer) error {
			_, err := w.Write(whole.Bytes()[:n])
			return err
		})
		if !errors.Is(err, storage.ErrCorrupt) {
			t.Errorf("%d of %d bytes: err = %v, want ErrCorrupt", n, whole.Len(), err)
		}
		if got, _ := os.ReadFile(path); string(got) != "the previous backup" {
			t.Errorf("%d of %d bytes: the previous backup was replaced", n, whole.Len())
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("%d of %d bytes: files left: %v", n, whole.Len(), entries)
		}
	}
	must(t, storage.WriteBackupFile(path, db.Path(), func(w io.Writer) error {
		_, err := w.Write(whole.Bytes())
		return err
	}))
	must(t, storage.VerifyFile(path))
}

// A backup that would replace the database it copies is refused, however
// the path names it: the same path written otherwise, a symbolic link, a
// hard link. Renamed over the live file, the backup left the bot writing
// to an unlinked file.
func TestBackupFileRefusesTheDatabase(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	dir := filepath.Dir(db.Path())
	sym := filepath.Join(t.TempDir(), "link.db")
	must(t, os.Symlink(db.Path(), sym))
	hard := filepath.Join(dir, "hard.db")
	must(t, os.Link(db.Path(), hard))
	for _, p := range []string{db.Path(), filepath.Join(dir, ".", "x", "..", filepath.Base(db.Path())), sym, hard} {
		if err := db.BackupFile(ctx, p); !errors.Is(err, storage.ErrSameFile) {
			t.Errorf("backup to %s: err = %v, want ErrSameFile", p, err)
		}
		err := storage.WriteBackupFile(p, db.Path(), func(w io.Writer) error { t.Error("fill called"); return nil })
		if !errors.Is(err, storage.ErrSameFile) {
			t.Errorf("WriteBackupFile to %s: err = %v, want ErrSameFile", p, err)
		}
	}
	if _, err := db.User(ctx, "telegram:404"); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("the database after refused backups: %v", err)
	}
}

// Copies left by backups that were killed are removed by the next backup
// to the same file; a copy another backup is writing (locked) is kept.
func TestBackupRemovesStaleCopies(t *testing.T) {
	db := openTemp(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "b.db")
	stale := []string{filepath.Join(dir, ".b.db.tmp-123"), filepath.Join(dir, ".interviewbot-backup-456")}
	for _, p := range stale {
		must(t, os.WriteFile(p, bytes.Repeat([]byte("x"), 1<<20), 0o600))
	}
	busy := filepath.Join(dir, ".b.db.tmp-789")
	f, err := os.Create(busy)
	must(t, err)
	defer f.Close()
	must(t, syscall.Flock(int(f.Fd()), syscall.LOCK_EX))
	other := filepath.Join(dir, ".other.db.tmp-1")
	must(t, os.WriteFile(other, nil, 0o600))

	must(t, db.BackupFile(t.Context(), path))
	for _, p := range stale {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: left (%v)", filepath.Base(p), err)
		}
	}
	for _, p := range []string{busy, other, path} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
		}
	}
}

// fillUsers records n answers for each of people users.
func fillUsers(t *testing.T, db *storage.DB, people, n int) {
	t.Helper()
	var wg sync.WaitGroup
	for i := range people {
		u := user(fmt.Sprintf("telegram:%d", 100+i))
		wg.Go(func() {
			for j := range n {
				c := answer(u, u.Key, fmt.Sprintf("q%d", j), strings.Repeat("答案", 20+j*10), 0.5)
				c.Attempt.Message = fmt.Sprint(j)
				if _, err := db.RecordAttempt(t.Context(), c); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
}

func TestExport(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	if got, err := db.Export(ctx); err != nil || len(got) != 0 {
		t.Fatalf("Export of an empty store = %v, %v", got, err)
	}
	a, b := user("telegram:1"), user("telegram:2")
	must(t, db.PutUser(ctx, b))
	for _, q := range []string{"q1", "q2"} {
		c := answer(a, "telegram:-100", q, "reply to "+q, 0.5)
		if _, err := db.RecordAttempt(ctx, c); err != nil {
			t.Fatal(err)
		}
		a = c.User
	}
	// The pseudo-user of a group has cards but no record.
	if _, err := db.RecordAttempt(ctx, bot.AttemptCommit{User: bot.UserRecord{Key: "group:telegram:-100"}}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, u := range got {
		keys = append(keys, u.User.Key)
	}
	if strings.Join(keys, " ") != "group:telegram:-100 telegram:1 telegram:2" {
		t.Fatalf("exported users %v", keys)
	}
	if len(got[1].Attempts) != 2 || len(got[1].Cards) != 2 || got[1].User.Answered != 2 || got[1].User.Name != a.Name {
		t.Errorf("export of telegram:1 = %+v", got[1])
	}
	data, err := json.Marshal(got[2])
	if err != nil {
		t.Fatal(err)
	}
	var generic map[string]json.RawMessage
	must(t, json.Unmarshal(data, &generic))
	if string(generic["attempts"]) != "[]" || string(generic["cards"]) != "[]" || generic["user"] == nil {
		t.Errorf("JSON of a user without progress = %s", data)
	}
}
