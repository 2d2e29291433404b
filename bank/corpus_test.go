package bank_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// The corpus under testdata/corpus is real notes from public repositories
// (see SOURCES.md); manifest.json is what a careful reader finds in them,
// counted by hand. TestCorpus loads every source and fails when a count or an
// expected question is off; with -v it prints the figures docs/NOTES.md shows.

type corpusManifest struct {
	Sources []corpusSource `json:"sources"`
}

type corpusSource struct {
	Name string `json:"name"`
	// Written is set on a source written for this project in the shape of
	// notes whose licence does not let us copy them.
	Written bool         `json:"written"`
	Repo    string       `json:"repo"`
	Lang    string       `json:"lang"`
	Files   []corpusFile `json:"files"`
}

type corpusFile struct {
	File      string           `json:"file"`
	Questions int              `json:"questions"`
	Answered  int              `json:"answered"`
	Expect    []corpusQuestion `json:"expect"`
	// LintHas are texts bank lint must report for the file: what it
	// reads differently from the way it is written, or leaves out.
	LintHas []string `json:"lint_has"`
}

type corpusQuestion struct {
	Prompt      string   `json:"prompt"`
	PromptHas   string   `json:"prompt_has"`
	PromptLacks []string `json:"prompt_lacks"`
	AltPrompt   string   `json:"alt_prompt"`
	Topic       *string  `json:"topic"`
	Follows     string   `json:"follows"`
	Answered    bool     `json:"answered"`
	AnswerHas   []string `json:"answer_has"`
	AnswerEnd   string   `json:"answer_end"`
	AnswerLacks []string `json:"answer_lacks"`
	// AnswerOrder says the answer holds answer_has in that order.
	AnswerOrder bool     `json:"answer_order"`
	OutlineHas  string   `json:"outline_has"`
	KeyPoints   []string `json:"key_points"`
}

// corpusStats are one source's figures.
type corpusStats struct {
	expected, found, clean  int
	answeredWant, attached  int
	htmlAnswers, partTopics int
	warnings, notices       int
	questions, checks       int
}

