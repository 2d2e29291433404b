package bank

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

const (
	// minKeyPoints is how many points an answer should have; fewer from
	// one source are topped up from the next.
	minKeyPoints = 3
	// maxKeyPoints bounds a list that a person reads on a phone.
	maxKeyPoints = 12
	// maxPointRunes is the longest a key point may be: anything longer is a
	// sentence, not a point.
	maxPointRunes = 30
)

var (
	reCounting = regexp.MustCompile(`^[一二三四五六七八九十两几多\d]+\s*(个|点|种|类|方面|方向|部分|步|条|层面)`)
	reExample  = regexp.MustCompile(`(?i)^(如|例如|比如|譬如|包括|e\.?g\.?)`)
)

// leadingWords are function words and hedges a point should not start with.
var leadingWords = []string{
	"同等重要的是", "最重要的是", "重要的是", "觉得自己", "我们", "他们", "觉得", "自己",
	"可能就是", "可能是", "也就是", "就是", "以及", "并且", "通过", "进行", "还有", "包括",
	"比如", "例如", "对于", "我认为", "我觉得", "我理解", "其实", "可能", "那么", "也是",
	"及", "和", "与", "并", "在", "对", "把", "将", "如", "也", "就", "都", "还", "是", "会", "要", "去",
	"我",
}

// framingStarts open a clause that sets the scene for a point rather than
// stating it ("在这个岗位中", "除了技术支持以外").
var framingStarts = []string{"在", "除了", "对于", "随着", "作为", "当"}

// framingEnds close such a clause.
var framingEnds = []string{"之后", "以后", "时候", "以外", "之外", "来说", "中"}

// trailingWords are particles a point should not end with.
var trailingWords = []string{"等等", "方面", "的", "了", "时", "中", "上", "里"}

// maxMarksRead is how many marks of one answer (bold spans, enumeration
// markers, list items) are read for key point candidates. A person reads
// at most maxKeyPoints points, and the richest answers of real notes mark
// about 25; an answer that marks thousands (a pasted article, a long cheat
// sheet) gives its points from the first maxMarksRead, with a notice,
// instead of weighing every mark against every other.
const maxMarksRead = 64

// boldPoints reads key points from the **bold** spans of an answer's
// polished lines. A bold span alone on its line is a heading for what
// follows; its reference sentence is the heading with the next sentence.
// It reads the first maxMarksRead spans and reports whether there were
// more.
func boldPoints(polished []line, plain string) (pts []KeyPoint, more bool) {
	var found pointSet
	sentences := newSentenceIndex(plain)
	english := mostlyLatin(plain)
	spans := 0
	for li, l := range polished {
		for _, m := range reBold.FindAllStringSubmatchIndex(l.text, -1) {
			if spans == maxMarksRead {
				return found.pts, true
			}
			spans++
			span := l.text[m[2]:m[3]]
			before, after := l.text[:m[0]], l.text[m[1]:]
			if isLinkedRemark(polished, li, before) {
				continue // 注：**http 3.0 使用udp实现** https://…: an aside
			}
			if english && isEmphasis(span, before) {
				continue // does **not** mutate: stress, not a point
			}
			if english && isEnglishLabel(polished, li, span, before, after) {
				continue // - **Advantages**: over a list, a table's header: a label
			}
			wholeLine := strings.TrimSpace(before) == "" && strings.Trim(after, " ：:") == ""
			sentence := ""
			if wholeLine && li+1 < len(polished) {
				if next := textnorm.FirstSentence(cleanInline(polished[li+1].text)); next != "" {
					sentence = cleanInline(span) + "：" + next
				}
			}
			for _, kp := range spanPoints(extendSpan(span, before, after)) {
				if found.has(kp) || english && isLoneCellPoint(l, before, kp) {
					continue
				}
				if english && found.foldNumber(kp) {
					continue // **Pointer** after **Pointers**: one point
				}
				kp.Origin = OriginBold
				kp.Sentence = sentence
				if kp.Sentence == "" {
					kp.Sentence = sentences.of(kp)
					if strings.Count(plain, kp.Text) > 1 {
						// Said more than once: the first may be another line's.
						kp.Sentence = ownSentence(kp.Sentence, l.text, kp)
					}
				}
				if isConcluding(kp.Sentence) {
					continue // 整体而言，…: a summary, not a point
				}
				found.add(kp)
			}
		}
	}
	return found.pts, false
}

