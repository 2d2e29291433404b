package engine

import (
	"regexp"
	"strings"
	"unicode"
)

// The Markdown a reference sentence keeps from the notes: the list marker
// it opens with, the markers of list items run together into it
// ("Advantages:- Isolation: …", "`false`- Numeric …"), and bold, strike
// and code marks.
var (
	reLeadingMarker = regexp.MustCompile(`^\s*(?:[-*+•]|\d{1,3}[.)])\s+`)
	reInnerMarker   = regexp.MustCompile("([:：.。;；)）`*\"])\\s*[-*+•]\\s+")
	reEmphasis      = strings.NewReplacer("**", "", "__", "", "~~", "")
	reSpaces        = regexp.MustCompile(`\s{2,}`)
)

// plainReference is a reference sentence as the feedback quotes it after a
// point's name: plain text, without list markers, bold or code marks or
// table pipes, and without the name again when the sentence opens with it
// ("- Docker Daemon: A persistent…" after Docker Daemon reads "A
// persistent…"). The key point keeps its sentence as the notes have it.
func plainReference(sentence, point string) string {
	s := reLeadingMarker.ReplaceAllString(strings.TrimSpace(sentence), "")
	s = reEmphasis.Replace(s)
	s = reInnerMarker.ReplaceAllStringFunc(s, func(m string) string {
		switch p := []rune(m)[0]; p {
		case ':', '：', '.', '。', ';', '；':
			return string(p) + " "
		default:
			return string(p) + "; "
		}
	})
	s = tableRow(s)
	s = dropName(s, point)
	s = strings.ReplaceAll(s, "`", "")
	return strings.TrimSpace(reSpaces.ReplaceAllString(s, " "))
}

// tableRow turns a Markdown table row ("Isolation | Uses containers |
// Uses hypervisor") into a sentence: "Isolation: Uses containers; Uses
// hypervisor". Other text, code's "a || b" too, is returned unchanged.
func tableRow(s string) string {
	if strings.Contains(s, "||") || (strings.Count(s, "|") < 2 && !strings.HasPrefix(s, "|")) {
		return s
	}
	var cells []string
	for _, c := range strings.Split(s, "|") {
		if c = strings.TrimSpace(c); c != "" {
			cells = append(cells, c)
		}
	}
	if len(cells) < 2 {
		return strings.Join(cells, "")
	}
	head, sep := cells[0], ": "
	if r := []rune(head); unicode.IsPunct(r[len(r)-1]) {
		sep = " "
	}
	return head + sep + strings.Join(cells[1:], "; ")
}

// dropName removes the point's name from the start of s when what follows
// is its explanation (after ":", "：", ".", "-", "|") or the name again;
// a sentence that goes on from the name ("Docker images serve as …") is
// left whole, and so is one that is nothing but the name.
func dropName(s, point string) string {
	name := strings.TrimSpace(point)
	if name == "" || len(s) <= len(name) || !strings.EqualFold(s[:len(name)], name) {
		return s
	}
	rest := s[len(name):]
	if len(rest) >= len(name) && strings.EqualFold(rest[:len(name)], name) {
		return rest // a heading run into its first sentence
	}
	trimmed := strings.TrimLeft(rest, " \t")
	for _, sep := range []string{":", "：", ".", "。", "-", "–", "—", "|"} {
		if after, ok := strings.CutPrefix(trimmed, sep); ok {
			if after = strings.TrimSpace(after); after != "" {
				return after
			}
		}
	}
	return s
}
