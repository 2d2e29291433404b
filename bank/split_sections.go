package bank

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// Study notes written as topic sections (CS-Notes' "## TCP 的三次握手" with
// its explanation below, no question anywhere) are read, when a file has no
// question at all, as one question per section: the heading names what to
// explain ("讲讲 TCP 的三次握手", "Explain: Congestion control") and the
// section is the answer. A lint notice says so, since the person may prefer
// to mark the questions themselves. Files that ask anything never get here.

// asksNothing reports whether a file, as first read, asks no question: it
// has none, or, in markdown, only numbered lines that do not ask (CS-Notes'
// "**4.1 计算 hash 值**" inside a section of its Java 容器 notes), which
// the plain-text rules took for questions. Project files never qualify.
func (s *splitter) asksNothing(rel string) bool {
	if isProjectFile(rel) {
		return false
	}
	if len(s.out) == 0 {
		return true
	}
	if !isMarkdown(rel) {
		return false
	}
	for _, q := range s.out {
		if q.owner != ownerLine || looksLikeQuestion(q.prompt) {
			return false
		}
	}
	return true
}

// readSections reads a file of topic sections as questions, or returns nil
// when no section makes one.
func readSections(file, fileTopic string, lines []line) *splitter {
	s := &splitter{file: file, fileTopic: fileTopic, lines: lines, sectionsAsk: true}
	s.sectionsTitle = fileTitleIndex(lines)
	s.sectionsChinese = mostlyChinese(lines)
	s.run()
	if len(s.out) == 0 {
		return nil
	}
	first := s.out[0]
	s.probs = append(Problems{{Source{file, first.head.no}, Info, fmt.Sprintf(
		"no heading asks a question, so each section with text is read as one (%d, such as %q) with the section as its answer; end a heading with ? (or write 题目：, Q:) to choose the questions yourself",
		len(s.out), clip(first.prompt))}}, s.probs...)
	return s
}

// sectionHeading reads a heading of a file of topic sections: a question
// when its section holds text and at most one level of headings below it
// ("## TCP 拥塞控制" over "### 1. 慢开始与拥塞避免": they are its answer),
// else a section, as is the file's title. A section with deeper structure
// ("## 源码分析" over "### ArrayList" over "#### 1. 概览") is a topic: its
// parts are the questions.
func (s *splitter) sectionHeading(i, lvl int, title string) {
	if i == s.sectionsTitle || !s.sectionHasText(i, lvl) || s.headingLevelsBelow(i, lvl) > 1 {
		s.section(i, lvl, title)
		return
	}
	s.startHeading(s.lines[i], lvl, explainPrompt(title, s.sectionsChinese))
}

// sectionHasText reports whether the section of heading i (of level lvl)
// holds anything but blank lines and headings.
func (s *splitter) sectionHasText(i, lvl int) bool {
	for j := i + 1; j < len(s.lines); j++ {
		l := s.lines[j]
		if l.kind == kindHeading && !l.nested {
			if l.level <= lvl {
				return false
			}
			continue
		}
		if !l.blank() {
			return true
		}
	}
	return false
}

// headingLevelsBelow counts the levels of the headings inside the section
// of heading i.
func (s *splitter) headingLevelsBelow(i, lvl int) int {
	var seen [7]bool
	n := 0
	for j := i + 1; j < len(s.lines); j++ {
		l := s.lines[j]
		if l.kind != kindHeading || l.nested {
			continue
		}
		if l.level <= lvl {
			break
		}
		if !seen[l.level] {
			seen[l.level] = true
			n++
		}
	}
	return n
}

// fileTitleIndex returns the index of the file's title: its first heading,
// when no other heading is as high. It returns -1 for none.
func fileTitleIndex(ls []line) int {
	first := -1
	for i, l := range ls {
		if l.kind != kindHeading || l.nested {
			continue
		}
		if first < 0 {
			first = i
			continue
		}
		if l.level <= ls[first].level {
			return -1
		}
	}
	return first
}