// remarkLabels open a remark, the author's aside to the notes.
var remarkLabels = []string{"注", "备注", "附注", "ps", "p.s.", "note", "nb", "n.b."}

// isLinkedRemark reports whether a bold span of polished[li], after the
// text before, is in a remark that points to a link: a line that opens
// with 注：, PS: or Note: and has a web address on it or on the next
// line. It is a pointer for further reading, not what an interviewer
// checks.
func isLinkedRemark(polished []line, li int, before string) bool {
	if strings.TrimSpace(before) == "" {
		return false
	}
	t := strings.ToLower(strings.TrimSpace(stripBoldMarks(before)))
	remark := false
	for _, w := range remarkLabels {
		if rest, ok := strings.CutPrefix(t, w); ok && (rest == "" || strings.ContainsRune("：:", firstRune(rest))) {
			remark = true
			break
		}
	}
	if !remark {
		return false
	}
	if strings.Contains(polished[li].text, "://") {
		return true
	}
	return li+1 < len(polished) && strings.Contains(polished[li+1].text, "://")
}

// ownSentence returns found, the first sentence of the answer that holds
// a bold point, unless the point's own line says it in another sentence:
// then that one. `- **提交读**（Read Commited）：…` is the point's sentence,
// not the line of 未提交读 before it. A sentence wrapped over lines is
// found whole: it holds the line's part.
func ownSentence(found, lineText string, kp KeyPoint) string {
	ck, cf := textnorm.Compact(kp.Text), textnorm.Compact(found)
	if ck == "" {
		return found
	}
	for _, s := range textnorm.Sentences(cleanInline(lineText)) {
		cs := textnorm.Compact(s)
		if !strings.Contains(cs, ck) {
			continue
		}
		if cf != "" && (strings.Contains(cf, cs) || strings.Contains(cs, cf)) {
			return found
		}
		return s
	}
	return found
}

// isEmphasis reports whether a bold span of an English answer stresses a
// word of its sentence rather than names a thing: a function or stop word
// (not, only, never) in running prose. A span that
// opens its line or list item (`- **push**`, `- **start**:`) names the
// item, whatever the word.
func isEmphasis(span, before string) bool {
	w := strings.TrimSpace(span)
	if strings.ContainsAny(w, " `") || strings.ToLower(w) != w { // **Promise** is a name
		return false
	}
	if !isEnglishStopWord(w) {
		return false // **hoisted** stresses the point itself
	}
	lead := strings.TrimSpace(before)
	if rest, ok := bullet(lead + " x"); ok && rest == "x" {
		lead = ""
	} else if rest, ok := numbered(lead + " x"); ok && strings.TrimSpace(rest) == "x" {
		lead = ""
	}
	return lead != ""
}

// reFormula matches a line that says the answer as a formula of names,
// after an optional lead-in ("Shortly, git pull = git fetch + git merge"):
// a name of one to four words, =, and two or more names joined by +.
var reFormula = regexp.MustCompile("^(?:[^,，:：=]*[,，:：]\\s*)?([A-Za-z][\\w.\\-/` ]{0,40}?)\\s*=\\s*([A-Za-z][\\w.\\-/` ]{0,40}?(?:\\s*\\+\\s*[A-Za-z][\\w.\\-/` ]{0,40}?)+)\\s*[.。]?$")

// maxFormulaWords bounds each name of a formula.
const maxFormulaWords = 4

// formulaPoints reads the formulas of an answer's prose lines (git pull =
// git fetch + git merge): each says the answer in one line, so each is a
// point, its line the evidence.
func formulaPoints(text string) []KeyPoint {
	if !strings.Contains(text, "=") || !strings.Contains(text, "+") {
		return nil
	}
	var pts []KeyPoint
	for l := range linesOutsideCode(text) {
		t := strings.TrimSpace(l)
		m := reFormula.FindStringSubmatch(t)
		if m == nil {
			continue
		}
		names := append([]string{m[1]}, strings.Split(m[2], "+")...)
		for i, n := range names {
			names[i] = strings.Join(strings.Fields(strings.ReplaceAll(n, "`", "")), " ")
		}
		if slices.ContainsFunc(names, func(n string) bool { w := len(strings.Fields(n)); return w == 0 || w > maxFormulaWords }) {
			continue
		}
		formula := names[0] + " = " + strings.Join(names[1:], " + ")
		pts = append(pts, KeyPoint{Text: formula, Sentence: t, Origin: OriginEnumeration})
	}
	return pts
}

