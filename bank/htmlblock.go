package bank

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
)

// HTML blocks in notes are read with golang.org/x/net/html's tokenizer, the
// way a browser would see the tags: <details> and <summary> become lines the
// question splitter understands (a question and its folded answer), and the
// rest becomes text: <br>, <p> and <div> break lines, <li> starts a "- "
// item, <b> and <strong> keep ** for key phrases, <code> keeps backticks,
// <pre> becomes a code block, table cells are joined with " | ", and images,
// comments, scripts and styles are dropped. No tag ever reaches a prompt or
// an answer.

// htmlBlock writes an HTML block out as lines.
func (w *mdWriter) htmlBlock(n *ast.HTMLBlock, ctx mdContext) {
	var raw strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		raw.Write(seg.Value(w.src))
	}
	if n.HasClosure() {
		closure := n.ClosureLine
		raw.Write(closure.Value(w.src))
	}
	h := &htmlWriter{w: w, ctx: ctx, no: w.firstLine(n)}
	h.write(raw.String())
	w.blank(h.no)
}

// htmlWriter turns the tokens of an HTML block into lines.
type htmlWriter struct {
	w       *mdWriter
	ctx     mdContext
	no      int // the line the tokenizer is on
	lineNo  int // the line the pending text started on
	text    strings.Builder
	summary *strings.Builder // the text of an open <summary>
	pre     bool             // inside <pre>
	skip    int              // depth inside <script> or <style>
}

func (h *htmlWriter) write(raw string) {
	z := html.NewTokenizer(strings.NewReader(raw))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tokRaw := string(z.Raw())
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			h.open(string(name), tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			h.close(string(name))
		case html.TextToken:
			if h.skip == 0 {
				h.addText(string(z.Text()))
			}
		}
		h.no += strings.Count(tokRaw, "\n")
	}
	h.flush()
}

func (h *htmlWriter) open(name string, selfClosing bool) {
	switch name {
	case "details":
		h.flush()
		h.w.emit(line{no: h.no, indent: h.ctx.indent, kind: kindDetailsOpen})
	case "summary":
		h.flush()
		h.summary = &strings.Builder{}
	case "br", "hr":
		h.flush()
	case "p", "div", "tr", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dl", "dt", "dd", "section":
		h.flush()
	case "li":
		h.flush()
		h.add("- ")
	case "td", "th":
		if strings.TrimSpace(h.text.String()) != "" {
			h.add(" | ")
		}
	case "b", "strong":
		h.add("**")
	case "code", "kbd", "tt":
		if !h.pre {
			h.add("`")
		}
	case "pre":
		h.flush()
		h.pre = true
		h.w.emit(line{no: h.no, indent: h.ctx.indent, text: "```", kind: kindFence})
	case "script", "style":
		if !selfClosing {
			h.skip++
		}
	}
}

func (h *htmlWriter) close(name string) {
	switch name {
	case "summary":
		if h.summary != nil {
			t := cleanRendered(strings.Join(strings.Fields(h.summary.String()), " "))
			h.summary = nil
			h.w.emit(line{no: h.no, indent: h.ctx.indent, text: t, kind: kindSummary})
		}
	case "details":
		h.flush()
		h.w.emit(line{no: h.no, indent: h.ctx.indent, kind: kindDetailsClose})
	case "p", "div", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dl", "dt", "dd", "section":
		h.flush()
	case "b", "strong":
		h.add("**")
	case "code", "kbd", "tt":
		if !h.pre {
			h.add("`")
		}
	case "pre":
		h.flushCode()
		h.pre = false
		h.w.emit(line{no: h.no, indent: h.ctx.indent, text: "```", kind: kindFence})
	case "script", "style":
		if h.skip > 0 {
			h.skip--
		}
	}
}

// addText adds a text token; its line ends end lines of text.
func (h *htmlWriter) addText(s string) {
	if h.summary != nil {
		h.summary.WriteString(s)
		return
	}
	if h.pre {
		h.add(s)
		return
	}
	parts := strings.Split(s, "\n")
	for i, p := range parts {
		if i > 0 {
			h.flush()
			h.no++
		}
		h.add(p)
	}
	h.no -= len(parts) - 1 // write counts the token's line ends itself
}

func (h *htmlWriter) add(s string) {
	if h.summary != nil {
		h.summary.WriteString(s)
		return
	}
	if h.text.Len() == 0 {
		h.lineNo = h.no
	}
	h.text.WriteString(s)
}

// flush writes the pending text as a line of prose (quoted inside a block
// quote), or as code inside <pre>.
func (h *htmlWriter) flush() {
	if h.pre {
		h.flushCode()
		return
	}
	t := cleanRendered(h.text.String())
	h.text.Reset()
	if strings.Trim(t, "*` ") == "" || strings.Trim(t, "|- ") == "" {
		return
	}
	if h.ctx.quote {
		t = "> " + t
	}
	h.w.emit(line{no: h.lineNo, indent: h.ctx.indent, text: t})
}

func (h *htmlWriter) flushCode() {
	s := h.text.String()
	h.text.Reset()
	no := h.lineNo
	for _, l := range strings.Split(strings.Trim(s, "\n"), "\n") {
		h.w.emit(line{no: no, indent: h.ctx.indent, text: strings.TrimRight(l, " \t"), kind: kindCode})
		no++
	}
}
