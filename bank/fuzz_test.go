package bank

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// FuzzParseNotes checks that any notes file loads without panicking and
// that what comes out is well formed. The seed corpus is the real notes and
// the test notes, so it also runs in the normal test run.
func FuzzParseNotes(f *testing.F) {
	for _, dir := range []string{"../seeds", "testdata"} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range entries {
			if data, err := os.ReadFile(dir + "/" + e.Name()); err == nil && !strings.HasSuffix(e.Name(), ".go") {
				f.Add(string(data), strings.HasSuffix(e.Name(), ".yaml"))
			}
		}
	}
	f.Add("1. 问题？\n回答：**a**、**b**\n", false)
	f.Add("questions:\n  - prompt: x\n    key_points: [{text: a, aliases: [b]}]\n", true)
	f.Add("**\n- \n# \n1.\n> \n回答：\n**答案**：**", false)
	f.Fuzz(func(t *testing.T, content string, asYAML bool) {
		name := "notes.md"
		if asYAML {
			name = "notes.yaml"
		}
		b, probs := Load(Input{FS: fstest.MapFS{name: {Data: []byte(content)}}})
		lines := strings.Count(content, "\n") + 1
		for _, p := range probs {
			if p.Line < 0 || p.Line > lines+1 {
				t.Errorf("problem line %d outside the file (%d lines): %s", p.Line, lines, p)
			}
		}
		seen := map[string]bool{}
		for _, q := range b.Questions() {
			if q.ID == "" || seen[q.ID] {
				t.Errorf("empty or repeated id %q", q.ID)
			}
			seen[q.ID] = true
			if got, ok := b.Lookup(q.ID); !ok || got != q {
				t.Errorf("lookup of %q fails", q.ID)
			}
			for _, a := range q.Answers() {
				for _, kp := range a.KeyPoints {
					if kp.Origin != OriginYAML && kp.Origin != OriginChecklist && (kp.Text == "" || !utf8.ValidString(kp.Text) || utf8.RuneCountInString(kp.Text) > maxPointRunes) {
						t.Errorf("bad key point %q", kp.Text)
					}
				}
			}
			if !utf8.ValidString(q.Prompt) || !utf8.ValidString(q.Answer.Text) {
				t.Errorf("invalid UTF-8 came through: %q", q.Prompt)
			}
		}
	})
}
