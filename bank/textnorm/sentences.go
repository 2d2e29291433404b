package textnorm

import "strings"

// sentenceEnds are the characters that end a sentence in Chinese or English
// text.
const sentenceEnds = "。！？!?；;\n"

// Sentences splits s into sentences at Chinese and English sentence ends and
// line breaks, keeping the terminator with its sentence and dropping empty
// pieces. A period ends an English sentence only when a space or the end of
// the text follows it, so "v1.2" and "e.g." inside a sentence stay whole.
func Sentences(s string) []string {
	var out []string
	rs := []rune(s)
	start := 0
	emit := func(end int) {
		if piece := strings.TrimSpace(string(rs[start:end])); piece != "" {
			out = append(out, piece)
		}
		start = end
	}
	for i, r := range rs {
		switch {
		case strings.ContainsRune(sentenceEnds, r):
			emit(i + 1)
		case r == '.' && (i+1 == len(rs) || rs[i+1] == ' ') && i > 0 && rs[i-1] != '.':
			emit(i + 1)
		}
	}
	emit(len(rs))
	return out
}

// Clauses splits a sentence further at commas and other clause separators,
// dropping the separators.
func Clauses(s string) []string {
	f := func(r rune) bool {
		return strings.ContainsRune("，,、：:；;。！？!?\n", r)
	}
	var out []string
	for _, c := range strings.FieldsFunc(s, f) {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}
