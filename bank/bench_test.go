package bank_test

import (
	"testing"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/seeds"
)

// BenchmarkLoadSeeds reads, merges and key-points the embedded seed notes.
func BenchmarkLoadSeeds(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if bk, _ := bank.Load(bank.Input{FS: seeds.FS}); bk.Len() == 0 {
			b.Fatal("empty bank")
		}
	}
}
