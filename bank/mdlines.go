package bank

import (
	"bytes"
	"html"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// Markdown notes are read in two steps. goldmark (a CommonMark parser)
// decides the structure: headings (ATX and setext), list items and their
// nesting, emphasis, code spans and blocks, block quotes, tables and raw
// HTML. Its tree is then written out as lines, each marked with what it is
// (a heading, a list item, a line of code, a <summary>…), with inline markup
// rendered: links become their text, images and comments go, inline code
// keeps its backticks, bold (markdown or <b>) keeps its ** so that bold key
// phrases can be found. The question splitter works on these lines, so what
// a heading or a code block is comes from the parser, never from a regular
// expression on the raw text.

// mdParser parses CommonMark with GitHub's tables.
var mdParser = goldmark.New(goldmark.WithExtensions(extension.Table)).Parser()

var (
	// reFrontTitle finds the title in the front matter some notes start
	// with: metadata, whose title is the topic of the file's questions.
	reFrontTitle = regexp.MustCompile(`^title:\s*["']?(.*?)["']?\s*$`)
	// reShortcode finds an emoji shortcode such as :star:.
	reShortcode = regexp.MustCompile(`(^|\s):[a-z][a-z0-9_+-]*:(\s|$)`)
	// reEscapedNumber finds a source line that starts with an escaped
	// number, "167\. Two Sum II": a number the author kept from being read
	// as a list item.
	reEscapedNumber = regexp.MustCompile(`^[ \t]*(?:>[ \t]*)*\d{1,4}\\[.)]`)
)

// mdDoc is a markdown file read into lines.
type mdDoc struct {
	lines []line
	// title is the front matter's title, or "".
	title string
}

// markdownLines reads a markdown notes file into lines.
func markdownLines(file string, data []byte) (mdDoc, Problems) {
	src, probs := cleanSource(file, data)
	src, title := blankFrontMatter(src)
	src = lenientHeadings(src)
	w := &mdWriter{src: src, starts: lineStarts(src)}
	doc := mdParser.Parse(text.NewReader(src))
	w.blocks(doc, mdContext{})
	return mdDoc{lines: w.out, title: title}, probs
}

// cleanSource drops a byte order mark and replaces invalid UTF-8 with
// U+FFFD, reporting the lines it touched. Its line ends are LF already.
func cleanSource(file string, data []byte) ([]byte, Problems) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if utf8.Valid(data) {
		return data, nil
	}
	var probs Problems
	ls := strings.Split(string(data), "\n")
	for i, s := range ls {
		if !utf8.ValidString(s) {
			probs = append(probs, Problem{Source{file, i + 1}, Error, invalidUTF8(len(probs) == 0)})
			ls[i] = strings.ToValidUTF8(s, "\uFFFD")
		}
	}
	return []byte(strings.Join(ls, "\n")), probs
}

// blankFrontMatter blanks a leading --- … --- block, keeping the line count,
// and returns its title.
func blankFrontMatter(src []byte) ([]byte, string) {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return src, ""
	}
	ls := strings.Split(string(src), "\n")
	end := -1
	for i := 1; i < len(ls) && i < 200; i++ {
		if t := strings.TrimSpace(ls[i]); t == "---" || t == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		return src, ""
	}
	title := ""
	for i := 0; i <= end; i++ {
		if m := reFrontTitle.FindStringSubmatch(ls[i]); m != nil && title == "" {
			title = strings.TrimSpace(m[1])
		}
		ls[i] = ""
	}
	return []byte(strings.Join(ls, "\n")), title
}

// lenientHeadings turns "####[[⬆]](#toc) 常见问题" and "#前端面试" into
// headings by putting the space CommonMark wants after the #s. People write
// them that way and mean headings; "#include" and "#!/bin/sh" stay as they
// are, and nothing inside a fenced code block is touched.
func lenientHeadings(src []byte) []byte {
	ls := strings.Split(string(src), "\n")
	changed, fence := false, ""
	for i, l := range ls {
		t := strings.TrimLeft(l, " ")
		if len(l)-len(t) > 3 {
			continue
		}
		if f := fenceMarker(t); f != "" {
			switch {
			case fence == "":
				fence = f
			case strings.HasPrefix(t, fence) && strings.TrimSpace(strings.TrimLeft(t, fence[:1])) == "":
				fence = ""
			}
			continue
		}
		if fence != "" || !strings.HasPrefix(t, "#") {
			continue
		}
		n := len(t) - len(strings.TrimLeft(t, "#"))
		if n > 6 || n == len(t) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(t[n:])
		if r == ' ' || r == '\t' || r < utf8.RuneSelf && (isASCIIAlnum(r) || r == '!' || r == '{' || r == '(' || r == '\'' || r == '"') {
			continue
		}
		ls[i] = l[:len(l)-len(t)] + t[:n] + " " + t[n:]
		changed = true
	}
	if !changed {
		return src
	}
	return []byte(strings.Join(ls, "\n"))
}

