package i18n_test

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/feature/plural"

	"github.com/interviewbot/interviewbot/bot/i18n"
)

// verb matches a fmt verb, with an optional explicit argument index.
var verb = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*\d*(?:\.\d+)?([a-zA-Z%])`)

// args returns sample arguments for the formats of an entry in every
// language: the union of the verbs they use, by position.
func args(formats []string) []any {
	kinds := map[int]byte{}
	for _, f := range formats {
		next := 1
		for _, m := range verb.FindAllStringSubmatch(f, -1) {
			if m[2] == "%" {
				continue
			}
			i := next
			if m[1] != "" {
				i, _ = strconv.Atoi(m[1])
			}
			kinds[i] = m[2][0]
			next = i + 1
		}
	}
	out := make([]any, len(kinds))
	for i := range out {
		if kinds[i+1] == 'd' {
			out[i] = 2
		} else {
			out[i] = "x"
		}
	}
	return out
}

func formats(e i18n.Entry) []string {
	if e.Plural == nil {
		return []string{e.Text}
	}
	var out []string
	for _, f := range e.Plural {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// TestEveryEntryRendersInEveryLanguage renders each entry of the catalog
// in each language, with and without a count of one: every language has
// every key, no entry is empty, and no format misreads its arguments.
func TestEveryEntryRendersInEveryLanguage(t *testing.T) {
	c := i18n.Default()
	langs := c.Langs()
	if len(langs) < 2 {
		t.Fatalf("languages %v", langs)
	}
	all := map[string]bool{}
	for _, l := range langs {
		for _, k := range c.Keys(l) {
			all[k] = true
		}
	}
	if len(all) < 150 {
		t.Errorf("only %d keys", len(all))
	}
	for key := range all {
		var fs []string
		for _, l := range langs {
			e, ok := c.Entry(l, key)
			if !ok {
				t.Errorf("%s: missing in %s.yaml", key, l)
				continue
			}
			fs = append(fs, formats(e)...)
		}
		sample := args(fs)
		for _, l := range langs {
			for _, n := range []int{1, 2} {
				a := append([]any(nil), sample...)
				for i := range a {
					if _, ok := a[i].(int); ok {
						a[i] = n
					}
				}
				got := c.Text(l, key, a...)
				if strings.TrimSpace(got) == "" && key != "list.sep" {
					t.Errorf("%s in %s is empty", key, l)
				}
				if strings.Contains(got, "%!") || strings.Contains(got, "⟦") {
					t.Errorf("%s in %s with %v renders %q", key, l, a, got)
				}
			}
		}
	}
}

// TestPlurals checks that English counts read right.
func TestPlurals(t *testing.T) {
	c := i18n.Default()
	for _, tt := range []struct {
		key  string
		args []any
		want string
	}{
		{"settings.n_questions", []any{1}, "(1 question)"},
		{"settings.n_questions", []any{2}, "(2 questions)"},
		{"stats.answered_n_times_average", []any{1, 50, 3}, "Answered once · average coverage 50% · 3-day streak"},
		{"stats.answered_n_times_average", []any{4, 50, 3}, "Answered 4 times · average coverage 50% · 3-day streak"},
		{"report.interview_report_n_questions", []any{1}, "📝 Interview report · 1 question"},
	} {
		if got := c.Text("en", tt.key, tt.args...); got != tt.want {
			t.Errorf("%s %v = %q, want %q", tt.key, tt.args, got, tt.want)
		}
	}
	if e, _ := c.Entry("en", "settings.n_questions"); e.Plural[plural.One] == "" {
		t.Error("no plural forms read")
	}
	if got := c.Text("zh", "settings.n_questions", 1); got != "（1 题）" {
		t.Errorf("zh: %q", got)
	}
	if got := c.Text("xx", "settings.n_questions", 1); got != "(1 question)" {
		t.Errorf("an unknown language falls back to English: %q", got)
	}
}