// spanPoints reads the points of one bold span: one point per clause (the
// span cut at ，；), and the items of a list in a clause (A、B、C, 以及) are
// one point with each item an alias, since a list names one idea
// (虚拟机、数据库、存储 are the resources backed up).
func spanPoints(span string) []KeyPoint {
	var pts []KeyPoint
	for _, clause := range splitClauses(span) {
		items := splitSpan(clause)
		if len(items) == 1 {
			if kp, ok := cleanPoint(items[0]); ok {
				pts = append(pts, withConjunctionAliases(kp))
			}
			continue
		}
		var kept []KeyPoint
		for _, it := range items {
			if kp, ok := cleanPoint(it); ok {
				kept = append(kept, kp)
			}
		}
		switch len(kept) {
		case 0:
			continue
		case 1:
			pts = append(pts, kept[0])
			continue
		}
		texts := make([]string, len(kept))
		var aliases []string
		for i, kp := range kept {
			texts[i] = kp.Text
			if len(kp.Aliases) > 0 {
				aliases = append(aliases, kp.Aliases...)
			} else {
				aliases = append(aliases, kp.Text)
			}
		}
		text := strings.Join(texts, "、")
		if utf8.RuneCountInString(text) > maxPointRunes {
			pts = append(pts, kept...) // too long to read as one point
			continue
		}
		pts = append(pts, KeyPoint{Text: text, Aliases: aliases})
	}
	return pts
}

// splitClauses cuts a span at ，,；; outside parentheses.
func splitClauses(span string) []string {
	var out []string
	var cur []rune
	depth := 0
	for _, r := range stripBoldMarks(span) {
		switch {
		case r == '（' || r == '(':
			depth++
		case (r == '）' || r == ')') && depth > 0:
			depth--
		case depth == 0 && strings.ContainsRune("，,；;", r):
			if s := strings.TrimSpace(string(cur)); s != "" {
				out = append(out, s)
			}
			cur = cur[:0]
			continue
		}
		cur = append(cur, r)
	}
	if s := strings.TrimSpace(string(cur)); s != "" {
		out = append(out, s)
	}
	return out
}

// withConjunctionAliases makes the two sides of "X和Y" / "X与Y" aliases of
// the point when each is a term of its own (业务连续性和数据可靠性), not when
// one is a word so common a reply names it in passing (知识沉淀与分享).
func withConjunctionAliases(kp KeyPoint) KeyPoint {
	if len(kp.Aliases) > 0 {
		return kp
	}
	for _, c := range []string{"和", "与", "及", "以及", "或"} {
		if strings.Count(kp.Text, c) != 1 {
			continue
		}
		a, b, _ := strings.Cut(kp.Text, c)
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		if aliasWorthy(a) && aliasWorthy(b) && onWordBoundaries(kp.Text, a) && onWordBoundaries(kp.Text, b) {
			kp.Aliases = []string{a, b}
		}
		return kp
	}
	return kp
}

// extendSpan mends a bolded list that cuts words in two, as in
// 跨**越本地、云端、混合架构，方案**设计: a one-to-three character first item
// takes the character before it, a one-or-two character last item takes the
// characters after it up to a function character or punctuation.
func extendSpan(span, before, after string) string {
	items := splitSpan(span)
	if len(items) < 2 {
		return span // a single phrase was bolded on purpose as it is
	}
	first, _ := utf8.DecodeRuneInString(span)
	prev, _ := utf8.DecodeLastRuneInString(before)
	if textnorm.IsCJK(first) && textnorm.IsCJK(prev) && !textnorm.IsStopChar(prev) &&
		!endsWithFunctionWord(before) && utf8.RuneCountInString(items[0]) <= 3 {
		span = string(prev) + span
	}
	last, _ := utf8.DecodeLastRuneInString(span)
	if textnorm.IsCJK(last) && utf8.RuneCountInString(items[len(items)-1]) <= 2 {
		var tail []rune
		for _, r := range after {
			if !textnorm.IsCJK(r) || textnorm.IsStopChar(r) || len(tail) == 2 {
				break
			}
			tail = append(tail, r)
		}
		span += string(tail)
	}
	return span
}