func fenceMarker(t string) string {
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(t, f) {
			return f
		}
	}
	return ""
}

func isASCIIAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// mdWriter writes a goldmark tree out as lines.
type mdWriter struct {
	src    []byte
	starts []int
	out    []line
	lists  int // lists met so far
}

// mdContext is where in the tree a block sits.
type mdContext struct {
	indent int  // columns the block's lines are indented by
	depth  int  // list nesting
	quote  bool // inside a block quote
	// itemHead is set on the first block of a list item: a heading there
	// titles the item ("15. ### What is currying"); any later heading in
	// the item is its content.
	itemHead bool
}

// lineOf returns the 1-based line of a byte offset.
func (w *mdWriter) lineOf(pos int) int {
	return sort.Search(len(w.starts), func(i int) bool { return w.starts[i] > pos })
}

func (w *mdWriter) emit(l line) { w.out = append(w.out, l) }

func (w *mdWriter) blank(no int) {
	if n := len(w.out); n > 0 && w.out[n-1].blank() {
		return
	}
	w.emit(line{no: no})
}

// blocks writes the children of a block node.
func (w *mdWriter) blocks(n ast.Node, ctx mdContext) {
	ctx.itemHead = false
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.block(c, ctx)
	}
}

func (w *mdWriter) block(n ast.Node, ctx mdContext) {
	switch n := n.(type) {
	case *ast.Heading:
		title := strings.Join(w.inlineTexts(n), " ")
		w.emit(line{no: w.firstLine(n), indent: ctx.indent, text: title, kind: kindHeading, level: n.Level,
			nested: ctx.depth > 0 && !ctx.itemHead})
		w.blank(w.lastLine(n))
	case *ast.Paragraph, *ast.TextBlock:
		for _, il := range w.inline(n) {
			w.emit(w.textLine(il, ctx))
		}
		w.blank(w.lastLine(n))
	case *ast.List:
		w.list(n, ctx)
	case *ast.FencedCodeBlock:
		w.code(n, ctx)
	case *ast.CodeBlock:
		if looksLikeCodeBlock(w.rawLines(n)) {
			w.code(n, ctx)
			break
		}
		// An indented block of prose: notes indent answers under their
		// question, which CommonMark reads as code. Read it as text.
		for i, s := range w.rawLines(n) {
			no := w.lineOf(n.Lines().At(i).Start)
			w.emit(w.textLine(inlineLine{no: no, text: strings.TrimSpace(s)}, mdContext{indent: ctx.indent + 4, quote: ctx.quote}))
		}
		w.blank(w.lastLine(n))
	case *ast.Blockquote:
		q := ctx
		q.quote = true
		w.blocks(n, q)
	case *ast.HTMLBlock:
		w.htmlBlock(n, ctx)
	case *east.Table:
		w.table(n, ctx)
	case *ast.ThematicBreak:
		w.blank(w.lineOf(n.Pos()))
	default:
		w.blocks(n, ctx)
	}
}

// textLine makes a line of prose, quoted when it sits in a block quote.
func (w *mdWriter) textLine(il inlineLine, ctx mdContext) line {
	t := il.text
	if ctx.quote && w.quotedSource(il.no) {
		t = "> " + t
	}
	return line{no: il.no, indent: ctx.indent, text: t, anchor: il.anchor, linksOnly: il.linksOnly,
		escaped: reEscapedNumber.Match(w.sourceLine(il.no))}
}

// sourceLine returns line no of the source, without its line end.
func (w *mdWriter) sourceLine(no int) []byte {
	if no < 1 || no > len(w.starts) {
		return nil
	}
	end := len(w.src)
	if no < len(w.starts) {
		end = w.starts[no] - 1
	}
	return w.src[w.starts[no-1]:end]
}

// quotedSource reports whether source line no starts with a quote mark. A
// line CommonMark continues a quote with lazily, without the mark, reads as
// text: notes put their answer right under a one-line > outline.
func (w *mdWriter) quotedSource(no int) bool {
	if no < 1 || no > len(w.starts) {
		return true
	}
	end := len(w.src)
	if no < len(w.starts) {
		end = w.starts[no]
	}
	t := strings.TrimLeft(string(w.src[w.starts[no-1]:end]), " \t")
	return strings.HasPrefix(t, ">") || strings.HasPrefix(t, "＞")
}

