package storage_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
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
