package storage_test

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/storage"
)

var (
	migrateUsers    = flag.Int("migrate.users", 20, "TestMigrationKilledMidway: people in the schema-5 file")
	migrateAttempts = flag.Int("migrate.attempts", 400, "TestMigrationKilledMidway: attempts of each person")
	migrateKills    = flag.Int("migrate.kills", 5, "TestMigrationKilledMidway: processes killed during the upgrade")
)

// ownedBuckets are the buckets version 6 flattened.
var ownedBuckets = []string{"attempts", "cards", "cards_due", "sessions", "rounds"}

// TestMigrateFromV5 opens the fixture written by the v5 code: after the
// upgrade every record is flat, and the store answers exactly what the v5
// code answered; writing goes on where it stopped.
func TestMigrateFromV5(t *testing.T) {
	path := fixtureCopy(t)
	before := readLayout(t, path)
	if before.Version != 5 || before.Nested == 0 || before.Flat != 0 {
		t.Fatalf("the fixture is not a schema-5 file: %+v", before)
	}
	db, err := storage.Open(path, storage.Options{})
	must(t, err)
	t.Cleanup(func() { db.Close() })
	ctx := t.Context()
	compareSnapshots(t, snapshot(t, ctx, db), goldenSnapshot(t))

	must(t, db.Close())
	after := readLayout(t, path)
	if after.Version != storage.SchemaVersion || after.Nested != 0 || after.Records != before.Records {
		t.Errorf("after the upgrade: %+v; want version %d, no nested bucket, the %d records", after, storage.SchemaVersion, before.Records)
	}

	// New attempts follow each person's highest ID, also for a person whose
	// key is a prefix of another's; forgetting one leaves the other whole.
	db, err = storage.Open(path, storage.Options{})
	must(t, err)
	t.Cleanup(func() { db.Close() })
	for key, want := range map[string]uint64{"telegram:1": 14, "telegram:12": 5, "telegram:99": 1} {
		a, err := db.RecordAttempt(ctx, answer(user(key), key, "q1", "after the upgrade", 0.5))
		if err != nil || a.ID != want {
			t.Errorf("new attempt of %s: ID %d, %v; want %d", key, a.ID, err, want)
		}
	}
	must(t, db.ForgetUser(ctx, "telegram:1"))
	for key, want := range map[string]int{"telegram:1": 0, "telegram:12": 5} {
		if atts, err := db.Attempts(ctx, key); err != nil || len(atts) != want {
			t.Errorf("attempts of %s after forgetting telegram:1: %d, %v; want %d", key, len(atts), err, want)
		}
	}
	if ids, _ := db.CardIDs(ctx, "telegram:12"); len(ids) != 4 {
		t.Errorf("cards of telegram:12 after forgetting telegram:1: %v", ids)
	}
}

// compareSnapshots fails the test at the first line where the JSON of got
// and want differ.
func compareSnapshots(t *testing.T, got, want storeSnapshot) {
	t.Helper()
	g, err := json.MarshalIndent(got, "", "  ")
	must(t, err)
	w, err := json.MarshalIndent(want, "", "  ")
	must(t, err)
	if bytes.Equal(g, w) {
		return
	}
	gl, wl := strings.Split(string(g), "\n"), strings.Split(string(w), "\n")
	for i := range min(len(gl), len(wl)) {
		if gl[i] != wl[i] {
			t.Fatalf("the store reads differently from the v5 code; line %d:\n got: %s\nwant: %s", i+1, gl[i], wl[i])
		}
	}
	t.Fatalf("the store reads differently from the v5 code: %d lines, want %d", len(gl), len(wl))
}

// layoutInfo describes the owned buckets of a file, read with bbolt
// directly.
type layoutInfo struct {
	Version uint64
	// Rewrite is set while the file waits to be rewritten compactly.
	Rewrite bool
	// Nested counts the nested buckets in the owned buckets, Flat their
	// keys outside any nested bucket, Records the records in both.
	Nested, Flat, Records int
}

