package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
)

// compactSuffix names the temporary copy written beside the file when it is
// rewritten: "<file>.compact-<random>".
const compactSuffix = ".compact-"

// compactTxMaxSize bounds the size of each transaction of a compaction.
const compactTxMaxSize = 64 << 20

// ForgetUser deletes the user and everything recorded about them: the
// user record, attempts, review cards, their open questions, the question
// messages addressed to them, the deliveries addressed to them (sent or
// not), their answers in group rounds, their interview sessions, and their
// private chats (the chat whose key is the user's key, and
// any private chat they own) with what those chats hold.
//
// Deleting is not enough: bbolt keeps freed pages, with the old bytes, in
// the file. So once the deletion is committed, ForgetUser rewrites the file
// compacted: a copy of the live data is written beside it, synced, and
// renamed over it. Operations wait while the file is swapped. If the
// process stops between the deletion and the swap, the next Open finishes
// the rewrite. Forgetting an unknown user does nothing.
func (s *DB) ForgetUser(ctx context.Context, key string) error {
	if err := checkKey("user key", key); err != nil {
		return fmt.Errorf("forget user: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("forget user %s: %w", key, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.bolt == nil {
		return fmt.Errorf("forget user %s: %w", key, ErrClosed)
	}
	var pending bool
	err := s.bolt.Update(func(tx *bbolt.Tx) error {
		n, err := forgetTx(tx, key)
		if err != nil {
			return err
		}
		if n > 0 {
			if err := setUint(tx, metaCompact, 1); err != nil {
				return err
			}
		}
		flag, err := getUint(tx, metaCompact)
		pending = flag != 0
		return err
	})
	if err != nil {
		return fmt.Errorf("forget user %s: %w", key, err)
	}
	if !pending {
		return nil
	}
	if err := s.compactLocked(); err != nil {
		return fmt.Errorf("forget user %s: deleted, but erasing the freed pages failed (the next open retries): %w", key, err)
	}
	return nil
}

// forgetTx deletes what ForgetUser deletes and returns how many records it
// deleted. Each thing a person owns has its own delete, in this order: the
// private chats are found before anything is deleted, since what the
// person's chats hold goes with them.
func forgetTx(tx *bbolt.Tx, key string) (int, error) {
	f := &forgetting{tx: tx, key: key}
	private, err := f.privateChats()
	if err != nil {
		return 0, err
	}
	f.private = private
	owned := []struct {
		what   string
		delete func() error
	}{
		{"user record", f.userRecord},
		{"attempts", func() error { return f.ownedBucket(bucketAttempts) }},
		{"review cards", func() error { return f.ownedBucket(bucketCards) }},
		{"due index", func() error { return f.ownedBucket(bucketCardsDue) }},
		{"sessions", func() error { return f.ownedBucket(bucketSessions) }},
		{"private chats", f.privateChatRecords},
		{"open questions", f.openQuestions},
		{"answer messages", f.answerMessages},
		{"question messages", f.questionMessages},
		{"deliveries", f.deliveries},
		{"group round answers", f.roundAnswers},
	}
	for _, o := range owned {
		if err := o.delete(); err != nil {
			return 0, fmt.Errorf("delete %s of %s: %w", o.what, key, err)
		}
	}
	return f.n, nil
}

// forgetting is one person being forgotten inside a transaction.
type forgetting struct {
	tx  *bbolt.Tx
	key string
	// private holds the keys of the person's private chats.
	private map[string]bool
	// n counts the records deleted.
	n int
}

// privateChats returns the keys of the person's private chats: the one
// keyed like the user (Telegram, console) and any they own (a Discord DM
// channel has its own ID).
func (f *forgetting) privateChats() (map[string]bool, error) {
	chats, err := bucket(f.tx, bucketChats)
	if err != nil {
		return nil, err
	}
	private := map[string]bool{}
	err = chats.ForEach(func(k, v []byte) error {
		var c bot.ChatRecord
		if err := decode(bucketChats, k, v, &c); err != nil {
			return err
		}
		if string(k) == f.key || (c.Kind == bot.Private && c.Owner == f.key) {
			private[string(k)] = true
		}
		return nil
	})
	return private, err
}

// userRecord deletes the person's record.
func (f *forgetting) userRecord() error {
	users, err := bucket(f.tx, bucketUsers)
	if err != nil {
		return err
	}
	if users.Get([]byte(f.key)) == nil {
		return nil
	}
	f.n++
	return users.Delete([]byte(f.key))
}

// ownedBucket deletes the person's records in a bucket keyed owner\0….
func (f *forgetting) ownedBucket(name string) error {
	b, err := bucket(f.tx, name)
	if err != nil {
		return err
	}
	deleted, err := deleteOwned(b, f.key)
	f.n += deleted
	return err
}

// privateChatRecords deletes the person's private chats.
func (f *forgetting) privateChatRecords() error {
	chats, err := bucket(f.tx, bucketChats)
	if err != nil {
		return err
	}
	for k := range f.private {
		if err := chats.Delete([]byte(k)); err != nil {
			return err
		}
		f.n++
	}
	return nil
}

// openQuestions deletes the questions open for the person, and any open in
// their private chats (keys chat\0user).
func (f *forgetting) openQuestions() error {
	return f.deleteWhere(bucketPending, func(k, _ []byte) (bool, error) {
		chat, user, ok := splitPair(k)
		if !ok {
			return false, fmt.Errorf("%w: %s[%q]: want chat\\0user", ErrCorrupt, bucketPending, k)
		}
		return user == f.key || f.private[chat], nil
	})
}

// answerMessages deletes the index from the person's messages to their
// attempts (keys chat\0message\0user).
func (f *forgetting) answerMessages() error {
	return f.deleteWhere(bucketAttemptMsg, func(k, _ []byte) (bool, error) {
		i, j := bytes.IndexByte(k, sep), bytes.LastIndexByte(k, sep)
		if i <= 0 || j <= i {
			return false, fmt.Errorf("%w: %s[%q]: want chat\\0message\\0user", ErrCorrupt, bucketAttemptMsg, k)
		}
		return string(k[j+1:]) == f.key || f.private[string(k[:i])], nil
	})
}

// questionMessages deletes the question messages addressed to the person
// or sent to their private chats.
func (f *forgetting) questionMessages() error {
	return f.deleteWhere(bucketQMsgs, func(k, v []byte) (bool, error) {
		var m bot.QuestionMessage
		if err := decode(bucketQMsgs, k, v, &m); err != nil {
			return false, err
		}
		return m.UserKey == f.key || f.private[m.ChatKey], nil
	})
}

// deliveries deletes the deliveries addressed to the person or their
// private chats, sent or not; those not sent leave the due index and the
// outbox's depth too.
func (f *forgetting) deliveries() error {
	var undelivered []bot.Delivery
	err := f.deleteWhere(bucketOutbox, func(k, v []byte) (bool, error) {
		var d bot.Delivery
		if err := decode(bucketOutbox, k, v, &d); err != nil {
			return false, err
		}
		mine := d.UserKey == f.key || f.private[d.Chat.Key()]
		if mine && !d.Done {
			undelivered = append(undelivered, d)
		}
		return mine, nil
	})
	if err != nil {
		return err
	}
	for _, d := range undelivered {
		if err := unindexDue(f.tx, d); err != nil {
			return err
		}
	}
	return addDepth(f.tx, -len(undelivered))
}

// roundAnswers deletes the person's answers in group rounds.
func (f *forgetting) roundAnswers() error {
	n, err := forgetRoundsTx(f.tx, f.key)
	f.n += n
	return err
}

// deleteWhere deletes the records of the bucket called name that match.
// The keys are collected first: bbolt's ForEach must not see deletions.
func (f *forgetting) deleteWhere(name string, match func(k, v []byte) (bool, error)) error {
	b, err := bucket(f.tx, name)
	if err != nil {
		return err
	}
	var doomed [][]byte
	err = b.ForEach(func(k, v []byte) error {
		ok, err := match(k, v)
		if ok {
			doomed = append(doomed, append([]byte(nil), k...))
		}
		return err
	})
	if err != nil {
		return err
	}
	for _, k := range doomed {
		if err := b.Delete(k); err != nil {
			return err
		}
		f.n++
	}
	return nil
}

// compactPending reports whether a ForgetUser left freed pages to erase.
func (s *DB) compactPending() (bool, error) {
	var pending bool
	err := s.bolt.View(func(tx *bbolt.Tx) error {
		flag, err := getUint(tx, metaCompact)
		pending = flag != 0
		return err
	})
	return pending, err
}

// compactLocked rewrites the file with its live data only, so no freed page
// keeps deleted bytes. The caller holds s.mu for writing (or has not shared
// s yet).
//
// The copy is written to a temporary file beside the original, synced,
// then renamed over it, and the directory synced: at every instant the
// path holds either the old file or the complete new one. The handle opened
// on the copy becomes the DB's handle: it already holds the lock of the new
// file, so there is no moment at which another process could take the path.
// (bbolt's own Path of that handle still names the temporary file; DB.Path
// is the one to use, and nothing here reopens by bbolt's path.)
func (s *DB) compactLocked() (err error) {
	dir, base := filepath.Split(s.path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, base+compactSuffix+"*")
	if err != nil {
		return fmt.Errorf("create compacted copy: %w", err)
	}
	tmp := f.Name()
	if err := f.Close(); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	dst, err := openBolt(tmp, s.opts.LockTimeout)
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	swapped := false
	defer func() {
		if !swapped {
			err = errors.Join(err, dst.Close(), os.Remove(tmp))
		}
	}()
	if err := bbolt.Compact(dst, s.bolt, compactTxMaxSize); err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	// Each commit of dst is fsynced; this last one clears the flag.
	err = dst.Update(func(tx *bbolt.Tx) error {
		meta, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		return meta.Delete([]byte(metaCompact))
	})
	if err != nil {
		return fmt.Errorf("clear compaction flag: %w", err)
	}
	if err := os.Chmod(tmp, fileMode); err != nil {
		return err
	}
	if err := os.Rename(tmp, s.path); err != nil {
		return fmt.Errorf("replace %s: %w", s.path, err)
	}
	swapped = true
	old := s.bolt
	s.bolt = dst
	return errors.Join(syncDir(dir), old.Close())
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	return errors.Join(err, d.Close())
}
