package bank

import (
	"strings"

	east "github.com/yuin/goldmark/extension/ast"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// A markdown table is either a table of questions and their answers (one
// question per row: | Question | Answer |, | 问题 | 答案 |, or a first
// column whose cells ask) or content: a comparison inside an answer, a
// list of ports. A question table is written out as a question line per
// row with the answer's lines indented under it; any other table as one
// line per row, its cells joined by " | ".

// tableRow is one row of a table: its line and its cells' lines.
type tableRow struct {
	no    int
	cells [][]string
}

// questionHeads are the header names of a question column.
var questionHeads = map[string]bool{
	"question": true, "questions": true, "q": true, "问题": true, "题目": true, "面试题": true, "问": true,
}

func (w *mdWriter) table(n *east.Table, ctx mdContext) {
	var rows []tableRow
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		r := tableRow{no: w.firstLine(row)}
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			r.cells = append(r.cells, w.inlineTexts(cell))
		}
		rows = append(rows, r)
	}
	if qCol, aCol, first, ok := questionColumns(rows); ok {
		for _, r := range rows[first:] {
			w.questionRow(r, qCol, aCol, ctx)
		}
		w.blank(w.lastLine(n))
		return
	}
	for i, r := range rows {
		var cells []string
		for _, c := range r.cells {
			cells = append(cells, strings.Join(c, " "))
		}
		t := strings.TrimSpace(strings.Join(cells, " | "))
		if strings.Trim(t, "| ") == "" {
			continue
		}
		kind := cellRow
		if i == 0 {
			kind = cellHeader
		}
		w.emit(line{no: r.no, indent: ctx.indent, text: t, cell: kind})
	}
	w.blank(w.lastLine(n))
}

// questionRow writes a row of a question table: its question, then the
// lines of its answer cell indented under it. Other cells (a number, a
// difficulty, a link) are neither.
func (w *mdWriter) questionRow(r tableRow, qCol, aCol int, ctx mdContext) {
	q := strings.TrimSpace(strings.Join(cellAt(r, qCol), " "))
	if q == "" {
		return
	}
	w.emit(line{no: r.no, indent: ctx.indent, text: q, cell: cellQuestion})
	for _, t := range cellAt(r, aCol) {
		if t = strings.TrimSpace(t); t != "" {
			w.emit(line{no: r.no, indent: ctx.indent + 4, text: t, cell: cellAnswer})
		}
	}
}

func cellAt(r tableRow, i int) []string {
	if i < len(r.cells) {
		return r.cells[i]
	}
	return nil
}

// questionColumns reports whether a table (its header row first) is a
// table of questions, with the columns of the question and of its answer
// and the first row that asks: the header names the columns (Question,
// 问题 and Answer, 答案), or the first column's cells all ask with a
// question mark, in two rows at least; then a header that asks is a row
// too.
func questionColumns(rows []tableRow) (qCol, aCol, first int, ok bool) {
	if len(rows) < 2 || len(rows[0].cells) < 2 {
		return 0, 0, 0, false
	}
	qCol, aCol = -1, -1
	for i, c := range rows[0].cells {
		name := textnorm.Compact(stripBoldMarks(strings.Join(c, " ")))
		switch {
		case qCol < 0 && questionHeads[name]:
			qCol = i
		case aCol < 0 && (partNames[name] == partAnswer || name == "a"):
			aCol = i
		}
	}
	if qCol >= 0 && aCol >= 0 {
		return qCol, aCol, 1, true
	}
	first = 1
	if endsWithQuestionMark(strings.Join(cellAt(rows[0], 0), " ")) {
		first = 0
	}
	if len(rows)-first < 2 {
		return 0, 0, 0, false
	}
	for _, r := range rows[1:] {
		if !endsWithQuestionMark(strings.Join(cellAt(r, 0), " ")) {
			return 0, 0, 0, false
		}
	}
	return 0, 1, first, true
}

// tableRows counts the tables of lines and their body rows, for a message.
func tableRows(ls []line) (tables, rows int) {
	for _, l := range ls {
		switch l.cell {
		case cellHeader:
			tables++
		case cellRow:
			rows++
		}
	}
	return tables, rows
}