// splitSpan splits a bold span into list items at the separators 、，,；;
// and 以及, outside parentheses.
func splitSpan(span string) []string {
	var out []string
	var cur []rune
	depth := 0
	rs := []rune(stripBoldMarks(span))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '（' || r == '(':
			depth++
		case (r == '）' || r == ')') && depth > 0:
			depth--
		case depth == 0 && strings.ContainsRune("、，,；;", r):
			out = append(out, string(cur))
			cur = cur[:0]
			continue
		case depth == 0 && r == '以' && i+1 < len(rs) && rs[i+1] == '及' && len(cur) > 0:
			out = append(out, string(cur))
			cur = cur[:0]
			i++
			continue
		}
		cur = append(cur, r)
	}
	out = append(out, string(cur))
	var items []string
	for _, s := range out {
		if s = strings.TrimSpace(s); s != "" {
			items = append(items, s)
		}
	}
	return items
}

// cleanPoint turns one list item into a key point: punctuation trimmed, a
// parenthetical made an alias (恢复点目标（RPO） covers 恢复点目标 and RPO)
// or dropped when it only gives examples, function words trimmed, and
// "etc." cut off. It rejects fillers, counting phrases and sentences.
func cleanPoint(item string) (KeyPoint, bool) {
	t := trimPunct(textnorm.CleanSpaces(item))
	base, inner := splitParen(t)
	var kp KeyPoint
	base = trimFunctionWords(cutEtc(trimPunct(base)))
	switch {
	case inner != "" && reExample.MatchString(inner):
		kp.Text = base
	case inner != "" && goodAlias(inner) && base != "":
		kp.Text = base + "（" + inner + "）"
		if mostlyLatin(base) && strings.HasPrefix(t, base) && strings.HasSuffix(t, ")") && !strings.Contains(t, "（") {
			kp.Text = t // the notes' own ASCII: Domain-Driven Design (DDD)
		}
		kp.Aliases = []string{base, inner}
	case inner != "" && goodAlias(inner):
		kp.Text = inner
	default:
		kp.Text = base
	}
	n := utf8.RuneCountInString(kp.Text)
	if n < 2 || n > maxPointRunes || isFiller(kp.Text) || reCounting.MatchString(base) && utf8.RuneCountInString(base) <= 6 {
		return KeyPoint{}, false
	}
	// A sentence, or code (计算 `bird.size`): not a point to check.
	if textnorm.Compact(kp.Text) == "" || strings.ContainsAny(kp.Text, "。！？!?`") {
		return KeyPoint{}, false
	}
	return kp, true
}

func trimPunct(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || (unicode.IsPunct(r) && !strings.ContainsRune("（）()", r)) || unicode.IsSymbol(r)
	})
}

// splitParen separates the last parenthetical of s: "恢复点目标（RPO）" gives
// "恢复点目标" and "RPO".
func splitParen(s string) (base, inner string) {
	for _, pair := range [][2]string{{"（", "）"}, {"(", ")"}} {
		open := strings.LastIndex(s, pair[0])
		if open < 0 {
			continue
		}
		rel := strings.Index(s[open:], pair[1])
		if rel < 0 {
			// An unclosed parenthesis: drop it and what follows.
			return strings.TrimSpace(s[:open]), ""
		}
		closeAt := open + rel
		inner = strings.TrimSpace(s[open+len(pair[0]) : closeAt])
		base = strings.TrimSpace(s[:open] + s[closeAt+len(pair[1]):])
		return base, inner
	}
	return s, ""
}

// goodAlias reports whether a parenthetical is worth matching on its own:
// an acronym or a phrase, not a short lowercase word like "log" that would
// match inside unrelated words.
func goodAlias(s string) bool {
	upper, cjk := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
		case textnorm.IsCJK(r):
			cjk++
		}
	}
	return upper >= 2 || cjk >= 2 || utf8.RuneCountInString(s) >= 6
}

func trimFunctionWords(s string) string {
	for changed := true; changed; {
		changed = false
		for _, w := range leadingWords {
			rest := strings.TrimSpace(strings.TrimPrefix(s, w))
			if rest != s && utf8.RuneCountInString(rest) >= 2 && boundaryAt(s, len(w)) {
				// Only a whole word: 如 of 如果移位 is not 如 ("such as").
				s, changed = rest, true
			}
		}
		for _, w := range trailingWords {
			rest := strings.TrimSpace(strings.TrimSuffix(s, w))
			min := 2
			if w == "时" || w == "中" || w == "上" || w == "里" {
				min = 4
			}
			if rest != s && utf8.RuneCountInString(rest) >= min && boundaryAt(s, len(s)-len(w)) {
				s, changed = rest, true
			}
		}
	}
	return s
}

