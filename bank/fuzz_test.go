package bank

import (
	"io/fs"
	"os"
	"path/filepath"
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
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".json") {
				return err
			}
			data, err := os.ReadFile(p)
			if err == nil {
				f.Add(string(data), strings.HasSuffix(p, ".yaml"))
			}
			return err
		})
		if err != nil {
			f.Fatal(err)
		}
	}
	f.Add("1. 问题？\n回答：**a**、**b**\n", false)
	f.Add("questions:\n  - prompt: x\n    key_points: [{text: a, aliases: [b]}]\n", true)
	f.Add("**\n- \n# \n1.\n> \n回答：\n**答案**：**", false)
	// HTML, <details>, code fences, front matter, checklists, question lists.
	f.Add("<details>\n<summary><b>Q <code>x</code>?</b></summary><br>\n\n<pre>a\n# b</pre><br><img src=x>\n\n<details><summary>Inner?</summary>\n</details>\n", false)
	f.Add("<details><summary>Answer</summary>\n<p>\n\n#### Answer: D\n\n</p>\n</details>\n<table><tr><td>a</td></tr>", false)
	f.Add("---\ntitle: T\n---\n### Q?\n```js\n# not a heading\n```\n#### Good to hear\n- a\n##### References\n- [l](u)\n", false)
	f.Add("####[[⬆]](#toc) <a name='x'>题</a>\n* 为什么？\n\t* 追问？\n\t* 提示\n```\nunclosed", false)
	f.Add("## 面试题\n- A？\n## 面试官心理分析\nx\n## 面试题剖析\n### B？\n问题：C？\n**答案：**D", false)
	// Question tables, bracket labels, Chinese numbering.
	f.Add("| 问题 | 答案 |\n|---|---|\n| 一、x？ | 【答案】<br>y |\n| | |\n\n【问题】z？\n【答案】\n二、总结\n**答案解析**：", false)
	addShapeSeeds(f)
	f.Fuzz(func(t *testing.T, content string, asYAML bool) {
		name := "notes.md"
		if asYAML {
			name = "notes.yaml"
		}
		b, probs := Load(Input{FS: fstest.MapFS{name: {Data: []byte(content)}}})
		lines := editorLines(content)
		for _, p := range probs {
			if p.Line < 0 || p.Line > lines+1 {
				t.Errorf("problem line %d outside the file (%d lines): %s", p.Line, lines, p)
			}
		}
		for _, q := range b.Questions() {
			for _, src := range q.Sources {
				if src.Line < 0 || src.Line > lines+1 {
					t.Errorf("question %q at line %d, outside the file (%d lines)", q.Prompt, src.Line, lines)
				}
			}
			if strings.Contains(q.Prompt, "<summary") || strings.Contains(q.Prompt, "<details") {
				if !strings.Contains(content, "&lt;") && !strings.Contains(content, "`") && !strings.Contains(content, "\\<") {
					t.Errorf("a <details> tag reached a prompt: %q", q.Prompt)
				}
			}
		}
		seen := map[string]bool{}
		for _, q := range b.Questions() {
			if q.ID == "" || seen[q.ID] {
				t.Errorf("empty or repeated id %q", q.ID)
			}
			if strings.TrimSpace(q.Prompt) == "" {
				t.Errorf("question %q has an empty prompt", q.ID)
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

// FuzzSplitNotes runs the notes reader alone, without the key points of
// the whole bank, so that many more inputs run per second: it must not
// panic, must name lines inside the file and must ask no empty question.
func FuzzSplitNotes(f *testing.F) {
	// Question tables, bracket labels, Chinese numbering.
	f.Add("| 问题 | 答案 |\n|---|---|\n| 一、x？ | 【答案】<br>y |\n| | |\n\n【问题】z？\n【答案】\n二、总结\n**答案解析**：", false)
	addShapeSeeds(f)
	f.Fuzz(func(t *testing.T, content string, plain bool) {
		name := "notes.md"
		if plain {
			name = "notes.txt"
		}
		qs, probs := parseNotes(name, name, []byte(content))
		lines := editorLines(content)
		for _, p := range probs {
			if p.Line < 0 || p.Line > lines+1 {
				t.Errorf("problem line %d outside the file (%d lines): %s", p.Line, lines, p)
			}
		}
		for _, q := range qs {
			if strings.TrimSpace(q.Prompt) == "" || q.ID == "" {
				t.Errorf("question %q with prompt %q", q.ID, q.Prompt)
			}
		}
	})
}

// editorLines counts the lines of a file as an editor shows them and the
// bank reads them: LF, CRLF and a lone CR each end a line. (A UTF-16 file
// counts at least its lines: each of its line ends holds a CR or LF byte.)
func editorLines(content string) int {
	return strings.Count(string(normalizeLineEnds([]byte(content))), "\n") + 1
}

// addShapeSeeds adds the shapes of notes a new user brought: empty labels,
// sub-headings at the question's level, headings in list items and
// <details>, folds, to-do lists, escaped numbers, Leetcode headings,
// GB18030 and UTF-16.
func addShapeSeeds(f *testing.F) {
	f.Add("#### **题目**：\n\n#### **参考答案**：\n\n(1) 快\n#### **题目**：X\n#### 定义\n**a**: b\n#### 总结\nc", false)
	f.Add("### Q？\n1. a\n<details>\n<summary>什么意思？</summary>\n\nb\n</details>\n\n2. c\n<details><summary>展开</summary>\n### inner\n</details>\n### 待完成\n- [ ] x", false)
	f.Add("1. ### Q\n\n   ## Sub\n\n   text\n\n2. ### R\n<details>\n## never closed", false)
	f.Add("# T\n## 1. A\n167\\. B (Easy)\n[L](u) / [力扣](v)\n```\nIn\n```\n题目描述：C\n\nD\n## 2. E\nF\n## 3. G\nH\n", false)
	f.Add("#### **\xcc\xe2\xc4\xbf**\xa3\xbaRedis\xa3\xbf\n", false)
	f.Add("\xff\xfe#\x00 \x00Q\x00?\x00\n\x00", false)
}
