package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a piece of a text as byte offsets: text[Start:End].
type Span struct{ Start, End int }

// Sentences splits s into sentences at Chinese and English sentence ends and
// line breaks, keeping the terminator with its sentence and dropping empty
// pieces. A period ends an English sentence only when a space or the end of
// the text follows it, so "v1.2" and "e.g." inside a sentence stay whole.
func Sentences(s string) []string {
	var out []string
	eachSentence(s, func(sp Span) bool {
		out = append(out, validRunes(s[sp.Start:sp.End]))
		return true
	})
	return out
}

// SentenceSpans returns where the sentences of s (as Sentences cuts them)
// stand in s. A sentence that holds bytes that are not UTF-8 has them as
// they are in s, where Sentences has U+FFFD.
func SentenceSpans(s string) []Span {
	var out []Span
	eachSentence(s, func(sp Span) bool {
		out = append(out, sp)
		return true
	})
	return out
}

// FirstSentence returns the first sentence of s, Sentences(s)[0], or "".
// It reads only as far as that sentence goes, so it costs the same at the
// start of a long text as of a short one.
func FirstSentence(s string) string {
	first := ""
	eachSentence(s, func(sp Span) bool {
		first = validRunes(s[sp.Start:sp.End])
		return false
	})
	return first
}

// validRunes returns s with each byte that is not valid UTF-8 replaced by
// U+FFFD, as converting to []rune and back does.
func validRunes(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return string([]rune(s))
}

// eachSentence calls yield with each sentence of s, trimmed of white space,
// until yield returns false. A byte that is not UTF-8 is neither white space
// nor a sentence end, as its U+FFFD is not: the cuts are those of the text
// with each such byte replaced.
func eachSentence(s string, yield func(Span) bool) {
	start := 0
	// emit offers s[start:end] trimmed, if anything is left, and reports
	// whether to go on.
	emit := func(end int) bool {
		piece := s[start:end]
		from := start + len(piece) - len(strings.TrimLeftFunc(piece, unicode.IsSpace))
		start = end
		if t := strings.TrimSpace(piece); t != "" {
			return yield(Span{from, from + len(t)})
		}
		return true
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isSentenceEnd(r):
			if !emit(i + size) {
				return
			}
		case r == '.' && (i+1 == len(s) || s[i+1] == ' ') && i > 0 && s[i-1] != '.':
			if !emit(i + 1) {
				return
			}
		}
		i += size
	}
	emit(len(s))
}

// isSentenceEnd reports whether r ends a sentence in Chinese or English
// text: 。！？!?；; or a line break.
func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '；', ';', '\n':
		return true
	}
	return false
}

// IsClauseBreak reports whether r ends a clause: a comma or another
// clause separator, or a sentence's end.
func IsClauseBreak(r rune) bool {
	return strings.ContainsRune("，,、：:；;。！？!?\n", r)
}

// Clauses splits a sentence further at commas and other clause separators,
// dropping the separators.
func Clauses(s string) []string {
	var out []string
	for _, c := range strings.FieldsFunc(s, IsClauseBreak) {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}
