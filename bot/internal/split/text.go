package split

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Len16 returns the length of s in UTF-16 code units.
func Len16(s string) int {
	n := 0
	for _, r := range s {
		n += RuneLen16(r)
	}
	return n
}

// RuneLen16 returns how many UTF-16 code units encode r.
func RuneLen16(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// IsSentenceStop reports punctuation that ends a sentence when a space or
// the end of the text follows.
func IsSentenceStop(r rune) bool {
	switch r {
	case '.', '!', '?', ';', '…':
		return true
	}
	return false
}

// IsFullWidthStop reports CJK punctuation that ends a sentence by itself.
func IsFullWidthStop(r rune) bool {
	switch r {
	case '。', '！', '？', '；':
		return true
	}
	return false
}

// IsCJKBreak reports CJK punctuation a line may be cut after: the
// full-width stops and the clause marks ，、：.
func IsCJKBreak(r rune) bool {
	return IsFullWidthStop(r) || r == '，' || r == '、' || r == '：'
}

// EndsSentence reports whether s, trailing spaces aside, ends with
// sentence punctuation.
func EndsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(s, unicode.IsSpace))
	return IsSentenceStop(r) || IsFullWidthStop(r)
}

// SafeCut reports whether s may be cut at byte offset i without
// separating a character from its combining marks, variation selectors,
// skin tone modifiers or zero-width joiner sequences, nor splitting a
// flag. i must be a rune boundary.
func SafeCut(s string, i int) bool {
	next, _ := utf8.DecodeRuneInString(s[i:])
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	switch {
	case prev == '\u200d', extends(next):
		return false
	case isRegional(prev) && isRegional(next):
		return !oddRegionals(s[:i])
	}
	return true
}

// SafeBefore moves a cut at byte offset cut back, by up to maxBack runes,
// to the nearest point where SafeCut holds; it returns cut unchanged when
// there is none that near (or only the start of s).
func SafeBefore(s string, cut, maxBack int) int {
	c := cut
	for range maxBack {
		if c <= 0 {
			return cut
		}
		if SafeCut(s, c) {
			return c
		}
		_, size := utf8.DecodeLastRuneInString(s[:c])
		c -= size
	}
	return cut
}

// extends reports runes that attach to the character before them.
func extends(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) ||
		r == '\u200d' || r >= 0xfe00 && r <= 0xfe0f || r >= 0x1f3fb && r <= 0x1f3ff ||
		r >= 0xe0020 && r <= 0xe007f || r >= 0xe0100 && r <= 0xe01ef
}

// isRegional reports a regional indicator symbol (half of a flag).
func isRegional(r rune) bool { return r >= 0x1f1e6 && r <= 0x1f1ff }

// oddRegionals reports whether s ends with an odd number of regional
// indicators, so that cutting after it would split a flag.
func oddRegionals(s string) bool {
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		if !isRegional(r) {
			break
		}
		n++
		s = s[:len(s)-size]
	}
	return n%2 == 1
}
