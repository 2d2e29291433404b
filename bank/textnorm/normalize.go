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
	return cases.Fold().String(norm.NFKC.String(s))
}

// Compact returns the folded form of s with every character that is not a
// letter or a digit removed. Two phrases that differ only in spacing,
// punctuation, width or case ("Crash-Consistent", "crash consistent",
// "ｃｒａｓｈ　ｃｏｎｓｉｓｔｅｎｔ") have the same compact form.
func Compact(s string) string {
	f := Fold(s)
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