func (w *mdWriter) list(n *ast.List, ctx mdContext) {
	w.lists++
	id := w.lists
	num := n.Start
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "- "
		if n.IsOrdered() {
			marker = strconv.Itoa(num) + ". "
			num++
		}
		inner := mdContext{indent: ctx.indent + 4, depth: ctx.depth + 1, quote: ctx.quote}
		first := item.FirstChild()
		if first == nil {
			continue
		}
		if _, ok := first.(*ast.Paragraph); ok || first.Kind() == ast.KindTextBlock {
			for i, il := range w.inline(first) {
				if i == 0 {
					l := w.textLine(il, ctx)
					l.text = marker + il.text
					l.kind, l.level, l.list = kindItem, ctx.depth, id
					w.emit(l)
					continue
				}
				w.emit(w.textLine(il, inner))
			}
			if first.NextSibling() != nil && !n.IsTight {
				w.blank(w.lastLine(first))
			}
			first = first.NextSibling()
		}
		for c := first; c != nil; c = c.NextSibling() {
			head := inner
			head.itemHead = c == item.FirstChild()
			w.block(c, head)
		}
		if !n.IsTight {
			w.blank(w.lastLine(item))
		}
	}
	w.blank(w.lastLine(n))
}

// code writes a code block as its lines between ``` fences; the fence's
// language tag is left out.
func (w *mdWriter) code(n ast.Node, ctx mdContext) {
	first := w.lineOf(n.Pos())
	raw := w.rawLines(n)
	if len(raw) > 0 {
		first = w.lineOf(n.Lines().At(0).Start)
	}
	if _, fenced := n.(*ast.FencedCodeBlock); fenced && first > 1 {
		first--
	}
	w.emit(line{no: first, indent: ctx.indent, text: "```", kind: kindFence})
	last := first
	for i, s := range raw {
		last = w.lineOf(n.Lines().At(i).Start)
		w.emit(line{no: last, indent: ctx.indent, text: s, kind: kindCode})
	}
	w.emit(line{no: last, indent: ctx.indent, text: "```", kind: kindFence})
	w.blank(last)
}

// rawLines returns a block's lines without their line ends.
func (w *mdWriter) rawLines(n ast.Node) []string {
	ls := n.Lines()
	out := make([]string, ls.Len())
	for i := 0; i < ls.Len(); i++ {
		seg := ls.At(i)
		out[i] = strings.TrimRight(string(seg.Value(w.src)), "\r\n")
	}
	return out
}

// looksLikeCodeBlock reports whether an indented block reads as code rather than
// as indented prose: no CJK text, no answer marker, and punctuation that
// code has.
func looksLikeCodeBlock(ls []string) bool {
	codeish := 0
	for _, l := range ls {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		for _, r := range t {
			if textnorm.IsCJK(r) {
				return false
			}
		}
		if _, ok := answerMarker(t); ok {
			return false
		}
		if strings.ContainsAny(t, "{}();=<>$#/\\[]") || strings.HasPrefix(t, "-") {
			codeish++
		}
	}
	return codeish > 0
}

func (w *mdWriter) firstLine(n ast.Node) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return w.lineOf(n.Lines().At(0).Start)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			return w.lineOf(t.Segment.Start)
		}
		if c.Type() == ast.TypeBlock {
			return w.firstLine(c)
		}
	}
	return w.lineOf(n.Pos())
}

func (w *mdWriter) lastLine(n ast.Node) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return w.lineOf(n.Lines().At(n.Lines().Len() - 1).Start)
	}
	if c := n.LastChild(); c != nil && c.Type() == ast.TypeBlock {
		return w.lastLine(c)
	}
	return w.lineOf(n.Pos())
}

// inlineLine is one line of rendered inline content.
type inlineLine struct {
	no   int
	text string
	// anchor is set when the line is nothing but a link to a place in the
	// same file: an entry of a table of contents.
	anchor bool
	// linksOnly is set when the line is nothing but links to other pages
	// and separators between them.
	linksOnly bool
}

// inlineTexts renders a node's inline content and returns its lines' text.
func (w *mdWriter) inlineTexts(n ast.Node) []string {
	var out []string
	for _, il := range w.inline(n) {
		out = append(out, il.text)
	}
	return out
}

