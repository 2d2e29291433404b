package lexicon

import (
	_ "embed"
	"errors"
	"fmt"
	"unicode/utf8"
)

// The word list (data/words.txt.gz) as a table read in place: nothing is
// built at start-up. It is generated from the word list
// (go test ./bank/lexicon -run TestWordTable -update-words). Building
// 160,000 map entries from the gzipped list took 27 ms at every start on
// the 2-core sandbox, and the seeds' first question waited for it.
//
//go:embed data/words.bin
var wordsBin string

// wordTableMagic opens data/words.bin; the digit is the format's version.
const wordTableMagic = "IBWORDS1"

// wordTable is the word list's words of two to six characters, grouped by
// their first character. Its data is laid out as little-endian uint32s
// after the magic and a header of four counts (firsts, pairs, long words,
// bytes of their text):
//
//	firsts     the first characters, ascending
//	pairStart  firsts+1 entries: where each first character's pairs start
//	longStart  firsts+1 entries: where its long words start
//	pairs      second character<<8 | bit set of the lengths of the words
//	           that start with the two, ascending by character
//	longEnd    where each long word's text ends in text
//	text       each long word (three characters or more) without its first
//	           character, ascending within its first character
//
// A first character of the Basic Multilingual Plane is found through an
// index built at load (one pass over the 5,145 first characters, 54 KB),
// any other by a binary search; then a binary search within its words
// takes a handful of steps.
type wordTable struct {
	data                                                  string
	firsts, pairStart, longStart, pairs, longEnd, textOff int
	nFirsts                                               int
	// bmp holds, for each character from bmpFrom on, 1 + its index among
	// the first characters, or 0 when no word starts with it.
	bmp     []uint16
	bmpFrom rune
}

// readWordTable checks data's layout and returns the table reading it.
func readWordTable(data string) (wordTable, error) {
	const header = len(wordTableMagic) + 16
	if len(data) < header || data[:len(wordTableMagic)] != wordTableMagic {
		return wordTable{}, errors.New("not a word table")
	}
	h := data[len(wordTableMagic):]
	nFirsts, nPairs, nLong, nText := int(u32(h, 0)), int(u32(h, 1)), int(u32(h, 2)), int(u32(h, 3))
	t := wordTable{data: data, nFirsts: nFirsts, firsts: header}
	t.pairStart = t.firsts + 4*nFirsts
	t.longStart = t.pairStart + 4*(nFirsts+1)
	t.pairs = t.longStart + 4*(nFirsts+1)
	t.longEnd = t.pairs + 4*nPairs
	t.textOff = t.longEnd + 4*nLong
	if want := t.textOff + nText; len(data) != want {
		return wordTable{}, fmt.Errorf("word table of %d bytes, its header says %d", len(data), want)
	}
	if t.at(t.pairStart, nFirsts) != nPairs || t.at(t.longStart, nFirsts) != nLong || (nLong > 0 && t.at(t.longEnd, nLong-1) != nText) {
		return wordTable{}, errors.New("word table: its sections do not end where its header says")
	}
	t.indexBMP()
	return t, nil
}

// indexBMP builds t.bmp over the first characters below U+10000.
func (t *wordTable) indexBMP() {
	n := 0
	for n < t.nFirsts && n < 1<<16-1 && t.at(t.firsts, n) < 0x10000 {
		n++
	}
	if n == 0 {
		return
	}
	t.bmpFrom = rune(t.at(t.firsts, 0))
	t.bmp = make([]uint16, rune(t.at(t.firsts, n-1))-t.bmpFrom+1)
	for i := range n {
		t.bmp[rune(t.at(t.firsts, i))-t.bmpFrom] = uint16(i + 1)
	}
}

// u32 returns the i-th little-endian uint32 of s.
func u32(s string, i int) uint32 {
	s = s[4*i : 4*i+4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// at returns the i-th uint32 of the section that starts at off.
func (t *wordTable) at(off, i int) int { return int(u32(t.data[off:], i)) }

// first returns the index of r among the first characters, or -1.
func (t *wordTable) first(r rune) int {
	if i := r - t.bmpFrom; i >= 0 && int(i) < len(t.bmp) {
		return int(t.bmp[i]) - 1
	}
	lo, hi := 0, t.nFirsts
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if rune(t.at(t.firsts, m)) < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < t.nFirsts && rune(t.at(t.firsts, lo)) == r {
		return lo
	}
	return -1
}

// lengths returns the bit set of the lengths (in characters) of the words
// that start with a and b: bit k for a word of k characters.
func (t *wordTable) lengths(a, b rune) uint8 {
	f := t.first(a)
	if f < 0 {
		return 0
	}
	lo, hi := t.at(t.pairStart, f), t.at(t.pairStart, f+1)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if rune(t.at(t.pairs, m)>>8) < b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < t.at(t.pairStart, f+1) {
		if e := t.at(t.pairs, lo); rune(e>>8) == b {
			return uint8(e)
		}
	}
	return 0
}

// hasLong reports whether w, of three characters or more in UTF-8, is a
// word.
func (t *wordTable) hasLong(w []byte) bool {
	a, size := utf8.DecodeRune(w)
	f := t.first(a)
	if f < 0 {
		return false
	}
	rest := w[size:]
	lo, hi := t.at(t.longStart, f), t.at(t.longStart, f+1)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch s := t.longText(m); {
		case s == string(rest):
			return true
		case s < string(rest):
			lo = m + 1
		default:
			hi = m
		}
	}
	return false
}

// longText returns the i-th long word without its first character.
func (t *wordTable) longText(i int) string {
	start := 0
	if i > 0 {
		start = t.at(t.longEnd, i-1)
	}
	return t.data[t.textOff+start : t.textOff+t.at(t.longEnd, i)]
}