func loadManifest(t *testing.T) corpusManifest {
	t.Helper()
	data, err := os.ReadFile("testdata/corpus/manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	var m corpusManifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	return m
}

func TestCorpus(t *testing.T) {
	m := loadManifest(t)
	var rows []string
	var total, real, written corpusStats
	for _, src := range m.Sources {
		st := checkSource(t, src)
		if src.Written {
			written.add(st)
		} else {
			real.add(st)
		}
		rows = append(rows, st.row(src.Name, src.Lang))
		total.add(st)
	}
	t.Logf("\n| source | lang | expected | found | clean | attached whole | answers with HTML | topics named after answer parts | lint warnings | notices |\n|---|---|---|---|---|---|---|---|---|---|\n%s\n%s\n%s\n%s",
		strings.Join(rows, "\n"), real.row("**real notes**", ""), written.row("**ours**", ""), total.row("**total**", ""))
	if p := pct(total.found, total.expected); p < 95 {
		t.Errorf("%.1f%% of questions found, want ≥ 95%%", p)
	}
	if p := pct(total.clean, total.found); p < 95 {
		t.Errorf("%.1f%% of prompts clean, want ≥ 95%%", p)
	}
	if p := pct(total.attached, total.answeredWant); p < 90 {
		t.Errorf("%.1f%% of answers attached whole, want ≥ 90%%", p)
	}
	if total.htmlAnswers > 0 {
		t.Errorf("%d answers hold HTML tags, want none", total.htmlAnswers)
	}
	if total.partTopics > 0 {
		t.Errorf("%d topics are named after answer parts, want none", total.partTopics)
	}
}

// row formats the figures as a row of docs/NOTES.md's table.
func (s corpusStats) row(name, lang string) string {
	return fmt.Sprintf("| %s | %s | %d | %d (%.1f%%) | %d (%.1f%%) | %d/%d (%.1f%%) | %d | %d | %d | %d |", name, lang,
		s.expected, s.found, pct(s.found, s.expected), s.clean, pct(s.clean, s.found),
		s.attached, s.answeredWant, pct(s.attached, s.answeredWant), s.htmlAnswers, s.partTopics, s.warnings, s.notices)
}

func (s *corpusStats) add(o corpusStats) {
	s.expected += o.expected
	s.found += o.found
	s.clean += o.clean
	s.answeredWant += o.answeredWant
	s.attached += o.attached
	s.htmlAnswers += o.htmlAnswers
	s.partTopics += o.partTopics
	s.warnings += o.warnings
	s.notices += o.notices
}

func pct(n, d int) float64 {
	if d == 0 {
		return 100
	}
	return 100 * float64(n) / float64(d)
}

// checkSource loads one source directory and checks it against the
// manifest, file by file.
func checkSource(t *testing.T, src corpusSource) corpusStats {
	b, probs := bank.Load(bank.Input{FS: os.DirFS(path.Join("testdata/corpus", src.Name))})
	var st corpusStats
	fileProbs := map[string][]string{}
	for _, p := range probs {
		fileProbs[p.File] = append(fileProbs[p.File], p.String())
		switch p.Severity {
		case bank.Warning:
			st.warnings++
		case bank.Info:
			st.notices++
		}
		if p.Severity == bank.Error && !strings.Contains(p.Message, "has no answer") {
			t.Errorf("%s: %s", src.Name, p)
		}
	}
	byFile := map[string][]*bank.Question{}
	for _, q := range b.Questions() {
		byFile[q.Sources[0].File] = append(byFile[q.Sources[0].File], q)
		if strings.TrimSpace(q.Prompt) == "" {
			t.Errorf("%s: a question with an empty prompt (id %s)", q.Sources[0], q.ID)
		}
		if isAnswerPart(q.Topic) {
			st.partTopics++
			t.Errorf("%s: %q has the topic %q, an answer part", q.Sources[0], firstPromptLine(q.Prompt), q.Topic)
		}
		for _, a := range q.Answers() {
			if tag := htmlTag(a.Text); tag != "" {
				st.htmlAnswers++
				t.Errorf("%s: the answer to %q holds %q", q.Sources[0], firstPromptLine(q.Prompt), tag)
				break
			}
		}
	}
	for _, f := range src.Files {
		t.Run(src.Name+"/"+f.File, func(t *testing.T) {
			checkFile(t, b, f, byFile[f.File], &st)
			checkLint(t, f, fileProbs[f.File])
		})
	}
	return st
}

func checkFile(t *testing.T, b *bank.Bank, f corpusFile, got []*bank.Question, st *corpusStats) {
	answered := 0
	for _, q := range got {
		if q.HasReference() {
			answered++
		}
	}
	if len(got) != f.Questions || answered != f.Answered {
		t.Errorf("%d questions, %d answered; want %d, %d", len(got), answered, f.Questions, f.Answered)
	}
	if len(f.Expect) != f.Questions {
		t.Errorf("manifest lists %d questions but counts %d", len(f.Expect), f.Questions)
	}
	used := map[*bank.Question]bool{}
	var prompts []string
	for _, e := range f.Expect {
		prompts = append(prompts, e.Prompt)
	}
	for _, e := range f.Expect {
		st.expected++
		if e.Answered {
			st.answeredWant++
		}
		q := findExpected(got, used, e)
		if q == nil {
			t.Errorf("no question %q (prompt has %q); have %q", e.Prompt, e.PromptHas, firstLines(got))
			continue
		}
		used[q] = true
		st.found++
		if problem := uncleanPrompt(q.Prompt); problem == "" {
			st.clean++
		} else {
			t.Errorf("prompt %q is not clean: %s", firstPromptLine(q.Prompt), problem)
		}
		if whole := checkExpected(t, b, q, e, prompts); whole && e.Answered {
			st.attached++
		}
	}
}

// checkLint checks that bank lint reports what the manifest says it must
// for a file.
func checkLint(t *testing.T, f corpusFile, probs []string) {
	t.Helper()
	all := strings.Join(probs, "\n")
	for _, want := range f.LintHas {
		if !strings.Contains(all, want) {
			t.Errorf("lint does not report %q; it reports:\n%s", want, all)
		}
	}
}

// findExpected returns the first question not yet matched whose first
// prompt line is the expected one (ignoring punctuation, width and case) and
// whose prompt holds prompt_has.
func findExpected(got []*bank.Question, used map[*bank.Question]bool, e corpusQuestion) *bank.Question {
	want := bank.NormalizePrompt(e.Prompt)
	for _, q := range got {
		if used[q] || bank.NormalizePrompt(firstPromptLine(q.Prompt)) != want {
			continue
		}
		if e.PromptHas != "" && !strings.Contains(q.Prompt, e.PromptHas) {
			continue
		}
		return q
	}
	return nil
}

// checkExpected checks one question against the manifest and reports
// whether its answer was attached whole: present when expected, absent
// otherwise, holding its last paragraph and no other question.
func checkExpected(t *testing.T, b *bank.Bank, q *bank.Question, e corpusQuestion, prompts []string) bool {
	t.Helper()
	name := firstPromptLine(q.Prompt)
	if e.Topic != nil && q.Topic != *e.Topic {
		t.Errorf("%q: topic %q, want %q", name, q.Topic, *e.Topic)
	}
	if e.AltPrompt != "" && !hasAltPrompt(q, e.AltPrompt) {
		t.Errorf("%q: alternative prompts %q lack %q", name, q.AltPrompts, e.AltPrompt)
	}
	if e.Follows != "" {
		parent, ok := b.Lookup(q.Parent)
		if !ok || bank.NormalizePrompt(firstPromptLine(parent.Prompt)) != bank.NormalizePrompt(e.Follows) {
			t.Errorf("%q should follow up %q (parent %q)", name, e.Follows, q.Parent)
		}
	}
	for _, s := range e.PromptLacks {
		if strings.Contains(q.Prompt, s) {
			t.Errorf("%q: prompt holds %q:\n%s", name, s, q.Prompt)
		}
	}
	if e.OutlineHas != "" && !strings.Contains(q.Answer.Outline, e.OutlineHas) {
		t.Errorf("%q: outline %q lacks %q", name, q.Answer.Outline, e.OutlineHas)
	}
	if e.KeyPoints != nil {
		var pts []string
		for _, kp := range q.Answer.KeyPoints {
			if kp.Origin == bank.OriginChecklist {
				pts = append(pts, kp.Text)
			}
		}
		if strings.Join(pts, "\n") != strings.Join(e.KeyPoints, "\n") {
			t.Errorf("%q: checklist points %q, want %q", name, pts, e.KeyPoints)
		}
	}
	if q.HasReference() != e.Answered {
		t.Errorf("%q: has a reference answer = %v, want %v (answer %q)", name, q.HasReference(), e.Answered, clip(q.Answer.Text))
		return false
	}
	if !e.Answered {
		return true
	}
	text := q.Answer.Text
	whole := true
	for _, s := range append(append([]string{}, e.AnswerHas...), e.AnswerEnd) {
		if s != "" && !strings.Contains(text, s) {
			t.Errorf("%q: answer lacks %q:\n%s", name, s, text)
			whole = false
		}
	}
	if e.AnswerOrder && !inOrder(text, e.AnswerHas) {
		t.Errorf("%q: answer does not hold %q in that order:\n%s", name, e.AnswerHas, text)
		whole = false
	}
	for _, s := range e.AnswerLacks {
		if strings.Contains(text, s) {
			t.Errorf("%q: answer holds %q:\n%s", name, s, text)
			whole = false
		}
	}
	for _, p := range prompts {
		if bank.NormalizePrompt(p) != bank.NormalizePrompt(e.Prompt) && utf8.RuneCountInString(p) >= 12 && strings.Contains(text, p) {
			t.Errorf("%q: answer runs into the question %q", name, p)
			whole = false
		}
	}
	return whole
}

// inOrder reports whether text holds each of parts, one after another.
func inOrder(text string, parts []string) bool {
	for _, p := range parts {
		i := strings.Index(text, p)
		if i < 0 {
			return false
		}
		text = text[i+len(p):]
	}
	return true
}

func hasAltPrompt(q *bank.Question, want string) bool {
	for _, p := range q.AltPrompts {
		if bank.NormalizePrompt(p) == bank.NormalizePrompt(want) {
			return true
		}
	}
	return false
}

func firstPromptLine(p string) string {
	if i := strings.IndexByte(p, '\n'); i >= 0 {
		return p[:i]
	}
	return p
}

func firstLines(qs []*bank.Question) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = firstPromptLine(q.Prompt)
	}
	sort.Strings(out)
	return out
}

