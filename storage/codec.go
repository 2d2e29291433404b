package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"go.etcd.io/bbolt"
)

// maxKeySize is bbolt's limit on the length of a key.
const maxKeySize = bbolt.MaxKeySize

// sep joins the parts of a composite key. Keys never contain it.
const sep = 0

// checkKey reports an error for a key the store cannot use: empty, too
// long, or containing the separator of composite keys.
func checkKey(what, k string) error {
	switch {
	case k == "":
		return fmt.Errorf("%w: empty %s", ErrInvalid, what)
	case len(k) > maxKeySize/2:
		return fmt.Errorf("%w: %s of %d bytes is too long", ErrInvalid, what, len(k))
	case bytes.IndexByte([]byte(k), sep) >= 0:
		return fmt.Errorf("%w: %s %q contains a NUL byte", ErrInvalid, what, k)
	}
	return nil
}

// pairKey joins two keys: chat and user, chat and message.
func pairKey(a, b string) []byte {
	k := make([]byte, 0, len(a)+1+len(b))
	k = append(k, a...)
	k = append(k, sep)
	return append(k, b...)
}

// splitPair splits a key made by pairKey.
func splitPair(k []byte) (a, b string, ok bool) {
	i := bytes.IndexByte(k, sep)
	if i < 0 {
		return "", "", false
	}
	return string(k[:i]), string(k[i+1:]), true
}

// ownedKey is the key of a record in a flat bucket of records owned by
// people or chats (attempts, cards, sessions, rounds): the owner's key, the
// separator, then the record's own key. Owner keys never hold the
// separator, so an owner's records sort together and no owner's prefix is
// another's ("telegram:1\x00…" and "telegram:12\x00…").
func ownedKey(owner string, rest []byte) []byte {
	k := make([]byte, 0, len(owner)+1+len(rest))
	k = append(k, owner...)
	k = append(k, sep)
	return append(k, rest...)
}

// ownerEnd is the first key after every key of owner's records.
func ownerEnd(owner string) []byte {
	return append([]byte(owner), sep+1)
}

// forOwned calls fn with each of owner's records in b, in key order, with
// the key past the owner's prefix. The slices are b's: valid during the
// transaction only.
func forOwned(b *bbolt.Bucket, owner string, fn func(rest, v []byte) error) error {
	prefix := ownedKey(owner, nil)
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if err := fn(k[len(prefix):], v); err != nil {
			return err
		}
	}
	return nil
}

// readOwned decodes every record owner has in the bucket called name, in
// key order: a person's attempts, cards or sessions, a chat's rounds.
func readOwned[T any](tx *bbolt.Tx, name, owner string) ([]T, error) {
	b, err := bucket(tx, name)
	if err != nil {
		return nil, err
	}
	var out []T
	err = forOwned(b, owner, func(rest, v []byte) error {
		var rec T
		if err := decode(name, ownedKey(owner, rest), v, &rec); err != nil {
			return err
		}
		out = append(out, rec)
		return nil
	})
	return out, err
}

// lastOwned returns the key, past the owner's prefix, of owner's last
// record in b, or nil when they have none.
func lastOwned(b *bbolt.Bucket, owner string) []byte {
	prefix := ownedKey(owner, nil)
	c := b.Cursor()
	k, _ := c.Seek(ownerEnd(owner))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	if k == nil || !bytes.HasPrefix(k, prefix) {
		return nil
	}
	return k[len(prefix):]
}

// forOwners calls fn with each owner of records in b, once each, in
// order, skipping over their records.
func forOwners(b *bbolt.Bucket, name string, fn func(owner string) error) error {
	c := b.Cursor()
	for k, _ := c.First(); k != nil; {
		i := bytes.IndexByte(k, sep)
		if i <= 0 {
			return fmt.Errorf("%w: %s[%q]: want owner\\0key", ErrCorrupt, name, k)
		}
		owner := string(k[:i])
		if err := fn(owner); err != nil {
			return err
		}
		k, _ = c.Seek(ownerEnd(owner))
	}
	return nil
}

// deleteOwned deletes every record of owner in b and returns how many it
// deleted.
func deleteOwned(b *bbolt.Bucket, owner string) (int, error) {
	var keys [][]byte
	err := forOwned(b, owner, func(rest, _ []byte) error {
		keys = append(keys, ownedKey(owner, rest))
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(keys), nil
}

// idKey is the key of an attempt: its ID, big-endian, so keys sort by ID.
func idKey(id uint64) []byte {
	return binary.BigEndian.AppendUint64(nil, id)
}

// timeKey maps a time to an unsigned number of nanoseconds since 1970 that
// sorts as the times do, clamped at both ends (UnixNano is undefined
// outside 1678–2262, and the zero time is before 1970: due at once).
func timeKey(t time.Time) uint64 {
	switch {
	case t.Before(time.Unix(0, 0)):
		return 0
	case t.After(time.Unix(0, math.MaxInt64)):
		return math.MaxInt64
	}
	return uint64(t.UnixNano())
}

// dueKey is the key of a delivery in the outbox index: its next try, then
// its ID.
func dueKey(next time.Time, id string) []byte {
	k := binary.BigEndian.AppendUint64(make([]byte, 0, 8+len(id)), timeKey(next))
	return append(k, id...)
}

// bucket returns a top-level bucket, or an error if the file lacks it.
func bucket(tx *bbolt.Tx, name string) (*bbolt.Bucket, error) {
	b := tx.Bucket([]byte(name))
	if b == nil {
		return nil, fmt.Errorf("%w: bucket %s is missing", ErrCorrupt, name)
	}
	return b, nil
}

// getJSON decodes the value at key into v. It reports false when there is
// no value, and an error naming the bucket and key when the value is not
// valid JSON of v.
func getJSON(b *bbolt.Bucket, name string, key []byte, v any) (bool, error) {
	data := b.Get(key)
	if data == nil {
		return false, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return false, corrupt(name, key, err)
	}
	return true, nil
}

// putJSON stores v as JSON at key.
func putJSON(b *bbolt.Bucket, name string, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("%w: encode %s[%q]: %w", ErrInvalid, name, key, err)
	}
	if err := b.Put(key, data); err != nil {
		return fmt.Errorf("put %s[%q]: %w", name, key, err)
	}
	return nil
}

// decode decodes a value read from a bucket.
func decode(name string, key, data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return corrupt(name, key, err)
	}
	return nil
}

// corrupt is the error for an unreadable value.
func corrupt(name string, key []byte, err error) error {
	return fmt.Errorf("%w: %s[%q]: %w", ErrCorrupt, name, key, err)
}
