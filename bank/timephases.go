package bank

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// A plan laid out by time phases (短期/中期/长期, 一年内/两到三年内/三到五年后,
// 第二年左右, "In the first year, …", "Long term: …") is an enumeration:
// each phase says one goal, and an interviewer checks the goal, not the
// phase words. phasePoints gives a point per phase.

var (
	// reChinesePhase is a clause that only says when: 短期 1-2 年, 中期第 3 年,
	// 到第五年, 短期一两年内, 第二年左右, 三到五年后, 未来一年内, 长期来看.
	reChinesePhase = regexp.MustCompile(`^(?:到|在|未来|接下来|今后)*` +
		`(?:(?:短期|中期|长期|近期|远期)(?:内|来看|目标|规划|而言|的话)?)?` +
		`(?:(?:未来|头|前|第|最初的?)?[0-9一二两三四五六七八九十半]+(?:[-~～到至或][0-9一二两三四五六七八九十]+)?个?年(?:内|后|以后|以内|之内|左右|时|的时候|里)?(?:左右)?)?$`)
	// reEnglishPhase opens a sentence that says when: "In the first year,",
	// "Within two to three years,", "Long term:", "By year five,".
	reEnglishPhase = regexp.MustCompile(`(?i)^(?:(?:in|within|over|by|after|during|for)\s+)?(?:the\s+)?` +
		`(?:(?:first|second|third|next|coming|following)\s+(?:(?:one|two|three|four|five|few|\d+)(?:\s*(?:-|to|or)\s*(?:two|three|four|five|\d+))?\s+)?(?:year|years|months)` +
		`|(?:short|medium|mid|long)[- ]?(?:term|run)` +
		`|(?:one|two|three|four|five|ten|\d+)(?:\s*(?:-|to|or)\s*(?:two|three|four|five|ten|\d+))?\s+years?(?:\s+from\s+now)?` +
		`|year\s+(?:one|two|three|four|five|\d+))\s*[,:：，]\s*` +
		`|^(?:my\s+)?(?:short|medium|mid|long)[- ]?term\s+(?:goal|plan|aim|objective)s?\s+(?:is|are|would be|will be)\s+(?:to\s+)?`)
	// goalVerbs say what the speaker becomes; the goal is the verb and
	// what follows (成为专家, 沉淀为一个expert专家).
	goalVerbs = []string{"成长为", "沉淀为", "转型为", "晋升为", "发展为", "转化为", "转变为", "成为"}
	// planHedges open a clause of a plan without saying its goal.
	planHedges = []string{"我希望", "我预期", "我计划", "我打算", "我期望", "我想", "我会", "我要", "我能",
		"希望", "预期", "计划", "打算", "期望", "自己", "能够", "可以", "能", "会", "要", "将", "争取", "努力"}
	// englishPlanHedge opens an English plan's clause without its goal.
	reEnglishPlanHedge = regexp.MustCompile(`(?i)^(?:i\s+)?(?:(?:would like|want|hope|plan|expect|aim|intend|'d like)\s+to\s+|will\s+|'ll\s+)?(?:be able to\s+)?`)
	reEnglishGoal      = regexp.MustCompile(`(?i)\b(?:become|grow into|be promoted to)\s+(?:an?\s+|the\s+)?`)
)

// maxGoalRunes is the longest goal a phase point keeps whole: a longer
// one keeps its verb and what follows its last 的 (成为一名既懂技术又能结合
// 业务价值的高级 SRE gives 成为高级 SRE).
const maxGoalRunes = 16

// phase is one phase of a plan: where its head starts, its text (head
// included) and where in it the head ends.
type phase struct {
	start  int    // byte offset of the head in the answer
	body   string // the text the phase says, up to the next phase
	goalAt int    // byte offset in body where the head ends
}

