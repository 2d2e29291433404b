package storage_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/interviewbot/interviewbot/storage"
)

var writeFixture = flag.Bool("schema.write-fixture", false, "write testdata/schema5 with this version of the code")

// TestWriteSchemaFixture writes the schema fixture: a file laid out by
// this version's code, filled by fillFixture, and the snapshot this
// version reads from it.
func TestWriteSchemaFixture(t *testing.T) {
	if !*writeFixture {
		t.Skip("run with -schema.write-fixture to write testdata/schema5")
	}
	dir := filepath.Join("testdata", "schema5")
	path := filepath.Join(dir, "bot.db")
	os.Remove(path)
	db, err := storage.Open(path, storage.Options{})
	must(t, err)
	fillFixture(t, t.Context(), db)
	// Forgetting someone compacts the file: it is small and has no freed
	// pages holding old data.
	must(t, db.PutUser(t.Context(), user("telegram:99")))
	must(t, db.ForgetUser(t.Context(), "telegram:99"))
	snap := snapshot(t, t.Context(), db)
	must(t, db.Close())
	data, err := json.MarshalIndent(snap, "", "  ")
	must(t, err)
	must(t, os.WriteFile(filepath.Join(dir, "snapshot.json"), append(data, '\n'), 0o644))
}
