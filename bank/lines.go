package bank

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// line is one line of a notes file.
type line struct {
	no     int    // 1-based line number
	indent int    // leading spaces, a tab counting as four
	text   string // the line without surrounding white space
}

func (l line) blank() bool { return l.text == "" }

// splitLines cuts a notes file into lines. Invalid UTF-8 is replaced with
// U+FFFD and reported with its line, so one bad byte costs one line's
// accuracy, not the file.
func splitLines(file string, data []byte) ([]line, Problems) {
	var probs Problems
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	raw := strings.Split(string(data), "\n")
	lines := make([]line, 0, len(raw))
	for i, s := range raw {
		s = strings.TrimSuffix(s, "\r")
		if !utf8.ValidString(s) {
			probs = append(probs, Problem{Source{file, i + 1}, Error, "invalid UTF-8 (the bad bytes were replaced with U+FFFD)"})
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		lines = append(lines, line{no: i + 1, indent: indentOf(s), text: strings.TrimSpace(s)})
	}
	return lines, probs
}

func indentOf(s string) int {
	n := 0
	for _, r := range s {
		switch r {
		case ' ':
			n++
		case '\t':
			n += 4
		case '\u3000': // ideographic space
			n += 2
		default:
			return n
		}
	}
	return n
}

// looksBinary reports whether data is not text at all (a NUL byte in the
// first few kilobytes), as git does.
func looksBinary(data []byte) bool {
	head := data
	if len(head) > 8000 {
		head = head[:8000]
	}
	return bytes.IndexByte(head, 0) >= 0
}