// reChineseNumbering is a section number in Chinese: "五、", "（三）".
var reChineseNumbering = regexp.MustCompile(`^(?:[一二三四五六七八九十百零]+\s*[、.．]|[（(][一二三四五六七八九十百零]+[)）])\s*`)

// explainPrompt turns a section heading into a request to explain it, in
// the language of the notes.
func explainPrompt(title string, chinese bool) string {
	t := cleanPrompt(title)
	t = strings.TrimSpace(reChineseNumbering.ReplaceAllString(t, ""))
	t = strings.TrimRight(t, "。.")
	if !chinese {
		return "Explain: " + t
	}
	if r := []rune(t); len(r) > 0 && r[0] < unicode.MaxASCII {
		return "讲讲 " + t // a space before a Latin word, as in "讲讲 TCP 的三次握手"
	}
	return "讲讲" + t
}

// mostlyChinese reports whether the text of the notes is mostly Chinese:
// at least one Chinese character for every four Latin letters.
func mostlyChinese(ls []line) bool {
	cjk, latin := 0, 0
	for _, l := range ls {
		if l.isCode() {
			continue
		}
		for _, r := range l.text {
			switch {
			case textnorm.IsCJK(r):
				cjk++
			case r < unicode.MaxASCII && unicode.IsLetter(r):
				latin++
			}
		}
	}
	return cjk > 0 && 4*cjk >= latin
}

// projectFiles are the names of files that describe a repository rather
// than hold notes: their sections are never read as questions.
var projectFiles = map[string]bool{
	"readme": true, "sources": true, "license": true, "licence": true, "changelog": true, "contributing": true,
	"code_of_conduct": true, "authors": true, "summary": true, "index": true, "_sidebar": true, "todo": true,
}

// isProjectFile reports whether a file's name says it describes the
// repository (README.md, SOURCES.md, CHANGELOG.md).
func isProjectFile(rel string) bool {
	name := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	return projectFiles[strings.ToLower(strings.TrimSpace(name))]
}

// noQuestionsMessage says what a file without questions holds and how to
// mark its questions. It names the file: a folder's files are loaded
// together, and the message is logged at start-up on its own.
func noQuestionsMessage(file, rel string, ls []line) string {
	text, headed := 0, 0
	for i, l := range ls {
		switch {
		case l.kind == kindHeading && !l.nested:
			if !emptyAfter(ls, i) {
				headed++
			}
		case !l.blank() && !l.isCode():
			text++
		}
	}
	saw := count(text, "line") + " of text"
	if headed == 1 {
		saw += " and 1 heading with text under it that asks no question"
	} else if headed > 0 {
		saw += fmt.Sprintf(" and %d headings with text under them, none of which asks a question", headed)
	}
	if headed > 0 {
		if isProjectFile(rel) {
			saw += " (its sections are not read as questions: the file is named like a project file, not notes)"
		}
	} else {
		saw += ", no heading"
	}
	if tables, rows := tableRows(ls); tables > 0 {
		if tables == 1 {
			saw += "; a table of " + count(rows, "row") + " whose first column asks nothing"
		} else {
			saw += fmt.Sprintf("; %d tables (%d rows) whose first columns ask nothing", tables, rows)
		}
		saw += " (a table of Question | Answer, or 问题 | 答案, gives one question per row)"
	}
	return "no questions found in " + file + ": " + saw + "; mark questions as headings that ask (## What is a closure?), numbered or bulleted lines ending in ? with their answer indented below, or Q:/A: (问：/答：) lines"
}

// emptyAfter reports whether nothing but blank lines follows line i before
// the next heading.
func emptyAfter(ls []line, i int) bool {
	for j := i + 1; j < len(ls); j++ {
		if ls[j].kind == kindHeading && !ls[j].nested {
			return true
		}
		if !ls[j].blank() {
			return false
		}
	}
	return true
}
