package storage_test

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/interviewbot/interviewbot/storage"
)

// BenchmarkOpenCheck measures the page check Open runs (in full, as
// VerifyFile and Options.FullCheck do) on a file of about 40 MB: the
// throughput tells how much of a file the default 1 s budget covers.
func BenchmarkOpenCheck(b *testing.B) {
	db := openTemp(b)
	fillUsersB(b, db, 8, 20, 256<<10)
	path := db.Path()
	must(b, db.Close())
	info, err := os.Stat(path)
	must(b, err)
	b.SetBytes(info.Size())
	b.ResetTimer()
	for range b.N {
		must(b, storage.VerifyFile(path))
	}
}

// fillUsersB records n answers of about size bytes for each of people
// users.
func fillUsersB(b *testing.B, db *storage.DB, people, n, size int) {
	b.Helper()
	reply := strings.Repeat("备份要能恢复。", size/21)
	var wg sync.WaitGroup
	for i := range people {
		u := user(fmt.Sprintf("telegram:%d", 100+i))
		wg.Go(func() {
			for j := range n {
				if _, err := db.RecordAttempt(b.Context(), answer(u, u.Key, fmt.Sprintf("q%d", j), reply, 0.5)); err != nil {
					b.Error(err)
				}
			}
		})
	}
	wg.Wait()
}
