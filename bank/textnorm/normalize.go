package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Fold returns s in NFKC form and case folded, with invalid UTF-8 replaced by
// U+FFFD. Spaces and punctuation are kept; use Compact to drop them.
func Fold(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if f, ok := quickFold(s); ok {
		return f
	}
	return cases.Fold().String(norm.NFKC.String(s))
}

// quickFold folds text made only of characters whose NFKC and case folding
// are simple (ASCII, full-width ASCII, the ideographic space, common CJK
// ideographs and punctuation that NFKC leaves alone) without the general
// machinery, which dominates grading time. It reports false for anything
// else, and Fold takes the general path.
func quickFold(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			b.WriteByte(byte(r - 'A' + 'a'))
		case r < utf8.RuneSelf:
			b.WriteByte(byte(r))
		case r >= 0x4E00 && r <= 0x9FFF:
			b.WriteRune(r)
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
			a := r - 0xFEE0
			if a >= 'A' && a <= 'Z' {
				a += 'a' - 'A'
			}
			b.WriteByte(byte(a))
		case r == 0x3000: // ideographic space
			b.WriteByte(' ')
		case r >= 0x3001 && r <= 0x3003, r >= 0x3008 && r <= 0x3011,
			r == 0x2014, r == 0x2018, r == 0x2019, r == 0x201C, r == 0x201D:
			b.WriteRune(r) // CJK punctuation and quotes NFKC keeps
		default:
			return "", false
		}
	}
	return b.String(), true
}

// Compact returns the folded form of s with every character that is not a
// letter or a digit removed. Two phrases that differ only in spacing,
// punctuation, width or case ("Crash-Consistent", "crash consistent",
// "ｃｒａｓｈ　ｃｏｎｓｉｓｔｅｎｔ") have the same compact form.
func Compact(s string) string {
	return compactFolded(Fold(s))
}

func compactFolded(f string) string {
	var b strings.Builder
	b.Grow(len(f))
	for _, r := range f {
		if IsWordRune(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// IsWordRune reports whether r carries content: a letter, a digit or a CJK
// ideograph. Everything else (spaces, punctuation, symbols, emoji) is
// ignored when text is compared.
func IsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// IsCJK reports whether r is a Han ideograph, kana or hangul syllable: a
// character that is written without spaces between words.
func IsCJK(r rune) bool {
	if r >= 0x4E00 && r <= 0x9FFF { // the common ideographs, tested first
		return true
	}
	if r < 0x2E80 {
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// IsLatinWordRune reports whether r belongs to a Latin-script word or a
// number: the runes that Tokens groups into words.
func IsLatinWordRune(r rune) bool {
	return IsWordRune(r) && !IsCJK(r)
}

// CleanSpaces collapses runs of white space to one space, drops spaces that
// sit between two CJK characters (a line-wrapping artefact in Chinese text)
// and trims the ends.
func CleanSpaces(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if !unicode.IsSpace(r) {
			b.WriteRune(r)
			continue
		}
		j := i
		for j < len(rs) && unicode.IsSpace(rs[j]) {
			j++
		}
		// rs[i:j] is a run of spaces.
		if i > 0 && j < len(rs) && !(IsCJK(rs[i-1]) && IsCJK(rs[j])) {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return strings.TrimSpace(b.String())
}