// readLayout reads the layout of the file at path.
func readLayout(t testing.TB, path string) layoutInfo {
	t.Helper()
	b, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true, Timeout: time.Second})
	must(t, err)
	defer b.Close()
	var l layoutInfo
	must(t, b.View(func(tx *bbolt.Tx) error {
		meta := tx.Bucket([]byte("meta"))
		l.Version = binary.BigEndian.Uint64(meta.Get([]byte("version")))
		l.Rewrite = meta.Get([]byte("compact_pending")) != nil
		for _, name := range ownedBuckets {
			root := tx.Bucket([]byte(name))
			if root == nil {
				return fmt.Errorf("bucket %s is missing", name)
			}
			err := root.ForEach(func(k, v []byte) error {
				nested := root.Bucket(k)
				if nested == nil {
					l.Flat++
					l.Records++
					return nil
				}
				l.Nested++
				l.Records += nested.Stats().KeyN
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	}))
	return l
}

// writeBulkV5 adds people to a schema-5 file in the v5 layout: users
// people with attempts attempts each (from messages, so indexed), a card
// per four attempts (with its due entry) and a session.
func writeBulkV5(t testing.TB, path string, users, attempts int) {
	t.Helper()
	b, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: time.Second, NoSync: true})
	must(t, err)
	defer b.Close()
	reply := strings.Repeat("RPO 和 RTO 是灾备的两个指标，", 12)
	put := func(bk *bbolt.Bucket, k []byte, v any) error {
		data, err := json.Marshal(v)
		if err != nil {
			return err
		}
		return bk.Put(k, data)
	}
	for u := range users {
		key := fmt.Sprintf("telegram:%d", 5000+u)
		err := b.Update(func(tx *bbolt.Tx) error {
			if err := put(tx.Bucket([]byte("users")), []byte(key), user(key)); err != nil {
				return err
			}
			nested := map[string]*bbolt.Bucket{}
			for _, name := range []string{"attempts", "cards", "cards_due", "sessions"} {
				bk, err := tx.Bucket([]byte(name)).CreateBucket([]byte(key))
				if err != nil {
					return err
				}
				nested[name] = bk
			}
			msgs := tx.Bucket([]byte("attempt_msgs"))
			for i := range attempts {
				id := uint64(i + 1)
				q := fmt.Sprintf("q%03d", i/4)
				a := bot.Attempt{ID: id, UserKey: key, ChatKey: key, QuestionID: q, Time: t0.Add(time.Duration(i) * time.Minute),
					Kind: bot.AttemptAnswer, Reply: reply, Message: fmt.Sprint(i), Coverage: 0.5, Covered: []string{"RPO"}, Suggested: 3, Rating: 3}
				if err := put(nested["attempts"], binary.BigEndian.AppendUint64(nil, id), a); err != nil {
					return err
				}
				k := append(append(append(append([]byte(key), 0), a.Message...), 0), key...)
				if err := msgs.Put(k, binary.BigEndian.AppendUint64(nil, id)); err != nil {
					return err
				}
				if i%4 != 3 {
					continue
				}
				c := bot.ReviewCard{UserKey: key, QuestionID: q, Attempts: 4, LastCoverage: 0.5, BestCoverage: 0.5, LastAt: a.Time}
				c.Card.Due = t0.AddDate(0, 0, i%30)
				if err := put(nested["cards"], []byte(q), c); err != nil {
					return err
				}
				due := append(binary.BigEndian.AppendUint64(nil, uint64(c.Card.Due.UnixNano())), q...)
				if err := nested["cards_due"].Put(due, nil); err != nil {
					return err
				}
			}
			if err := nested["attempts"].SetSequence(uint64(attempts)); err != nil {
				return err
			}
			return put(nested["sessions"], []byte("2026-11-25T08:00:00Z"), bot.Session{ID: "2026-11-25T08:00:00Z", UserKey: key, ChatKey: key, Questions: []string{"q000"}, Stage: bot.StageQuestion, Started: t0})
		})
		must(t, err)
	}
	must(t, b.Sync())
}

// migrateChildEnv names the file a child process of the test binary opens
// (and so upgrades), logging to stderr.
const migrateChildEnv = "INTERVIEWBOT_TEST_MIGRATE"

func init() {
	if path := os.Getenv(migrateChildEnv); path != "" {
		log := slog.New(slog.NewTextHandler(os.Stderr, nil))
		db, err := storage.Open(path, storage.Options{Logger: log})
		if err != nil {
			fmt.Fprintln(os.Stderr, "open:", err)
			os.Exit(1)
		}
		db.Close()
		os.Exit(0)
	}
}

