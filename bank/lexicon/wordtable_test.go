package lexicon

import (
	_ "embed"
	"encoding/binary"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// wordsGz is the word list gencedict writes: data/words.bin is made from it.
//
//go:embed data/words.txt.gz
var wordsGz []byte

var updateWords = flag.Bool("update-words", false, "write data/words.bin from data/words.txt.gz")

// wordListLines returns the words of a word list's text: its lines but
// comments and blank ones.
func wordListLines(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if line != "" && line[0] != '#' {
			out = append(out, line)
		}
	}
	return out
}

// buildWordTable lays out the words of two to six characters as
// readWordTable reads them.
func buildWordTable(words []string) string {
	type pair struct{ a, b rune }
	lens := map[pair]uint8{}
	long := map[string]bool{}
	for _, w := range words {
		rs := []rune(w)
		if len(rs) < 2 || len(rs) > maxWordRunes {
			continue
		}
		lens[pair{rs[0], rs[1]}] |= 1 << len(rs)
		if len(rs) > 2 {
			long[w] = true
		}
	}
	pairs := make([]pair, 0, len(lens))
	for p := range lens {
		pairs = append(pairs, p)
	}
	slices.SortFunc(pairs, func(x, y pair) int {
		if x.a != y.a {
			return int(x.a - y.a)
		}
		return int(x.b - y.b)
	})
	longs := make([]string, 0, len(long))
	for w := range long {
		longs = append(longs, w)
	}
	slices.Sort(longs) // UTF-8 order is character order: grouped by first character

	var firsts, pairStart, longStart, pairEntries, longEnd []uint32
	var text strings.Builder
	li := 0
	for i, p := range pairs {
		if i == 0 || p.a != pairs[i-1].a {
			firsts = append(firsts, uint32(p.a))
			pairStart = append(pairStart, uint32(i))
			longStart = append(longStart, uint32(li))
			for ; li < len(longs); li++ {
				r, size := utf8.DecodeRuneInString(longs[li])
				if r != p.a {
					break
				}
				text.WriteString(longs[li][size:])
				longEnd = append(longEnd, uint32(text.Len()))
			}
		}
		pairEntries = append(pairEntries, uint32(p.b)<<8|uint32(lens[p]))
	}
	pairStart = append(pairStart, uint32(len(pairs)))
	longStart = append(longStart, uint32(li))

	out := []byte(wordTableMagic)
	for _, n := range []int{len(firsts), len(pairEntries), len(longEnd), text.Len()} {
		out = binary.LittleEndian.AppendUint32(out, uint32(n))
	}
	for _, sec := range [][]uint32{firsts, pairStart, longStart, pairEntries, longEnd} {
		for _, v := range sec {
			out = binary.LittleEndian.AppendUint32(out, v)
		}
	}
	return string(out) + text.String()
}

// TestWordTable: data/words.bin holds exactly the words of
// data/words.txt.gz, and finds each of them and nothing else.
func TestWordTable(t *testing.T) {
	text, err := gunzip(wordsGz)
	if err != nil {
		t.Fatal(err)
	}
	words := wordListLines(text)
	want := buildWordTable(words)
	if *updateWords {
		if err := os.WriteFile("data/words.bin", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if wordsBin != want {
		t.Fatalf("data/words.bin differs from data/words.txt.gz (%d bytes, want %d): regenerate it with -update-words", len(wordsBin), len(want))
	}
	wt, err := readWordTable(wordsBin)
	if err != nil {
		t.Fatal(err)
	}
	in := map[string]bool{}
	starts := map[[2]rune]uint8{}
	for _, w := range words {
		rs := []rune(w)
		if len(rs) < 2 || len(rs) > maxWordRunes {
			continue
		}
		in[w] = true
		starts[[2]rune{rs[0], rs[1]}] |= 1 << len(rs)
	}
	for _, w := range words {
		rs := []rune(w)
		if !in[w] {
			continue
		}
		if got, want := wt.lengths(rs[0], rs[1]), starts[[2]rune{rs[0], rs[1]}]; got != want {
			t.Fatalf("lengths(%q) = %b, want %b", string(rs[:2]), got, want)
		}
		if len(rs) > 2 && !wt.hasLong([]byte(w)) {
			t.Fatalf("%q is not found", w)
		}
		// The same characters one changed, or one more, are a word only if
		// the list says so.
		for _, v := range []string{w + "的", string(rs[:len(rs)-1]) + "龘", "龘" + string(rs[1:])} {
			vr := []rune(v)
			if len(vr) > 2 && len(vr) <= maxWordRunes && wt.hasLong([]byte(v)) != in[v] {
				t.Fatalf("hasLong(%q) = %v, want %v", v, !in[v], in[v])
			}
		}
	}
	if wt.lengths('a', 'b') != 0 || wt.lengths('龘', '龘') != 0 || wt.hasLong([]byte("abc")) {
		t.Error("words that are not in the list are found")
	}
}

// TestReadWordTableRejectsDamage: a table cut short or with another header
// is an error, not a panic or wrong words.
func TestReadWordTableRejectsDamage(t *testing.T) {
	for _, bad := range []string{"", "IBWORDS0" + wordsBin[8:], wordsBin[:len(wordsBin)-1], wordsBin[:40]} {
		if _, err := readWordTable(bad); err == nil {
			t.Errorf("a damaged table of %d bytes reads without error", len(bad))
		}
	}
}

// BenchmarkWordLookup compares the table's lookups with the maps the word
// list was loaded into before: every start and long-word lookup the
// segmenter makes over the seeds-like text below.
func BenchmarkWordLookup(b *testing.B) {
	text, err := gunzip(wordsGz)
	if err != nil {
		b.Fatal(err)
	}
	starts := map[uint64]uint8{}
	long := map[string]struct{}{}
	for _, w := range wordListLines(text) {
		rs := []rune(w)
		if len(rs) < 2 || len(rs) > maxWordRunes {
			continue
		}
		starts[pairKey(rs[0], rs[1])] |= 1 << len(rs)
		if len(rs) > 2 {
			long[w] = struct{}{}
		}
	}
	wt, err := readWordTable(wordsBin)
	if err != nil {
		b.Fatal(err)
	}
	run := []rune(strings.Repeat("我所在的团队主要负责微软云的数据保护与迁移方向团队的工作范围涵盖了从层到层的备份恢复以及本地与云之间的容灾与迁移场景具体包括原生的虚拟机数据库存储等资源的备份与恢复", 10))
	b.Run("table", func(b *testing.B) {
		for b.Loop() {
			for i := 0; i+1 < len(run); i++ {
				lens := wt.lengths(run[i], run[i+1])
				for k := 3; k <= maxWordRunes && i+k <= len(run); k++ {
					if lens&(1<<k) != 0 {
						var buf [maxWordRunes * utf8.UTFMax]byte
						w := buf[:0]
						for _, r := range run[i : i+k] {
							w = utf8.AppendRune(w, r)
						}
						wt.hasLong(w)
					}
				}
			}
		}
	})
	b.Run("map", func(b *testing.B) {
		for b.Loop() {
			for i := 0; i+1 < len(run); i++ {
				lens := starts[pairKey(run[i], run[i+1])]
				for k := 3; k <= maxWordRunes && i+k <= len(run); k++ {
					if lens&(1<<k) != 0 {
						_ = long[string(run[i:i+k])]
					}
				}
			}
		}
	})
}
