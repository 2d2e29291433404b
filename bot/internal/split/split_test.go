package split_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot/internal/split"
)

// units turns "" into paragraph breaks and other strings into lines.
func units(lines ...string) []split.Unit[string] {
	out := make([]split.Unit[string], len(lines))
	for i, l := range lines {
		out[i] = split.Unit[string]{Value: l, Size: split.Len16(l), Para: l == ""}
	}
	return out
}

// joined renders packed parts as their lines joined by newlines.
func joined(parts [][]split.Unit[string]) []string {
	var out []string
	for _, p := range parts {
		var lines []string
		for _, u := range p {
			lines = append(lines, u.Value)
		}
		out = append(out, strings.Join(lines, "\n"))
	}
	return out
}

func TestPack(t *testing.T) {
	a, b, c := strings.Repeat("a", 6), strings.Repeat("b", 6), strings.Repeat("c", 6)
	for _, tc := range []struct {
		name  string
		in    []split.Unit[string]
		limit int
		want  []string
	}{
		{"fits", units(a, "", b), 20, []string{a + "\n\n" + b}},
		{"at a paragraph break in the second half", units(a, b, "", c), 16, []string{a + "\n" + b, c}},
		{"between lines when the break is early", units(a, "", b, c), 16, []string{a + "\n\n" + b, c}},
		{"no part starts with a break; one may end with some", units("", a, "", "", b), 8, []string{a + "\n", b}},
		{"continuations cost no newline", []split.Unit[string]{{Value: a, Size: 6}, {Value: b, Size: 6, Cont: true}}, 12, []string{a + "\n" + b}},
	} {
		if got := joined(split.Pack(tc.in, tc.limit)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: Pack = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestSafeCut(t *testing.T) {
	flags := "🇨🇳🇺🇸"
	for _, tc := range []struct {
		s    string
		i    int
		want bool
	}{
		{"ab", 1, true},
		{"e\u0301x", 1, false},    // before a combining mark
		{"👍🏽", 4, false},          // before a skin tone
		{"👩\u200d💻", 4, false},    // before a zero-width joiner
		{"👩\u200d💻", 7, false},    // after it
		{flags, 4, false},         // inside the first flag
		{flags, 8, true},          // between the flags
		{flags, 12, false},        // inside the second
		{"中文", len("中"), true},    // CJK
		{"a\U000E0100", 1, false}, // before a variation selector supplement
	} {
		if got := split.SafeCut(tc.s, tc.i); got != tc.want {
			t.Errorf("SafeCut(%q, %d) = %v, want %v", tc.s, tc.i, got, tc.want)
		}
	}
	if got := split.SafeBefore("ab👍🏽", len("ab👍"), 16); got != 2 {
		t.Errorf("SafeBefore moved the cut to %d, want 2 (before the thumb)", got)
	}
}

func TestSentences(t *testing.T) {
	if !split.EndsSentence("Done.  ") || !split.EndsSentence("完成。") || split.EndsSentence("a, ") {
		t.Error("EndsSentence misjudges a sentence end")
	}
	if split.Len16("a中😀") != 4 {
		t.Errorf("Len16 = %d, want 4", split.Len16("a中😀"))
	}
	if !split.IsCJKBreak('，') || split.IsCJKBreak(',') {
		t.Error("IsCJKBreak misjudges commas")
	}
}
