package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
)

// SchemaVersion is the version of the file layout this package writes.
//
// Version 1:
//
//	meta                       version, outbox_depth, compact_pending
//	users      user            → UserRecord
//	chats      chat            → ChatRecord
//	attempts/  user/ id        → Attempt (id big-endian, from the bucket's sequence)
//	cards/     user/ question  → ReviewCard
//	pending    chat\0user      → Pending
//	qmsgs      chat\0message   → QuestionMessage
//	outbox     id              → Delivery (kept once done, so Enqueue stays idempotent)
//	outbox_due nexttry id      → "" (undelivered only; nexttry big-endian unix nanos)
//
// Version 2 adds group rounds:
//
//	rounds/    chat/ id        → Round
//	rounds_open chat\0id       → "" (open rounds only)
//
// Version 3 adds mock interview sessions:
//
//	sessions/  user/ id        → Session
//
// Version 4 indexes cards by due time, so choosing the next review reads
// the earliest due cards instead of decoding all of a person's cards:
//
//	cards_due/ user/ due question → "" (due big-endian unix nanos)
//
// Version 5 indexes attempts by the message they came from, so an answer a
// platform delivers again is recognised however many came after it:
//
//	attempt_msgs chat\0message\0user → attempt id (big-endian)
//
// Version 6 keeps the records of every person (and the rounds of every
// chat) in one flat bucket, keyed by owner, separator, then the record's
// own key, instead of a nested bucket per owner: a nested bucket is a B+tree
// of its own, rewritten (with its parent's page) on every commit that
// touches it, so an attempt dirtied about six pages where a flat write
// dirties one or two. A person's next attempt ID follows their highest.
//
//	attempts   user\0id           → Attempt
//	cards      user\0question     → ReviewCard
//	cards_due  user\0due question → ""
//	sessions   user\0id           → Session
//	rounds     chat\0id           → Round
const SchemaVersion = 6

// Bucket names.
const (
	bucketMeta       = "meta"
	bucketUsers      = "users"
	bucketChats      = "chats"
	bucketAttempts   = "attempts"
	bucketCards      = "cards"
	bucketPending    = "pending"
	bucketQMsgs      = "qmsgs"
	bucketOutbox     = "outbox"
	bucketOutboxDue  = "outbox_due"
	bucketRounds     = "rounds"
	bucketRoundsOpen = "rounds_open"
	bucketSessions   = "sessions"
	bucketCardsDue   = "cards_due"
	bucketAttemptMsg = "attempt_msgs"
)

// Keys of the meta bucket.
const (
	// metaVersion holds the schema version, big-endian.
	metaVersion = "version"
	// metaOutboxDepth holds the number of undelivered deliveries.
	metaOutboxDepth = "outbox_depth"
	// metaCompact is set while the file is to be rewritten compactly: from
	// the transaction of a ForgetUser (deleted data may remain in freed
	// pages) or of the upgrade to version 6 (half the file is freed pages)
	// until the file is rewritten.
	metaCompact = "compact_pending"
)

// topBuckets are the top-level buckets of the current layout.
func topBuckets() []string {
	return []string{bucketMeta, bucketUsers, bucketChats, bucketAttempts, bucketCards,
		bucketPending, bucketQMsgs, bucketOutbox, bucketOutboxDue, bucketRounds, bucketRoundsOpen, bucketSessions,
		bucketCardsDue, bucketAttemptMsg}
}

// A migration upgrades a file from the version before it to version.
type migration struct {
	version uint64
	name    string
	apply   func(tx *bbolt.Tx) error
}

// migrations lists the upgrades in order; the last one's version is
// SchemaVersion. Open applies those newer than the file in one transaction.
func migrations() []migration {
	return []migration{
		{version: 1, name: "attempts per user, outbox index", apply: migrateToV1},
		{version: 2, name: "group rounds", apply: migrateToV2},
		{version: 3, name: "interview sessions", apply: migrateToV3},
		{version: 4, name: "cards indexed by due time", apply: migrateToV4},
		{version: 5, name: "attempts indexed by message", apply: migrateToV5},
		{version: 6, name: "flat buckets keyed by owner", apply: migrateToV6},
	}
}