// cutEtc cuts a list item at 等 ("etc."): "一致性校验等全局考虑" gives
// "一致性校验". 等 inside a word (平等, 等待, 同等) is left alone.
func cutEtc(s string) string {
	rs := []rune(s)
	for i, r := range rs {
		if r != '等' || i < 2 {
			continue
		}
		if strings.ContainsRune("平同相对均高初中上下次", rs[i-1]) {
			continue
		}
		if i+1 < len(rs) && strings.ContainsRune("待级于同候价号", rs[i+1]) {
			continue
		}
		return strings.TrimSpace(string(rs[:i]))
	}
	return s
}

// enumerationPoints reads key points from an enumeration in the answer
// (第一/第二/首先/其次/最后 …): the clause each marker introduces. It needs at
// least two markers, since one 最后 is not a list. It reads the first
// maxMarksRead markers and reports whether there were more.
func enumerationPoints(plain string) (pts []KeyPoint, more bool) {
	locs := enumMarkers(plain, maxMarksRead+1) // one more tells whether there are more
	more = len(locs) > maxMarksRead
	var found pointSet
	var sentences *sentenceIndex // cut only when a marker gives a point
	for i, loc := range locs[:min(len(locs), maxMarksRead)] {
		after := plain[loc[1]:]
		if r, _ := utf8.DecodeRuneInString(after); strings.ContainsRune("次年天周月名期阶层季批轮届手线", r) {
			continue // 第一次, 第一年: not a list marker
		}
		if prev, _ := utf8.DecodeLastRuneInString(plain[:loc[0]]); strings.HasSuffix(plain[loc[0]:loc[1]], "是") && textnorm.IsCJK(prev) {
			continue // 统一是: 一是 inside a word
		}
		if i+1 < len(locs) && strings.Trim(plain[loc[1]:locs[i+1][0]], "，,、：: ") == "" {
			continue // 首先，第一点…: the next marker introduces the point
		}
		kp, ok := enumerationClause(after)
		if !ok || found.has(kp) {
			continue
		}
		if sentences == nil {
			sentences = newSentenceIndex(plain)
		}
		kp.Origin = OriginEnumeration
		kp.Sentence = excerptFrom(sentences.at(loc[0]), plain[loc[0]:])
		found.add(kp)
	}
	if len(found.pts) < 2 {
		return nil, more
	}
	return found.pts, more
}

// enumMarkers finds the enumeration markers of text, left to right, as
// byte ranges: 第一 (第一点, 第二个, 第三方面 …), 首先, 其次, 再次, 最后,
// 一方面, 另一方面, 一是 … 九是, 其一 … 其五. A scan, not a regexp: it
// runs on every answer of the bank. It stops at limit markers.
func enumMarkers(text string, limit int) [][]int {
	const numerals = "一二三四五六七八九十"
	var out [][]int
	for i := 0; i < len(text) && len(out) < limit; {
		r, n := utf8.DecodeRuneInString(text[i:])
		end := 0
		rest := text[i:]
		switch {
		case r == '第':
			j := n
			for j < len(rest) {
				d, m := utf8.DecodeRuneInString(rest[j:])
				if !strings.ContainsRune(numerals, d) {
					break
				}
				j += m
			}
			if j > n {
				end = j
				for _, suf := range []string{"方面", "点", "个", "条"} {
					if strings.HasPrefix(rest[j:], suf) {
						end = j + len(suf)
						break
					}
				}
			}
		case strings.HasPrefix(rest, "一方面"):
			end = len("一方面")
		case strings.HasPrefix(rest, "另一方面"):
			end = len("另一方面")
		default:
			for _, w := range []string{"首先", "其次", "再次", "最后"} {
				if strings.HasPrefix(rest, w) {
					end = len(w)
				}
			}
			if end == 0 && strings.ContainsRune(numerals[:len(numerals)-len("十")], r) && strings.HasPrefix(rest[n:], "是") {
				end = n + len("是")
			}
			if end == 0 && r == '其' {
				if d, m := utf8.DecodeRuneInString(rest[n:]); strings.ContainsRune("一二三四五", d) {
					end = n + m
				}
			}
		}
		if end > 0 {
			out = append(out, []int{i, i + end})
			i += end
			continue
		}
		i += n
	}
	return out
}