// inline renders a node's inline content as lines: markdown and HTML
// emphasis become **, links their text, inline code keeps its backticks;
// images, comments and other tags are dropped. A soft or hard line break
// and <br> end a line.
func (w *mdWriter) inline(n ast.Node) []inlineLine {
	r := &inlineRenderer{w: w}
	r.children(n)
	r.endLine()
	return r.lines
}

type inlineRenderer struct {
	w       *mdWriter
	lines   []inlineLine
	cur     strings.Builder
	no      int
	links   int // links to anchors on the current line
	content int // other content on the current line
	inLink  int // depth inside links
	pages   int // links to other pages on the current line
	outside int // content outside links, separators aside, on the current line
}

func (r *inlineRenderer) mark(pos int) {
	if r.no == 0 {
		r.no = r.w.lineOf(pos)
	}
}

func (r *inlineRenderer) write(s string, content bool) {
	r.cur.WriteString(s)
	if content && strings.TrimSpace(s) != "" {
		r.content++
	}
	if content && r.inLink == 0 && strings.Trim(s, " \t/|·,、;；") != "" {
		r.outside++
	}
}

func (r *inlineRenderer) endLine() {
	t := cleanRendered(r.cur.String())
	if t != "" {
		anchor := r.links > 0 && r.content == 0
		r.lines = append(r.lines, inlineLine{no: r.no, text: t, anchor: anchor, linksOnly: !anchor && r.pages > 0 && r.outside == 0})
	}
	r.cur.Reset()
	r.no, r.links, r.content, r.pages, r.outside = 0, 0, 0, 0, 0
}

func (r *inlineRenderer) children(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.node(c)
	}
}

func (r *inlineRenderer) node(n ast.Node) {
	src := r.w.src
	switch n := n.(type) {
	case *ast.Text:
		r.mark(n.Segment.Start)
		v := n.Segment.Value(src)
		if !n.IsRaw() {
			v = util.UnescapePunctuations(v)
		}
		r.write(html.UnescapeString(string(v)), true)
		if n.SoftLineBreak() || n.HardLineBreak() {
			r.endLine()
		}
	case *ast.String:
		r.write(string(n.Value), true)
	case *ast.CodeSpan:
		r.mark(n.Pos())
		var b strings.Builder
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				b.Write(t.Segment.Value(src))
			} else if s, ok := c.(*ast.String); ok {
				b.Write(s.Value)
			}
		}
		r.write("`"+strings.ReplaceAll(b.String(), "\n", " ")+"`", true)
	case *ast.Emphasis:
		if n.Level >= 2 {
			r.write("**", false)
			r.children(n)
			r.write("**", false)
			return
		}
		r.children(n)
	case *ast.Link:
		r.mark(n.Pos())
		before := r.content
		r.inLink++
		r.children(n)
		r.inLink--
		switch {
		case strings.HasPrefix(string(n.Destination), "#") && r.content > before:
			r.content = before
			r.links++
		case r.content > before:
			r.pages++
		}
	case *ast.AutoLink:
		r.mark(n.Pos())
		r.write(string(n.URL(src)), true)
	case *ast.Image:
		// Pictures do not read in a chat.
	case *ast.RawHTML:
		var raw strings.Builder
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			raw.Write(seg.Value(src))
		}
		r.rawHTML(raw.String())
	default:
		r.children(n)
	}
}

// rawHTML renders one inline tag: <b> and <strong> as **, <code> as a
// backtick, <br> as a line break; everything else (and comments) as nothing.
func (r *inlineRenderer) rawHTML(raw string) {
	switch tag, closing := tagName(raw); tag {
	case "b", "strong":
		r.write("**", false)
	case "code", "kbd", "tt":
		r.write("`", false)
	case "br":
		if !closing {
			r.endLine()
		}
	}
}

// tagName returns the lower-case name of an HTML tag and whether it closes.
func tagName(raw string) (string, bool) {
	t := strings.TrimSpace(raw)
	if !strings.HasPrefix(t, "<") || strings.HasPrefix(t, "<!") {
		return "", false
	}
	t = strings.TrimPrefix(t, "<")
	closing := strings.HasPrefix(t, "/")
	t = strings.TrimPrefix(t, "/")
	end := strings.IndexAny(t, " \t\n/>")
	if end < 0 {
		end = len(t)
	}
	return strings.ToLower(t[:end]), closing
}

// cleanRendered tidies a rendered line: non-breaking spaces become spaces,
// emoji shortcodes (:star:) go, and white space is trimmed.
func cleanRendered(s string) string {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	if strings.Contains(s, ":") {
		s = reShortcode.ReplaceAllString(s, "$1$2")
	}
	return strings.TrimSpace(s)
}