// upgrade brings the file to SchemaVersion: a new file is laid out at once,
// an older one migrated, a newer one refused. It reports whether it
// migrated an older file.
func (s *DB) upgrade() (bool, error) {
	var ver uint64
	var fresh bool
	err := s.bolt.View(func(tx *bbolt.Tx) error {
		var err error
		ver, fresh, err = readVersion(tx)
		return err
	})
	if err != nil {
		return false, err
	}
	if ver > SchemaVersion {
		return false, fmt.Errorf("%w: the file has schema version %d, this build reads up to %d; upgrade interviewbot", ErrSchemaTooNew, ver, SchemaVersion)
	}
	if ver == SchemaVersion {
		return false, nil
	}
	from := ver
	if !fresh {
		s.log.Info("upgrading database: in one transaction, a large file takes a while", "path", s.path, "from", from, "to", SchemaVersion)
	}
	start := time.Now()
	err = s.bolt.Update(func(tx *bbolt.Tx) error {
		v := from
		if !fresh {
			for _, m := range migrations() {
				if m.version <= v {
					continue
				}
				if err := m.apply(tx); err != nil {
					return fmt.Errorf("migrate to schema version %d (%s): %w", m.version, m.name, err)
				}
				v = m.version
			}
		}
		for _, name := range topBuckets() {
			if _, err := tx.CreateBucketIfNotExists([]byte(name)); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		return setUint(tx, metaVersion, SchemaVersion)
	})
	if err != nil {
		return false, err
	}
	if !fresh {
		s.log.Info("database upgraded", "path", s.path, "from", from, "to", SchemaVersion, "took", time.Since(start).Round(time.Millisecond))
	}
	return !fresh, nil
}

// readVersion returns the file's schema version. A file without a meta
// bucket is version 0, or fresh when it has no bucket at all.
func readVersion(tx *bbolt.Tx) (ver uint64, fresh bool, err error) {
	meta := tx.Bucket([]byte(bucketMeta))
	if meta == nil {
		fresh = true
		err = tx.ForEach(func([]byte, *bbolt.Bucket) error {
			fresh = false
			return nil
		})
		return 0, fresh, err
	}
	v := meta.Get([]byte(metaVersion))
	if len(v) != 8 {
		return 0, false, fmt.Errorf("%w: %s[%q] is %d bytes, want 8", ErrCorrupt, bucketMeta, metaVersion, len(v))
	}
	return binary.BigEndian.Uint64(v), false, nil
}

// getUint reads a counter of the meta bucket; a missing one is zero.
func getUint(tx *bbolt.Tx, key string) (uint64, error) {
	meta, err := bucket(tx, bucketMeta)
	if err != nil {
		return 0, err
	}
	v := meta.Get([]byte(key))
	switch len(v) {
	case 0:
		return 0, nil
	case 8:
		return binary.BigEndian.Uint64(v), nil
	}
	return 0, fmt.Errorf("%w: %s[%q] is %d bytes, want 8", ErrCorrupt, bucketMeta, key, len(v))
}

// setUint writes a counter of the meta bucket, creating the bucket.
func setUint(tx *bbolt.Tx, key string, n uint64) error {
	meta, err := tx.CreateBucketIfNotExists([]byte(bucketMeta))
	if err != nil {
		return err
	}
	return meta.Put([]byte(key), binary.BigEndian.AppendUint64(nil, n))
}

// migrateToV1 upgrades the version-0 layout, which had no meta bucket,
// kept every attempt in one flat bucket keyed user\0id (big-endian id from
// that bucket's sequence), and had no outbox index. Attempts move to a
// bucket per user whose sequence continues after the user's highest ID;
// the index and the outbox depth are built from the outbox.
func migrateToV1(tx *bbolt.Tx) error {
	if old := tx.Bucket([]byte(bucketAttempts)); old != nil {
		type flat struct {
			user string
			id   uint64
			att  bot.Attempt
		}
		var rows []flat
		err := old.ForEach(func(k, v []byte) error {
			if v == nil {
				return fmt.Errorf("%w: %s[%q] is a bucket in a version-0 file", ErrCorrupt, bucketAttempts, k)
			}
			i := bytes.IndexByte(k, sep)
			if i <= 0 || len(k)-i-1 != 8 {
				return fmt.Errorf("%w: %s[%q]: want user\\0id", ErrCorrupt, bucketAttempts, k)
			}
			r := flat{user: string(k[:i]), id: binary.BigEndian.Uint64(k[i+1:])}
			if err := decode(bucketAttempts, k, v, &r.att); err != nil {
				return err
			}
			r.att.ID, r.att.UserKey = r.id, r.user
			rows = append(rows, r)
			return nil
		})
		if err != nil {
			return err
		}
		if err := tx.DeleteBucket([]byte(bucketAttempts)); err != nil {
			return err
		}
		root, err := tx.CreateBucket([]byte(bucketAttempts))
		if err != nil {
			return err
		}
		for _, r := range rows {
			ub, err := root.CreateBucketIfNotExists([]byte(r.user))
			if err != nil {
				return fmt.Errorf("bucket %s/%s: %w", bucketAttempts, r.user, err)
			}
			if err := putJSON(ub, bucketAttempts+"/"+r.user, idKey(r.id), r.att); err != nil {
				return err
			}
			if r.id > ub.Sequence() {
				if err := ub.SetSequence(r.id); err != nil {
					return err
				}
			}
		}
	}

	if tx.Bucket([]byte(bucketOutboxDue)) != nil {
		if err := tx.DeleteBucket([]byte(bucketOutboxDue)); err != nil {
			return err
		}
	}
	due, err := tx.CreateBucket([]byte(bucketOutboxDue))
	if err != nil {
		return err
	}
	var depth uint64
	if ob := tx.Bucket([]byte(bucketOutbox)); ob != nil {
		err := ob.ForEach(func(k, v []byte) error {
			var d bot.Delivery
			if err := decode(bucketOutbox, k, v, &d); err != nil {
				return err
			}
			if d.Done {
				return nil
			}
			depth++
			return due.Put(dueKey(d.NextTry, string(k)), []byte{})
		})
		if err != nil {
			return err
		}
	}
	return setUint(tx, metaOutboxDepth, depth)
}

// migrateToV2 adds the buckets of group rounds; nothing existing changes.
func migrateToV2(tx *bbolt.Tx) error {
	for _, name := range []string{bucketRounds, bucketRoundsOpen, bucketSessions} {
		if _, err := tx.CreateBucketIfNotExists([]byte(name)); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

// migrateToV3 adds the bucket of interview sessions.
func migrateToV3(tx *bbolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists([]byte(bucketSessions)); err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketSessions, err)
	}
	return nil
}

// migrateToV4 indexes every card by its due time.
func migrateToV4(tx *bbolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists([]byte(bucketCardsDue)); err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketCardsDue, err)
	}
	cards, err := bucket(tx, bucketCards)
	if err != nil {
		return err
	}
	idx, err := bucket(tx, bucketCardsDue)
	if err != nil {
		return err
	}
	// The version-4 layout: a bucket per user in cards and cards_due.
	return cards.ForEachBucket(func(user []byte) error {
		name := bucketCards + "/" + string(user)
		ui, err := idx.CreateBucketIfNotExists(user)
		if err != nil {
			return fmt.Errorf("bucket %s/%s: %w", bucketCardsDue, user, err)
		}
		return cards.Bucket(user).ForEach(func(k, v []byte) error {
			var c bot.ReviewCard
			if err := decode(name, k, v, &c); err != nil {
				return err
			}
			return ui.Put(dueKey(c.Card.Due, string(k)), nil)
		})
	})
}

