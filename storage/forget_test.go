package storage_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/storage"
)

// Strings that appear nowhere but in the forgotten person's data.
const (
	goneID    = "7770013"
	goneName  = "Quokkaname Zyxwv"
	goneReply = "Pangolin-lease-42 分布式锁的租约续期"
	keptReply = "Kept-answer-Narwhal 一致性哈希"
)

// fillPeople writes two people's data: the one to forget, everywhere the
// store keeps something about a person, and one to keep.
func fillPeople(t *testing.T, db *storage.DB) (gone, kept bot.UserRecord) {
	t.Helper()
	ctx := t.Context()
	gone = user("telegram:" + goneID)
	gone.Name = goneName
	kept = user("telegram:5550001")
	group := groupChat("telegram:-1009")
	group.Schedule = &bot.Schedule{At: "09:00", Days: "daily", TZ: "UTC"}
	dm := privateChat(gone.Key)
	dm.Schedule = &bot.Schedule{At: "08:00", Days: "daily", TZ: "UTC"}
	// A Discord-style DM whose channel ID is not the person's ID.
	dm2 := bot.ChatRecord{Key: "telegram:dm-31337", Platform: bot.Telegram, ID: "dm-31337", Kind: bot.Private, Owner: gone.Key}
	for _, c := range []bot.ChatRecord{group, dm, dm2, privateChat(kept.Key)} {
		must(t, db.PutChat(ctx, c))
	}
	// Rewrite the person's record a few times, leaving old copies in
	// freed pages.
	for i := range 5 {
		gone.Streak = i
		must(t, db.PutUser(ctx, gone))
	}
	must(t, db.PutUser(ctx, kept))
	for _, p := range []bot.Pending{
		{ChatKey: dm.Key, UserKey: gone.Key, QuestionID: "q1", AskedAt: t0},
		{ChatKey: group.Key, UserKey: gone.Key, QuestionID: "q2", AskedAt: t0},
		{ChatKey: group.Key, UserKey: kept.Key, QuestionID: "q2", AskedAt: t0},
	} {
		must(t, db.PutPending(ctx, p))
	}
	for _, m := range []bot.QuestionMessage{
		{ChatKey: group.Key, MessageID: "1", QuestionID: "q2", UserKey: gone.Key, SentAt: t0},
		{ChatKey: dm2.Key, MessageID: "2", QuestionID: "q1", SentAt: t0},
		{ChatKey: group.Key, MessageID: "3", QuestionID: "q2", SentAt: t0}, // to the whole group
		{ChatKey: group.Key, MessageID: "4", QuestionID: "q2", UserKey: kept.Key, SentAt: t0},
	} {
		must(t, db.PutQuestionMessage(ctx, m))
	}
	toGone := delivery("push/"+dm.Key+"/1", t0)
	toGone.Chat, toGone.UserKey = dm.Chat(), gone.Key
	sentToGone := delivery("push/"+dm.Key+"/0", t0)
	sentToGone.Chat, sentToGone.UserKey = dm.Chat(), gone.Key
	toGroup := delivery("push/"+group.Key+"/1", t0)
	for _, d := range []bot.Delivery{toGone, sentToGone, toGroup} {
		if _, err := db.Enqueue(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	must(t, db.MarkSent(ctx, sentToGone.ID, "99", t0))
	for i, reply := range []string{goneReply, goneReply + " again"} {
		c := answer(gone, group.Key, fmt.Sprintf("q%d", i+1), reply, 0.5)
		c.Attempt.Message = fmt.Sprint(700 + i) // in the message index too
		if _, err := db.RecordAttempt(ctx, c); err != nil {
			t.Fatal(err)
		}
		gone = c.User
	}
	c := answer(kept, group.Key, "q1", keptReply, 0.9)
	c.Attempt.Message = "800"
	if _, err := db.RecordAttempt(ctx, c); err != nil {
		t.Fatal(err)
	}
	return gone, c.User
}

// traces returns the forgotten person's strings found in the file: those
// given, or all.
func traces(t *testing.T, path string, strs ...string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	if len(strs) == 0 {
		strs = []string{goneID, goneName, goneReply, "Pangolin"}
	}
	for _, s := range strs {
		if bytes.Contains(raw, []byte(s)) {
			found = append(found, s)
		}
	}
	if !bytes.Contains(raw, []byte(keptReply)) {
		t.Errorf("%s lost the other person's reply", filepath.Base(path))
	}
	return found
}

func TestForgetUserLeavesNoTrace(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	gone, kept := fillPeople(t, db)

	// Control: deleting the records without rewriting the file leaves
	// their bytes in freed pages, which is what the test must catch.
	control := filepath.Join(t.TempDir(), "control.db")
	must(t, db.BackupFile(ctx, control))
	rawDelete(t, control, gone.Key)
	if len(traces(t, control, goneName, goneReply)) == 0 {
		t.Fatal("control: a plain delete left no trace; the scan below proves nothing")
	}

	must(t, db.ForgetUser(ctx, gone.Key))
	// The DB works on after the swap, before any reopen.
	if _, err := db.User(ctx, gone.Key); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("User after forget: err = %v, want ErrNotFound", err)
	}
	must(t, db.PutUser(ctx, kept))
	path := db.Path()
	must(t, db.Close())
	if found := traces(t, path); len(found) > 0 {
		t.Errorf("the file still holds %q", found)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("files left beside the database: %v", entries)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode after rewrite = %v, want 0600", info.Mode().Perm())
	}

	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkForgotten(t, db, gone, kept)
}

// checkForgotten checks that nothing of gone is left and all of kept is.
func checkForgotten(t *testing.T, db *storage.DB, gone, kept bot.UserRecord) {
	t.Helper()
	ctx := t.Context()
	if _, err := db.User(ctx, gone.Key); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("forgotten user: err = %v", err)
	}
	if atts, _ := db.Attempts(ctx, gone.Key); len(atts) != 0 {
		t.Errorf("forgotten user's attempts: %d", len(atts))
	}
	if cards, _ := db.Cards(ctx, gone.Key); len(cards) != 0 {
		t.Errorf("forgotten user's cards: %d", len(cards))
	}
	for _, k := range []string{gone.Key, "telegram:dm-31337"} {
		if _, err := db.Chat(ctx, k); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("private chat %s: err = %v", k, err)
		}
	}
	for _, chat := range []string{gone.Key, "telegram:-1009"} {
		if _, err := db.Pending(ctx, chat, gone.Key); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("pending in %s: err = %v", chat, err)
		}
	}
	for _, m := range [][2]string{{"telegram:-1009", "1"}, {"telegram:dm-31337", "2"}} {
		if _, err := db.QuestionMessage(ctx, m[0], m[1]); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("question message %v: err = %v", m, err)
		}
	}

	if u, err := db.User(ctx, kept.Key); err != nil || u.Answered != 1 {
		t.Errorf("kept user = %+v, %v", u, err)
	}
	if atts, _ := db.Attempts(ctx, kept.Key); len(atts) != 1 || atts[0].Reply != keptReply {
		t.Errorf("kept attempts = %+v", atts)
	}
	if _, err := db.Card(ctx, kept.Key, "q1"); err != nil {
		t.Errorf("kept card: %v", err)
	}
	if _, err := db.AttemptByMessage(ctx, kept.Key, "telegram:-1009", "800"); err != nil {
		t.Errorf("kept attempt by message: %v", err)
	}
	if _, err := db.AttemptByMessage(ctx, gone.Key, "telegram:-1009", "700"); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("forgotten attempt by message: err = %v", err)
	}
	if _, err := db.Pending(ctx, "telegram:-1009", kept.Key); err != nil {
		t.Errorf("kept pending: %v", err)
	}
	for _, id := range []string{"3", "4"} {
		if _, err := db.QuestionMessage(ctx, "telegram:-1009", id); err != nil {
			t.Errorf("kept question message %s: %v", id, err)
		}
	}
	if _, err := db.Chat(ctx, kept.Key); err != nil {
		t.Errorf("kept private chat: %v", err)
	}
	subs, _ := db.Subscriptions(ctx)
	if len(subs) != 1 || subs[0].Key != "telegram:-1009" {
		t.Errorf("subscriptions = %+v, want the group only", subs)
	}
	due, _ := db.DueDeliveries(ctx, t0, 10)
	if len(due) != 1 || due[0].ID != "push/telegram:-1009/1" {
		t.Errorf("due = %v, want the group's push only", ids(due))
	}
	if n, _ := db.OutboxDepth(ctx); n != 1 {
		t.Errorf("depth = %d, want 1", n)
	}
	// IDs go on for the kept user; a forgotten user starts again at 1.
	if a, err := db.RecordAttempt(ctx, answer(kept, "telegram:-1009", "q2", "x", 0.5)); err != nil || a.ID != 2 {
		t.Errorf("next attempt of kept user: %d, %v", a.ID, err)
	}
	if a, err := db.RecordAttempt(ctx, answer(user(gone.Key), gone.Key, "q1", "new", 0.5)); err != nil || a.ID != 1 {
		t.Errorf("first attempt after coming back: %d, %v", a.ID, err)
	}
}

