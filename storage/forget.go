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

// forgetTx deletes what forgetUser deletes and returns how many records it
// deleted.
func forgetTx(tx *bbolt.Tx, key string) (int, error) {
	n := 0
	del := func(b *bbolt.Bucket, k []byte) error {
		n++
		return b.Delete(k)
	}

	users, err := bucket(tx, bucketUsers)
	if err != nil {
		return 0, err
	}
	if users.Get([]byte(key)) != nil {
		if err := del(users, []byte(key)); err != nil {
			return 0, err
		}
	}
	for _, name := range []string{bucketAttempts, bucketCards, bucketCardsDue, bucketSessions} {
		b, err := bucket(tx, name)
		if err != nil {
			return 0, err
		}
		deleted, err := deleteOwned(b, key)
		if err != nil {
			return 0, fmt.Errorf("delete %s of %s: %w", name, key, err)
		}
		n += deleted
	}

	// The person's private chats: the one keyed like the user (Telegram,
	// console) and any they own (a Discord DM channel has its own ID).
	chats, err := bucket(tx, bucketChats)
	if err != nil {
		return 0, err
	}
	private := map[string]bool{}
	err = chats.ForEach(func(k, v []byte) error {
		var c bot.ChatRecord
		if err := decode(bucketChats, k, v, &c); err != nil {
			return err
		}
		if string(k) == key || (c.Kind == bot.Private && c.Owner == key) {
			private[string(k)] = true
		}
		return nil
	})
	if err != nil {
		return 0, err
	}

	// Collect the keys first: bbolt's ForEach must not see deletions.
	var doomed [][]byte
	collect := func(name string, match func(k, v []byte) (bool, error)) error {
		doomed = doomed[:0]
		b, err := bucket(tx, name)
		if err != nil {
			return err
		}
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
			if err := del(b, k); err != nil {
				return err
			}
		}
		return nil
	}

	for k := range private {
		if err := del(chats, []byte(k)); err != nil {
			return 0, err
		}
	}
	err = collect(bucketPending, func(k, _ []byte) (bool, error) {
		chat, user, ok := splitPair(k)
		if !ok {
			return false, fmt.Errorf("%w: %s[%q]: want chat\\0user", ErrCorrupt, bucketPending, k)
		}
		return user == key || private[chat], nil
	})
	if err != nil {
		return 0, err
	}
	err = collect(bucketAttemptMsg, func(k, _ []byte) (bool, error) {
		i, j := bytes.IndexByte(k, sep), bytes.LastIndexByte(k, sep)
		if i <= 0 || j <= i {
			return false, fmt.Errorf("%w: %s[%q]: want chat\\0message\\0user", ErrCorrupt, bucketAttemptMsg, k)
		}
		return string(k[j+1:]) == key || private[string(k[:i])], nil
	})
	if err != nil {
		return 0, err
	}
	err = collect(bucketQMsgs, func(k, v []byte) (bool, error) {
		var m bot.QuestionMessage
		if err := decode(bucketQMsgs, k, v, &m); err != nil {
			return false, err
		}
		return m.UserKey == key || private[m.ChatKey], nil
	})
	if err != nil {
		return 0, err
	}
	var undelivered []bot.Delivery
	err = collect(bucketOutbox, func(k, v []byte) (bool, error) {
		var d bot.Delivery
		if err := decode(bucketOutbox, k, v, &d); err != nil {
			return false, err
		}
		mine := d.UserKey == key || private[d.Chat.Key()]
		if mine && !d.Done {
			undelivered = append(undelivered, d)
		}
		return mine, nil
	})
	if err != nil {
		return 0, err
	}
	for _, d := range undelivered {
		if err := unindexDue(tx, d); err != nil {
			return 0, err
		}
	}
	if err := addDepth(tx, -len(undelivered)); err != nil {
		return 0, err
	}
	rounds, err := forgetRoundsTx(tx, key)
	if err != nil {
		return 0, err
	}
	return n + rounds, nil
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