func clip(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}

var (
	reLeadingNumber = regexp.MustCompile(`^\s*(\d+(\.\d+)*\s*[.、．)）]|[Qq]\d+\s*[:：.])`)
	reLeadingLabel  = regexp.MustCompile(`(?i)^\s*(题目|问题|question|q)\s*[:：]`)
	reShortcode     = regexp.MustCompile(`:[a-z_]+:`)
	reHTMLTag       = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>`)
	reCodeSpan      = regexp.MustCompile("`[^`\n]*`")
)

// uncleanPrompt says what markup a prompt's first line still holds, or "".
// Inline code in backticks is how code reads in chat and counts as clean.
func uncleanPrompt(p string) string {
	line := firstPromptLine(p)
	prose := reCodeSpan.ReplaceAllString(line, "")
	switch {
	case strings.Contains(prose, "**") || strings.Contains(prose, "__"):
		return "bold marks"
	case strings.Contains(prose, "]("):
		return "a link"
	case reHTMLTag.MatchString(prose):
		return "an HTML tag"
	case strings.Contains(prose, "&nbsp;") || strings.Contains(prose, "&lt;"):
		return "an HTML entity"
	case reShortcode.MatchString(prose):
		return "an emoji shortcode"
	case reLeadingNumber.MatchString(line):
		return "numbering"
	case reLeadingLabel.MatchString(line):
		return "a label"
	case strings.HasPrefix(line, "#") || strings.HasSuffix(line, "：") || strings.HasSuffix(line, "***"):
		return "heading marks or a trailing colon"
	}
	return ""
}

// htmlTag returns the first HTML tag in an answer outside code, or "".
func htmlTag(text string) string {
	var prose []string
	inFence := false
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			inFence = !inFence
			continue
		}
		if !inFence {
			prose = append(prose, reCodeSpan.ReplaceAllString(l, ""))
		}
	}
	return reHTMLTag.FindString(strings.Join(prose, "\n"))
}

// answerParts are the sub-heading names that mark parts of an answer; a
// topic must never be one of them.
var answerParts = []string{
	"answer", "good to hear", "key points", "references", "additional links", "further reading",
	"other answers", "hint", "useful resources", "答案", "参考答案", "解答", "面试题剖析", "分析", "要点",
	"得分点", "面试官心理分析", "思路", "参考", "参考资料", "题目描述", "解题思路", "题目链接", "面试题",
	// Sub-headings that name a part of one answer.
	"定义", "举例", "总结", "示例", "例子", "优点", "缺点", "summary", "example",
	// A to-do list is no topic.
	"待完成", "todo",
}

func isAnswerPart(topic string) bool {
	c := textnorm.Compact(topic)
	for _, p := range answerParts {
		if c == textnorm.Compact(p) {
			return true
		}
	}
	return false
}