// rawDelete deletes a user's record and attempts with bbolt directly,
// without rewriting the file.
func rawDelete(t *testing.T, path, key string) {
	t.Helper()
	b, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	must(t, b.Update(func(tx *bbolt.Tx) error {
		if err := tx.Bucket([]byte("users")).Delete([]byte(key)); err != nil {
			return err
		}
		atts := tx.Bucket([]byte("attempts"))
		prefix := append([]byte(key), 0)
		var doomed [][]byte
		c := atts.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			doomed = append(doomed, bytes.Clone(k))
		}
		for _, k := range doomed {
			if err := atts.Delete(k); err != nil {
				return err
			}
		}
		return nil
	}))
}

// TestForgetUserFinishedOnOpen simulates a crash between the deletion and
// the rewrite: the next Open rewrites the file.
func TestForgetUserFinishedOnOpen(t *testing.T) {
	db := openTemp(t)
	gone, _ := fillPeople(t, db)
	path := db.Path()
	must(t, db.Close())
	rawDelete(t, path, gone.Key)
	b, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	must(t, b.Update(func(tx *bbolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("compact_pending"), []byte{0, 0, 0, 0, 0, 0, 0, 1})
	}))
	must(t, b.Close())
	stale := path + ".compact-123"
	must(t, os.WriteFile(stale, []byte("half a copy"), 0o600))

	db, err = storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	must(t, db.Close())
	// rawDelete removed the record and the attempts: the name and the
	// replies, which only they held, must be gone from the file.
	if found := traces(t, path, goneName, goneReply, "Pangolin"); len(found) > 0 {
		t.Errorf("after the interrupted forget was finished, the file still holds %q", found)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale compaction copy left: %v", err)
	}
}

// TestForgetUserConcurrent runs a forget while other goroutines use the
// store: they wait for the swap and go on with the new file.
func TestForgetUserConcurrent(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	gone, kept := fillPeople(t, db)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 5 {
				c := answer(kept, "telegram:-1009", fmt.Sprintf("c%d-%d", i, j), "x", 0.5)
				if _, err := db.RecordAttempt(ctx, c); err != nil {
					t.Error(err)
				}
				if _, err := db.Cards(ctx, kept.Key); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Go(func() {
		if err := db.ForgetUser(ctx, gone.Key); err != nil {
			t.Error(err)
		}
	})
	wg.Wait()
	if atts, _ := db.Attempts(ctx, kept.Key); len(atts) != 1+8*5 {
		t.Errorf("kept user has %d attempts, want %d", len(atts), 1+8*5)
	}
	must(t, db.Close())
	if found := traces(t, db.Path()); len(found) > 0 {
		t.Errorf("the file still holds %q", found)
	}
}

func TestForgetUnknownUser(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	must(t, db.PutUser(ctx, user("telegram:1")))
	must(t, db.ForgetUser(ctx, "telegram:404"))
	if _, err := db.User(ctx, "telegram:1"); err != nil {
		t.Error(err)
	}
}
