package bank

import (
	"fmt"
	"strings"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// A to-do list in notes ("### 待完成" over "- [ ] 银行家算法") says what the
// author still means to write: it is no question, and no answer. The
// splitter leaves it out and says so, with the lines it covers.

// todoNames are the headings of a to-do list, compacted.
var todoNames = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range []string{"待完成", "待整理", "待补充", "待完善", "待更新", "待办", "待办事项", "未完成",
		"todo", "todos", "todo list", "to do", "to-do", "to-do list", "wip"} {
		m[textnorm.Compact(n)] = true
	}
	return m
}()

// isTodoTitle reports whether a heading names a to-do list.
func isTodoTitle(title string) bool {
	return len(title) <= maxNameBytes && todoNames[textnorm.Compact(stripBoldMarks(title))]
}

// maxNameBytes is longer than any name of a to-do list, a fold or a
// sub-section with its marks: a longer title is none, and is not compacted.
const maxNameBytes = 40

// isTodoSection reports whether the section under heading i is nothing but
// a task list ("- [ ] …", "- [x] …").
func (s *splitter) isTodoSection(i int) bool {
	tasks := 0
	for j := i + 1; j < len(s.lines); j++ {
		l := s.lines[j]
		if l.kind == kindHeading && !l.nested {
			break
		}
		if l.blank() {
			continue
		}
		if l.kind != kindItem || !isTask(stripItemMarker(l.text)) {
			return false
		}
		tasks++
	}
	return tasks > 0
}

// isTask reports whether an item is a task: "[ ] IPC", "[x] 死锁".
func isTask(t string) bool {
	for _, box := range []string{"[ ]", "[x]", "[X]"} {
		if strings.HasPrefix(t, box) {
			return true
		}
	}
	return false
}

// todoRegion is a to-do list being left out.
type todoRegion struct {
	title       string
	level       int
	first, last int // its lines
}

// endsAt reports whether line l is past the to-do list: a heading of its
// level or higher.
func (t *todoRegion) endsAt(l line) bool {
	return l.kind == kindHeading && !l.nested && l.level <= t.level
}

func (t *todoRegion) add(l line) {
	if !l.blank() {
		t.last = l.no
	}
}

// startTodo starts leaving out a to-do list. One inside a question's
// section is cut from its answer; one at the question's level or above
// ends the question.
func (s *splitter) startTodo(l line, title string) {
	s.endOrphan()
	if cur := s.cur; cur != nil && (cur.owner != ownerHeading || l.level <= cur.level) {
		s.cur = nil
	}
	s.todo = &todoRegion{title: title, level: l.level, first: l.no, last: l.no}
}

// endTodo reports the to-do list left out.
func (s *splitter) endTodo() {
	t := s.todo
	if t == nil {
		return
	}
	s.todo = nil
	s.probs = append(s.probs, Problem{Source{s.file, t.first}, Warning,
		fmt.Sprintf("the to-do list %q (lines %d–%d) is not a question, so it is left out; write each item as a question, with its answer, when it is ready", clip(t.title), t.first, t.last)})
}
