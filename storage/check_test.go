package storage_test

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/storage"
)

// damagedSource writes a database with a few hundred attempts (many pages,
// nested buckets, overflow values) and returns its bytes.
func damagedSource(t *testing.T) []byte {
	t.Helper()
	db := openTemp(t)
	fillUsers(t, db, 8, 40)
	path := db.Path()
	must(t, db.Close())
	raw, err := os.ReadFile(path)
	must(t, err)
	return raw
}

// openDamaged writes raw to a file and opens it: it must fail with
// ErrCorrupt or open and read back, never panic or fault.
func openDamaged(t *testing.T, raw []byte, full bool) error {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bot.db")
	must(t, os.WriteFile(path, raw, 0o600))
	db, err := storage.Open(path, storage.Options{FullCheck: full})
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Export(t.Context())
	return err
}

// A file cut short (a copy that stopped, a full disk) is refused with a
// message, as is an empty one; a new database is never taken for it.
func TestOpenTruncatedOrEmptyFile(t *testing.T) {
	raw := damagedSource(t)
	for _, tc := range []struct {
		name string
		n    int
		want string
	}{
		{"half", len(raw) / 2, "cut short"},
		{"a quarter", len(raw) / 4, "cut short"},
		{"one page", 4096, ""},
		{"empty", 0, "empty (0 bytes)"},
	} {
		err := openDamaged(t, raw[:tc.n], false)
		if !errors.Is(err, storage.ErrCorrupt) {
			t.Errorf("%s: err = %v, want ErrCorrupt", tc.name, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %q does not say %q", tc.name, err, tc.want)
		}
	}
}

// Bytes flipped anywhere in the file give an error or a file that reads
// back, never a panic or a memory fault. Flips in free pages or in the
// middle of a value are harmless to bbolt; the rest must be caught.
func TestOpenFlippedBytes(t *testing.T) {
	raw := damagedSource(t)
	seed := rand.Uint64()
	rng := rand.New(rand.NewPCG(seed, 1))
	refused := 0
	for trial := range 60 {
		bad := append([]byte(nil), raw...)
		for range 1 + trial%8 {
			// Page headers and the first bytes of pages hold the structure.
			page := rng.IntN(len(bad) / 4096)
			off := page*4096 + rng.IntN(64)
			if trial%3 == 0 {
				off = rng.IntN(len(bad))
			}
			bad[off] ^= byte(1 + rng.IntN(255))
		}
		err := openDamaged(t, bad, trial%2 == 0)
		if err != nil {
			refused++
			if !errors.Is(err, storage.ErrCorrupt) {
				t.Logf("seed %d trial %d: %v (not ErrCorrupt)", seed, trial, err)
			}
		}
	}
	t.Logf("seed %d: %d of 60 damaged files refused", seed, refused)
	if refused == 0 {
		t.Errorf("seed %d: no damaged file refused: the flips hit nothing", seed)
	}
}