// enumerationClause picks the clause after a list marker, skipping clauses
// that only frame the point ("也是最关键的一点", "我读完本科之后").
func enumerationClause(after string) (KeyPoint, bool) {
	sentence := textnorm.FirstSentence(after)
	if sentence == "" {
		sentence = after
	}
	for _, c := range textnorm.Clauses(sentence) {
		if isFraming(stripHedges(c)) {
			continue
		}
		c = trimFeeling(trimFunctionWords(strings.TrimPrefix(c, "点")))
		n := utf8.RuneCountInString(c)
		if n < 2 || isFiller(c) {
			continue
		}
		if n <= 10 && (strings.Contains(c, "关键") || strings.Contains(c, "重要") || strings.HasSuffix(c, "一点")) {
			continue
		}
		kp, ok := cleanPoint(c)
		if !ok {
			if n > maxPointRunes {
				continue
			}
			return KeyPoint{}, false
		}
		return kp, true
	}
	return KeyPoint{}, false
}

// stripHedges removes the hedges a spoken-style clause opens with.
func stripHedges(c string) string {
	for changed := true; changed; {
		changed = false
		for _, h := range []string{"我认为", "我觉得", "可能", "就是", "其实", "也是", "那么"} {
			if rest := strings.TrimPrefix(c, h); rest != c {
				c, changed = rest, true
			}
		}
	}
	return c
}

func isFraming(clause string) bool {
	for _, w := range framingEnds {
		if strings.HasSuffix(clause, w) {
			return true
		}
	}
	for _, w := range framingStarts {
		if strings.HasPrefix(clause, w) && utf8.RuneCountInString(clause) <= 12 {
			return true
		}
	}
	return false
}

// excerptFrom shortens a long sentence to the part that starts where the
// point is introduced, so a missed point's reference reads on a phone.
func excerptFrom(sentence, fromHere string) string {
	if utf8.RuneCountInString(sentence) <= 60 {
		return sentence
	}
	if end := textnorm.FirstSentence(fromHere); end != "" {
		return end
	}
	return sentence
}

// pointSet collects key points, each normalized text once, in the order
// they come.
type pointSet struct {
	pts  []KeyPoint
	seen map[string]bool
}

// has reports whether a point of the same normalized text is in the set.
func (s *pointSet) has(kp KeyPoint) bool { return s.seen[textnorm.Compact(kp.Text)] }

// add adds kp unless a point of the same normalized text is in the set,
// and reports whether it did.
func (s *pointSet) add(kp KeyPoint) bool {
	ck := textnorm.Compact(kp.Text)
	if s.seen[ck] {
		return false
	}
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	s.seen[ck] = true
	s.pts = append(s.pts, kp)
	return true
}

// appendNew appends the points whose normalized text is not already in
// pts. Each call compares with every point of pts: a list that grows one
// point at a time is a pointSet.
func appendNew(pts []KeyPoint, more ...KeyPoint) []KeyPoint {
	for _, kp := range more {
		dup := false
		ck := textnorm.Compact(kp.Text)
		for _, p := range pts {
			if textnorm.Compact(p.Text) == ck {
				dup = true
				break
			}
		}
		if !dup {
			pts = append(pts, kp)
		}
	}
	return pts
}

// feelings end a clause that says how the speaker feels about a thing
// (商汤的黑羊文化非常吸引我, 我对这个赛道极其看好), longest first.
var feelings = []string{"非常吸引我", "特别吸引我", "很吸引我", "吸引我", "让我印象深刻", "印象深刻",
	"极其看好", "非常看好", "特别看好", "十分看好", "很看好", "看好"}

// trimFeeling cuts the speaker's feeling off a clause, leaving the thing
// it is about when that is a phrase of its own (four characters or more).
func trimFeeling(c string) string {
	for _, f := range feelings {
		if rest, ok := strings.CutSuffix(c, f); ok {
			if rest = trimFunctionWords(strings.TrimSpace(rest)); utf8.RuneCountInString(rest) >= 4 {
				return rest
			}
			return c
		}
	}
	return c
}