// phasePoints gives an answer that lays out a plan by time phases a point
// per phase: the goal it states. It needs two phases or more.
func phasePoints(text string) []KeyPoint {
	if !strings.Contains(text, "年") && !strings.Contains(text, "期") && !hasEnglishPhaseWord(text) {
		return nil
	}
	phases := chinesePhases(text)
	english := false
	if len(phases) < 2 {
		phases, english = englishPhases(text), true
	}
	if len(phases) < 2 {
		return nil
	}
	var found pointSet
	for _, ph := range phases {
		var kp KeyPoint
		var ok bool
		if english {
			kp, ok = englishPhaseGoal(ph.body[ph.goalAt:])
		} else {
			kp, ok = chinesePhaseGoal(ph.body[ph.goalAt:])
		}
		if !ok || found.has(kp) {
			continue
		}
		kp.Origin = OriginEnumeration
		kp.Sentence = phaseEvidence(ph.body)
		found.add(kp)
	}
	if len(found.pts) < 2 {
		return nil
	}
	return found.pts
}

// hasEnglishPhaseWord tells whether text may lay out an English plan,
// without a lowered copy of every answer.
func hasEnglishPhaseWord(text string) bool {
	for _, w := range []string{"year", "Year", "term", "Term", "YEAR", "TERM"} {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// phaseEvidence is what a phase says, up to its first example (例如…,
// 比如…: the things the answer's other points name) or its sentence's end.
func phaseEvidence(body string) string {
	end := len(body)
	for _, c := range clauseSpans(body) {
		if c.start > 0 && reExample.MatchString(strings.TrimSpace(c.text)) {
			end = c.start
			break
		}
		if r, _ := utf8.DecodeLastRuneInString(body[:c.end]); strings.ContainsRune(".!?。！？", r) {
			end = c.end
			break
		}
	}
	return strings.TrimSpace(body[:end])
}

// goalClauseEnd is where the clause a phase point's goal comes from ends
// in its evidence: the text up to there is the phase's, the rest may say
// other ideas.
func goalClauseEnd(kp KeyPoint) int {
	i := strings.Index(kp.Sentence, firstWordsOf(kp.Text))
	if i < 0 {
		return len(kp.Sentence)
	}
	for _, c := range clauseSpans(kp.Sentence) {
		if c.end > i {
			return c.end
		}
	}
	return len(kp.Sentence)
}

// firstWordsOf is the start of a goal as the body says it (a long goal was
// shortened after its verb).
func firstWordsOf(goal string) string {
	rs := []rune(goal)
	return string(rs[:min(len(rs), 2)])
}

// clauseSpan is a clause of text and its byte range.
type clauseSpan struct {
	text       string
	start, end int // end includes the punctuation after it
}

// clauseSpans splits text at the clause breaks textnorm.Clauses splits
// at, keeping where each clause is.
func clauseSpans(text string) []clauseSpan {
	var out []clauseSpan
	start := 0
	for i, r := range text {
		if textnorm.IsClauseBreak(r) {
			out = append(out, clauseSpan{text[start:i], start, i + utf8.RuneLen(r)})
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(text) {
		out = append(out, clauseSpan{text[start:], start, len(text)})
	}
	return out
}

// chinesePhases finds the phases' heads: a clause that only says when,
// or a clause that opens with a phase and says its goal (短期目标是…,
// 三年内我会…). Each phase runs to the next; the last ends with its
// sentence.
func chinesePhases(text string) []phase {
	type head struct{ start, goalAt, end int }
	var heads []head
	for _, c := range clauseSpans(text) {
		if isChinesePhaseHead(c.text) {
			heads = append(heads, head{c.start, c.end, c.end})
		} else if n := inlinePhaseHead(c.text); n > 0 {
			heads = append(heads, head{c.start, c.start + n, c.end})
		}
	}
	var out []phase
	for k, h := range heads {
		to := len(text)
		if k+1 < len(heads) {
			to = heads[k+1].start
		} else if j := strings.IndexAny(text[h.end:], "。！？!?\n"); j >= 0 {
			_, n := utf8.DecodeRuneInString(text[h.end+j:])
			to = h.end + j + n
		}
		if h.goalAt < to {
			out = append(out, phase{start: h.start, body: text[h.start:to], goalAt: h.goalAt - h.start})
		}
	}
	return out
}

func isChinesePhaseHead(clause string) bool {
	c := textnorm.Compact(clause)
	c = stripPlanHedges(c)
	if c == "" || !reChinesePhase.MatchString(c) {
		return false
	}
	// A phase names a span of years or a term: 未来 or 到 alone does not.
	return strings.Contains(c, "年") || strings.Contains(c, "期")
}

// reInlinePhase opens a clause with a phase and its goal: 短期目标是,
// 长期来看我希望, 三年内我会, 五年后的目标是.
var reInlinePhase = regexp.MustCompile(`^\s*(?:到|在|未来|接下来|今后)*\s*` +
	`(?:(?:短期|中期|长期|近期|远期)|(?:未来|头|前|第)?\s*[0-9一二两三四五六七八九十]+\s*(?:[-~～到至或]\s*[0-9一二两三四五六七八九十]+)?\s*个?年(?:内|后|以后|以内|之内|左右)?)` +
	`(?:的?(?:目标|规划|计划)\s*(?:是|为|：|:)|来看|我|希望|打算)`)

// inlinePhaseHead returns the length of the phase a clause opens with when
// the clause goes on to say its goal, or 0. The subject and hedge stay
// with the goal (stripPlanHedges removes them).
func inlinePhaseHead(clause string) int {
	loc := reInlinePhase.FindStringIndex(clause)
	if loc == nil {
		return 0
	}
	// Hand the subject back: 我会… is the goal's clause.
	for _, w := range []string{"我", "希望", "打算"} {
		if strings.HasSuffix(clause[:loc[1]], w) {
			return loc[1] - len(w)
		}
	}
	return loc[1]
}

// stripPlanHedges removes the hedges a plan's clause opens with (我希望,
// 能够, 可以): what is left says the goal, or the time.
func stripPlanHedges(c string) string {
	for changed := true; changed; {
		changed = false
		for _, h := range planHedges {
			if rest := strings.TrimPrefix(c, h); rest != c && rest != "" {
				c, changed = rest, true
			}
		}
	}
	return c
}

// chinesePhaseGoal reads the goal of one phase from its text after the
// head: the first clause that says what the speaker becomes (成为…,
// 沉淀为…), else the phase's first clause that is not framing.
func chinesePhaseGoal(body string) (KeyPoint, bool) {
	cls := textnorm.Clauses(body)
	for _, c := range cls {
		if reExample.MatchString(c) {
			break
		}
		if g := goalClause(c); g != "" {
			if kp, ok := cleanPoint(g); ok {
				return kp, true
			}
		}
	}
	for _, c := range cls {
		c = stripPlanHedges(strings.TrimSpace(c))
		if isFraming(c) || isFramingClause(c) || reExample.MatchString(c) {
			continue
		}
		c = cutTrailingConjunct(c)
		if kp, ok := cleanPoint(c); ok && utf8.RuneCountInString(kp.Text) >= 4 {
			return kp, true
		}
		return KeyPoint{}, false
	}
	return KeyPoint{}, false
}

// goalClause returns a clause's goal from its goal verb on (成为专家), or
// "" when it has none. A long goal keeps its verb and the words after its
// last 的 (成为一名…的高级 SRE/DevOps gives 成为高级 SRE/DevOps).
func goalClause(c string) string {
	for _, v := range goalVerbs {
		i := strings.Index(c, v)
		if i < 0 {
			continue
		}
		g := strings.TrimSpace(c[i:])
		if utf8.RuneCountInString(g) > maxGoalRunes {
			if j := strings.LastIndex(g, "的"); j > 0 {
				g = v + strings.TrimSpace(g[j+len("的"):])
			}
		}
		if utf8.RuneCountInString(g) > maxGoalRunes || utf8.RuneCountInString(g)-utf8.RuneCountInString(v) < 2 {
			return ""
		}
		return g
	}
	return ""
}

// cutTrailingConjunct keeps the first of two things a long clause joins
// with 和 when the first says the goal on its own (快速积累岗位需要的产品知识和
// 工作内容 gives 快速积累岗位需要的产品知识).
func cutTrailingConjunct(c string) string {
	if utf8.RuneCountInString(c) <= 12 {
		return c
	}
	i := strings.LastIndex(c, "和")
	if i < 0 {
		return c
	}
	head, tail := c[:i], c[i+len("和"):]
	if utf8.RuneCountInString(head) >= 6 && utf8.RuneCountInString(tail) <= 6 {
		return head
	}
	return c
}

// englishPhases finds the sentences that open with a phase ("In the first
// year, …", "My long-term goal is to …") and the text each says.
func englishPhases(text string) []phase {
	var out []phase
	from := 0
	for _, s := range textnorm.Sentences(text) {
		i := strings.Index(text[from:], s)
		if i < 0 {
			continue
		}
		start := from + i
		from = start + len(s)
		lead := len(s) - len(strings.TrimLeft(s, " -*•\t"))
		if loc := reEnglishPhase.FindStringIndex(s[lead:]); loc != nil {
			out = append(out, phase{start: start, body: s, goalAt: lead + loc[1]})
		}
	}
	return out
}

// englishPhaseGoal reads the goal of an English phase from its text after
// the head: what the speaker becomes ("become a senior SRE"), else the
// clause without its hedge ("I want to …"), when it is short enough to
// check.
func englishPhaseGoal(rest string) (KeyPoint, bool) {
	if g := reEnglishGoal.FindStringIndex(rest); g != nil {
		goal := firstEnglishWords("become "+rest[g[1]:], 6)
		if kp, ok := cleanPoint(goal); ok {
			return kp, true
		}
	}
	clause := rest
	if j := strings.IndexAny(clause, ",;.!?"); j >= 0 {
		clause = clause[:j]
	}
	clause = strings.TrimSpace(reEnglishPlanHedge.ReplaceAllString(strings.TrimSpace(clause), ""))
	clause = beforePreposition(clause)
	if n := len(strings.Fields(clause)); n < 2 || utf8.RuneCountInString(clause) > maxPointRunes {
		return KeyPoint{}, false // a sentence, not a goal to check
	}
	return cleanPoint(clause)
}

// beforePreposition cuts a long goal before its first preposition, where
// the thing it names ends ("grow a reliability team of my own" gives
// "grow a reliability team").
func beforePreposition(clause string) string {
	if utf8.RuneCountInString(clause) <= maxPointRunes {
		return clause
	}
	ws := strings.Fields(clause)
	for i := 2; i < len(ws); i++ {
		switch strings.ToLower(ws[i]) {
		case "of", "for", "with", "in", "on", "at", "by", "within", "across", "from", "so", "and":
			return strings.Join(ws[:i], " ")
		}
	}
	return clause
}

// firstEnglishWords is up to n words of s, to its first punctuation, as
// many as a point holds, without a function word at the end.
func firstEnglishWords(s string, n int) string {
	if j := strings.IndexAny(s, ",;.!?"); j >= 0 {
		s = s[:j]
	}
	ws := strings.Fields(s)
	ws = ws[:min(len(ws), n)]
	for len(ws) > 1 && (utf8.RuneCountInString(strings.Join(ws, " ")) > maxPointRunes || isEnglishStopWord(ws[len(ws)-1])) {
		ws = ws[:len(ws)-1]
	}
	return strings.Join(ws, " ")
}

// withoutGoalClauses is text without each phase's head and goal clause,
// so that the ideas picked from the rest are other ideas.
func withoutGoalClauses(text string, pts []KeyPoint) string {
	for _, kp := range pts {
		if kp.Sentence != "" {
			text = strings.Replace(text, kp.Sentence[:goalClauseEnd(kp)], "", 1)
		}
	}
	return text
}
