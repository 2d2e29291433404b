package textnorm

import (
	"slices"
	"strings"
	"testing"
)

// sentencesByRunes is the first implementation of Sentences, on a []rune
// copy of the text: the scan by byte offsets must cut every text the same.
func sentencesByRunes(s string) []string {
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
		case strings.ContainsRune("。！？!?；;\n", r):
			emit(i + 1)
		case r == '.' && (i+1 == len(rs) || rs[i+1] == ' ') && i > 0 && rs[i-1] != '.':
			emit(i + 1)
		}
	}
	emit(len(rs))
	return out
}

var sentenceCases = []string{
	"",
	"   ",
	"第一句。第二句！Is v1.2 ok? Yes. 最后",
	"e.g. this... and that. End.",
	".leading dot. x",
	"a.\u3000b。\n\n  c；d;e!f?g？h！",
	"行一\r\n行二\n\n\t行三  ",
	"bad \xff byte。next \xe4\xb8 cut",
	"\u00a0空格\u00a0。\u2003em space .",
	"U+FFFD \uFFFD kept.",
}

func TestSentencesMatchRuneScan(t *testing.T) {
	for _, s := range sentenceCases {
		checkSentences(t, s)
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range sentenceCases {
		f.Add(s)
	}
	f.Fuzz(checkSentences)
}

// checkSentences checks Sentences, FirstSentence and SentenceSpans of s
// against the rune scan.
func checkSentences(t *testing.T, s string) {
	want := sentencesByRunes(s)
	got := Sentences(s)
	if !slices.Equal(got, want) {
		t.Fatalf("Sentences(%q) = %q, want %q", s, got, want)
	}
	first := ""
	if len(want) > 0 {
		first = want[0]
	}
	if f := FirstSentence(s); f != first {
		t.Errorf("FirstSentence(%q) = %q, want %q", s, f, first)
	}
	spans := SentenceSpans(s)
	if len(spans) != len(want) {
		t.Fatalf("SentenceSpans(%q): %d spans, want %d", s, len(spans), len(want))
	}
	for i, sp := range spans {
		if validRunes(s[sp.Start:sp.End]) != want[i] || i > 0 && sp.Start < spans[i-1].End {
			t.Errorf("span %d of %q is %v (%q), want %q after the last", i, s, sp, s[sp.Start:sp.End], want[i])
		}
	}
}