// migrateToV5 indexes every attempt that came from a message.
func migrateToV5(tx *bbolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists([]byte(bucketAttemptMsg)); err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketAttemptMsg, err)
	}
	root, err := bucket(tx, bucketAttempts)
	if err != nil {
		return err
	}
	return root.ForEachBucket(func(user []byte) error {
		name := bucketAttempts + "/" + string(user)
		return root.Bucket(user).ForEach(func(k, v []byte) error {
			var a bot.Attempt
			if err := decode(name, k, v, &a); err != nil {
				return err
			}
			a.UserKey = string(user)
			return indexAttemptTx(tx, a)
		})
	})
}

// ownedBuckets are the buckets that version 6 flattened: a nested bucket
// per owner before, owner\0key after.
func ownedBuckets() []string {
	return []string{bucketAttempts, bucketCards, bucketCardsDue, bucketSessions, bucketRounds}
}

// migrateToV6 moves the records of each owner's nested bucket into its
// parent, under owner\0key, and deletes the nested bucket. Like every
// migration it runs in the transaction of the upgrade: a process killed
// midway leaves the file at version 5, untouched.
//
// The old pages are freed only once the transaction commits, so the file
// grows by the size of the new layout; the migration marks the file for
// compaction, which Open then runs (or the next Open, if the process stops
// first), giving the space back.
func migrateToV6(tx *bbolt.Tx) error {
	for _, name := range ownedBuckets() {
		if err := flattenBucket(tx, name); err != nil {
			return fmt.Errorf("flatten %s: %w", name, err)
		}
	}
	return setUint(tx, metaCompact, 1)
}

// flattenBucket flattens one bucket of nested buckets per owner.
func flattenBucket(tx *bbolt.Tx, name string) error {
	root, err := tx.CreateBucketIfNotExists([]byte(name))
	if err != nil {
		return err
	}
	// The records go in in key order: full pages, not half-full ones.
	root.FillPercent = 0.9
	var owners [][]byte
	err = root.ForEachBucket(func(k []byte) error {
		owners = append(owners, bytes.Clone(k))
		return nil
	})
	if err != nil {
		return err
	}
	type record struct{ k, v []byte }
	for _, owner := range owners {
		if bytes.IndexByte(owner, sep) >= 0 {
			return fmt.Errorf("%w: %s/%q: an owner key with a NUL byte", ErrCorrupt, name, owner)
		}
		var records []record
		nested := root.Bucket(owner)
		err := nested.ForEach(func(k, v []byte) error {
			if v == nil && nested.Bucket(k) != nil {
				return fmt.Errorf("%w: %s/%s[%q] is a bucket", ErrCorrupt, name, owner, k)
			}
			// v stays valid until the commit: the old pages are freed
			// only then, and a remap copies what nodes hold first.
			records = append(records, record{ownedKey(string(owner), k), v})
			return nil
		})
		if err != nil {
			return err
		}
		if err := root.DeleteBucket(owner); err != nil {
			return fmt.Errorf("delete %s/%s: %w", name, owner, err)
		}
		for _, r := range records {
			if err := root.Put(r.k, r.v); err != nil {
				return fmt.Errorf("put %s[%q]: %w", name, r.k, err)
			}
		}
	}
	return nil
}