// TestMigrationKilledMidway upgrades a schema-5 file of some megabytes in
// child processes killed with SIGKILL at points spread over the upgrade's
// transaction, and then some: each killed file holds the old layout whole
// or the new one whole, never a mix, and opens to the same data.
func TestMigrationKilledMidway(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a file of some megabytes and kills processes")
	}
	ctx := t.Context()
	big := fixtureCopy(t)
	writeBulkV5(t, big, *migrateUsers, *migrateAttempts)
	old := readLayout(t, big)

	// The upgrade in process, timed: the kills are spread over it.
	whole := copyFile(t, big)
	start := time.Now()
	db, err := storage.Open(whole, storage.Options{})
	took := time.Since(start)
	must(t, err)
	want := snapshot(t, ctx, db)
	must(t, db.Close())
	t.Logf("upgrade of %d people × %d attempts (%.1f MB of data), and the rewrite: %s", *migrateUsers, *migrateAttempts, float64(dataSize(t, big))/1e6, took.Round(time.Millisecond))
	if l := readLayout(t, whole); l.Records != old.Records || l.Nested != 0 {
		t.Fatalf("upgraded in process: %+v; want %d records, flat", l, old.Records)
	}

	// The kills are spread over the upgrade's transaction as a child
	// process runs it now: on a loaded machine it can take several times
	// what it took in process, and the rewrite after it is longer still.
	txn := upgradeTransactionTime(t, copyFile(t, big))
	t.Logf("the upgrade's transaction in a child process: %s", txn.Round(time.Millisecond))

	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	outcomes := map[uint64]int{}
	for i := range *migrateKills {
		// From early in the transaction to a little after its end.
		at := time.Duration((float64(i) + rng.Float64()) / float64(*migrateKills) * 1.3 * float64(txn))
		path := copyFile(t, big)
		finished := killDuringUpgrade(t, path, at)
		l := readLayout(t, path)
		switch {
		case l.Records != old.Records:
			t.Errorf("kill %d at %s: %d records, want %d", i, at, l.Records, old.Records)
		case l.Version == 5 && l.Flat == 0 && l.Nested == old.Nested:
		case l.Version == storage.SchemaVersion && l.Nested == 0:
		default:
			t.Errorf("kill %d at %s: a mix of layouts: %+v (before: %+v)", i, at, l, old)
		}
		outcomes[l.Version]++
		state := "the old layout"
		switch {
		case finished:
			state = "the new layout, rewritten (the child had finished)"
		case l.Version == storage.SchemaVersion && l.Rewrite:
			state = "the new layout, not yet rewritten"
		case l.Version == storage.SchemaVersion:
			state = "the new layout, rewritten"
		}
		t.Logf("kill %d at %s into the upgrade: %s", i, at.Round(time.Millisecond), state)
		db, err := storage.Open(path, storage.Options{})
		must(t, err)
		compareSnapshots(t, snapshot(t, ctx, db), want)
		must(t, db.Close())
	}
	if txn > 100*time.Millisecond && outcomes[5] == 0 {
		t.Errorf("no kill landed inside the upgrade's transaction (%v): the test proved nothing", outcomes)
	}
}

// upgradeTransactionTime opens path in a child process, lets it finish,
// and returns the time from its log line that the upgrade starts to the
// one that its transaction committed.
func upgradeTransactionTime(t *testing.T, path string) time.Duration {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), migrateChildEnv+"="+path)
	stderr, err := cmd.StderrPipe()
	must(t, err)
	must(t, cmd.Start())
	var started, committed time.Time
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		switch {
		case strings.Contains(sc.Text(), "upgrading database"):
			started = time.Now()
		case strings.Contains(sc.Text(), "database upgraded"):
			committed = time.Now()
		}
	}
	must(t, cmd.Wait())
	if started.IsZero() || committed.IsZero() {
		t.Fatalf("the child did not log the upgrade's start and commit")
	}
	return committed.Sub(started)
}

// killDuringUpgrade opens path in a child process and kills it with
// SIGKILL at after its upgrade starts. It reports whether the child had
// finished by then.
func killDuringUpgrade(t *testing.T, path string, at time.Duration) bool {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), migrateChildEnv+"="+path)
	stderr, err := cmd.StderrPipe()
	must(t, err)
	must(t, cmd.Start())
	sc := bufio.NewScanner(stderr)
	upgrading := false
	for sc.Scan() {
		if strings.Contains(sc.Text(), "upgrading database") {
			upgrading = true
			break
		}
	}
	if !upgrading {
		_ = cmd.Wait()
		t.Fatalf("the child never started the upgrade")
	}
	time.Sleep(at)
	_ = cmd.Process.Signal(syscall.SIGKILL)
	go io.Copy(io.Discard, stderr)
	return cmd.Wait() == nil
}

// copyFile copies a file into a new temporary directory.
func copyFile(t testing.TB, src string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	must(t, err)
	dst := filepath.Join(t.TempDir(), "bot.db")
	must(t, os.WriteFile(dst, data, 0o600))
	return dst
}

// BenchmarkMigrateToV6 times the upgrade of a schema-5 file (Open, which
// also checks the file's pages) with 10,000 and 100,000 attempts; it
// reports the size of the data (bbolt's high-water mark) before and after.
func BenchmarkMigrateToV6(b *testing.B) {
	for _, size := range []struct{ users, attempts int }{{20, 500}, {100, 1000}} {
		b.Run(fmt.Sprintf("attempts=%d", size.users*size.attempts), func(b *testing.B) {
			src := fixtureCopy(b)
			writeBulkV5(b, src, size.users, size.attempts)
			before := dataSize(b, src)
			var after int64
			for b.Loop() {
				b.StopTimer()
				path := copyFile(b, src)
				b.StartTimer()
				db, err := storage.Open(path, storage.Options{})
				must(b, err)
				b.StopTimer()
				must(b, db.Close())
				after = dataSize(b, path)
				os.Remove(path)
				b.StartTimer()
			}
			b.ReportMetric(float64(before)/1e6, "MB-v5")
			b.ReportMetric(float64(after)/1e6, "MB-v6")
		})
	}
}

// dataSize returns the size of the data of a bbolt file: its pages up to
// the high-water mark, without the space bbolt allocated ahead.
func dataSize(t testing.TB, path string) int64 {
	t.Helper()
	b, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true, Timeout: time.Second})
	must(t, err)
	defer b.Close()
	var n int64
	must(t, b.View(func(tx *bbolt.Tx) error { n = tx.Size(); return nil }))
	return n
}
