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
	// level is a heading's level, a list item's nesting depth, or a part
	// line's part.
	level int
	// list numbers the list an item belongs to (1, 2, … in file order); 0
	// for a line that is no list item.
	list int
	// kind is what the markup makes the line; every line of a plain-text
	// file is kindText.
	kind lineKind
	// anchor is set on a line that is nothing but a link to a place in the
	// same file: an entry of a table of contents.
	anchor bool
	// nested is set on a heading inside a list item (below the item's
	// first line): content of the item, never a section.
	nested bool
	// escaped is set on a line that starts with an escaped number, such as
	// "167\. Two Sum II": its author said it is no numbered item.
	escaped bool
	// linksOnly is set on a line that holds nothing but links to other
	// pages ("Leetcode / 力扣").
	linksOnly bool
	// sub is set on a line of a question's body that was a heading or a
	// <summary> inside its section: a line of the answer, not a question it
	// holds. (The small fields sit together: a file is read as many lines.)
	sub bool
	// cell tells which part of a markdown table the line comes from.
	cell tableCell
}

// tableCell tells which part of a markdown table a line comes from.
type tableCell uint8

const (
	cellNone     tableCell = iota // no table
	cellHeader                    // the header row of a table that is no question | answer table
	cellRow                       // a body row of such a table
	cellQuestion                  // the question cell of a row of a question | answer table
	cellAnswer                    // a line of the answer cell of such a row
)

// lineKind tells what a line is, as markdown marks it.
type lineKind uint8

const (
	kindText         lineKind = iota // prose, and any line of a plain-text file
	kindHeading                      // a heading; text is its title
	kindItem                         // a list item's first line, marker included
	kindCode                         // a line of a code block, verbatim
	kindFence                        // the start or end of a code block: ```
	kindDetailsOpen                  // <details>
	kindSummary                      // <summary>; text is its text
	kindDetailsClose                 // </details>
	kindPart                         // the start of a part of a question (level: which part; text: the rest of its line)
)

func (l line) blank() bool { return l.kind == kindText && l.text == "" }

// isCode reports whether the line belongs to a code block.
func (l line) isCode() bool { return l.kind == kindCode || l.kind == kindFence }

// normalizeLineEnds turns CRLF (Windows) and a lone CR (classic Mac OS,
// some exports) into LF. Every reader of a file (the text and markdown
// readers, YAML, which counts a lone CR as a line break) then cuts the
// same lines, and a problem names the line an editor shows.
func normalizeLineEnds(data []byte) []byte {
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
}

// splitLines cuts a notes file, its line ends made LF, into lines. Invalid
// UTF-8 is replaced with U+FFFD and reported with its line, so one bad byte
// costs one line's accuracy, not the file.
func splitLines(file string, data []byte) ([]line, Problems) {
	var probs Problems
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	raw := strings.Split(string(data), "\n")
	lines := make([]line, 0, len(raw))
	for i, s := range raw {
		if !utf8.ValidString(s) {
			probs = append(probs, Problem{Source{file, i + 1}, Error, invalidUTF8(len(probs) == 0)})
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		l := line{no: i + 1, indent: indentOf(s), text: strings.TrimSpace(s)}
		if lvl, title, ok := heading(l.text); ok && l.indent <= 3 {
			l.text, l.kind, l.level = title, kindHeading, lvl
		}
		lines = append(lines, l)
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
