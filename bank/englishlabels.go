package bank

import (
	"regexp"
	"strings"

	"github.com/interviewbot/interviewbot/bank/lexicon"
	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// English notes label the parts of an answer in bold: a label that heads
// a list (`- **Advantages**:`, `**Isolation Caveats**:` over the items
// that say them), a generic label before a definition (`- **Use Case**:
// …`), a comparison table's header and the property a row compares
// (`| **Performance** | **Faster** | **Slower** |`). The label names a part
// of the notes, not a fact of this answer: the items under it, a labelled
// definition's name (`**Docker Daemon**: the background service …`) and a
// row's first cell are the points.

// genericLabels are words that head a part in any notes: never this
// answer's fact.
var genericLabels = map[string]bool{
	"advantage": true, "advantages": true, "disadvantage": true, "disadvantages": true,
	"advantages and disadvantages": true, "pros": true, "cons": true, "pros and cons": true,
	"benefit": true, "benefits": true, "key benefits": true, "drawback": true, "drawbacks": true,
	"limitation": true, "limitations": true, "challenge": true, "challenges": true,
	"efficiencies": true, "inefficiencies": true, "caveat": true, "caveats": true,
	"use case": true, "use cases": true, "common use cases": true, "when to use": true,
	"purpose": true, "goal": true, "goals": true, "performance": true, "overview": true,
	"definition": true, "description": true, "characteristics": true, "key characteristics": true,
	"features": true, "key features": true, "feature": true, "core features": true,
	"components": true, "key components": true, "core components": true, "core concepts": true,
	"key concepts": true, "usage": true, "syntax": true, "considerations": true,
	"key considerations": true, "best practices": true, "best practice": true, "how it works": true,
	"workflow": true, "steps": true, "types": true, "strategies": true, "approach": true,
	"implementation": true, "code example": true, "trade-offs": true, "tradeoffs": true,
	"comparison": true, "differences": true, "key differences": true, "similarities": true,
	"example": true, "examples": true, "summary": true, "note": true, "notes": true,
	"recommendation": true, "recommendations": true, "benefits and drawbacks": true,
}

// isGenericLabel reports whether a bold span is a generic label.
func isGenericLabel(span string) bool {
	t := strings.ToLower(strings.TrimSpace(stripBoldMarks(span)))
	t = strings.TrimSpace(strings.TrimRight(t, ":：?？ "))
	return genericLabels[t]
}

// isEnglishLabel reports whether the bold span of polished[li] that has
// before and after around it on its line is a label, not a point: in a
// table's header; a table row's first cell that is a generic label or
// asks (`**Overridable?**`); a span that opens its line or item and is a
// generic label; a span alone on its line that heads a list; or, in
// running prose, a bold adverb (stress, not a label, but no point either).
func isEnglishLabel(polished []line, li int, span, before, after string) bool {
	l := polished[li]
	switch l.cell {
	case cellHeader:
		return true
	case cellRow:
		if strings.Contains(before, " | ") {
			return false // a cell of the row: its points are read one by one
		}
		t := strings.TrimSpace(stripBoldMarks(span))
		return isGenericLabel(t) || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "？")
	}
	if !opensItem(before) {
		return isBoldAdverb(span) // variables **automatically** initialize: stress
	}
	if isGenericLabel(span) {
		return true
	}
	if strings.Trim(after, " :：") != "" {
		return false // `**Docker Daemon**: the background service …`: a definition's name
	}
	return headsList(polished, li)
}

// opensItem reports whether the text before a span is empty or only the
// marker of a list item.
func opensItem(before string) bool {
	lead := strings.TrimSpace(before)
	if lead == "" {
		return true
	}
	if rest, ok := bullet(lead + " x"); ok && rest == "x" {
		return true
	}
	rest, ok := numbered(lead + " x")
	return ok && strings.TrimSpace(rest) == "x"
}

// headsList reports whether the next line after polished[li] that is not
// blank is a list item under it: nested deeper when polished[li] is an
// item itself.
func headsList(polished []line, li int) bool {
	l := polished[li]
	for _, n := range polished[li+1:] {
		if n.blank() {
			continue
		}
		if n.kind != kindItem {
			return false
		}
		return l.kind != kindItem || n.level > l.level || n.indent > l.indent
	}
	return false
}

// reLoneCell is a comparison table's cell that only compares (Faster,
// Slower), answers (Yes, No) or gives a unit (Milliseconds, Minutes):
// the row's first cell is the point, these say how it compares.
var reLoneCell = regexp.MustCompile(`(?i)^(faster|slower|higher|lower|better|worse|larger|smaller|bigger|cheaper|costlier|easier|harder|simpler|stronger|weaker|heavier|lighter|quicker|longer|shorter|more|less|fewer|yes|no|true|false|none|n/a|high|low|medium|fast|slow|(nano|micro|milli)?seconds?|minutes?|hours?|days?|weeks?)$`)

// isLoneCellPoint reports whether kp, read from a bold span of a table
// row's cell after the first, only compares or gives a unit.
func isLoneCellPoint(l line, before string, kp KeyPoint) bool {
	return l.cell == cellRow && strings.Contains(before, " | ") && reLoneCell.MatchString(strings.TrimSpace(kp.Text))
}

// tierWeight sets the English tiers apart within one origin: it is more
// than any term score, less than the step between origins.
const tierWeight = 30

// earlyWeight is what the first of an answer's English bold points gains
// over its last at the cap, the author's order: about the rarity of one
// word more.
const earlyWeight = 4

// englishTier ranks a marked point of an English answer before a cap: 2
// for the name of a list item (`- **Circuit Breaker Pattern**: …`) and a
// bold phrase of the answer's lead (lead is its compact text: the
// paragraphs before the first list, where `**Rob Pike**` created Go), 1
// for a bold phrase of other prose, 0 for a bold word inside an item's
// definition (`**load**` in `- **Resource Reallocation**: scale on
// **load**`) or one everyday word (`failures`, `best practices`).
func englishTier(kp KeyPoint, lead string) float64 {
	t := strings.TrimSpace(kp.Text)
	if namesItsSentence(kp) {
		return 2
	}
	if isGenericLabel(t) || isPlainEnglish(strings.ToLower(t)) && !strings.ContainsAny(t, " -") {
		return 0
	}
	if cs := textnorm.Compact(kp.Sentence); cs != "" && strings.Contains(lead, cs) {
		return 2
	}
	if _, _, ok := itemHead(stripItemMarker(strings.TrimSpace(kp.Sentence))); ok {
		return 0 // a detail of a labelled item, whose name is the point
	}
	return 1
}

// englishRankScore orders English points of one tier: rare words first
// (the general-English rarity the bank's own counts cannot give in a
// small bank), two or three words over one.
func englishRankScore(kp KeyPoint) float64 {
	words := strings.FieldsFunc(kp.Text, func(r rune) bool { return r == ' ' || r == '-' })
	p := phrase{text: kp.Text, words: words}
	score := 10 * englishRareness(p)
	if n := len(words); n >= 2 && n <= 4 {
		score *= 1.2
	}
	return score
}

// englishLead returns the paragraphs of an answer before its first list
// item: the author's own summary of it.
func englishLead(text string) string {
	at := 0
	for l := range strings.SplitSeq(text, "\n") {
		t := strings.TrimSpace(l)
		if _, ok := bullet(t); ok {
			return text[:at]
		}
		if _, ok := numbered(t); ok {
			return text[:at]
		}
		at += len(l) + 1
	}
	return text
}

// isBoldAdverb reports whether a bold span is one lower-case word that
// WordNet knows mostly as an adverb (automatically, explicitly): in
// running prose it stresses how, it names nothing.
func isBoldAdverb(span string) bool {
	w := strings.TrimSpace(span)
	if w == "" || strings.ContainsAny(w, " `-") || strings.ToLower(w) != w {
		return false
	}
	info := lexicon.Default().EnglishPOS(w)
	return info.Tagged && info.Dominant() == lexicon.Adverb
}

// isLabelPoint reports whether a point of an English answer is a generic
// label, or a word of the generic label that opens its sentence
// ("Practices" of "Best Practices:", "Practice" of "Best Practice | Use
// for archives").
func isLabelPoint(kp KeyPoint) bool {
	if isGenericLabel(kp.Text) {
		return true
	}
	s := stripItemMarker(strings.TrimSpace(stripBoldMarks(kp.Sentence)))
	label := strings.TrimRight(s, ":： ")
	if h, _, ok := itemHead(s); ok {
		label = h
	} else if i := strings.Index(s, " | "); i >= 0 {
		label = s[:i]
	}
	words := strings.Fields(label)
	for i := range words {
		// A label may follow a name of its own: "CI/CD Best Practice".
		if tail := strings.Join(words[i:], " "); isGenericLabel(tail) {
			return strings.Contains(strings.ToLower(tail), strings.ToLower(strings.TrimSpace(kp.Text)))
		}
	}
	return false
}

// onlyPromptWords reports whether every word of an English point is a
// word of the prompt (skip holds them), in either number: Microservices
// for "What is a microservice?", not containers for "containerized".
func onlyPromptWords(text string, skip map[string]bool) bool {
	single := make(map[string]bool, len(skip))
	for w := range skip {
		single[singularWord(w)] = true
	}
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return r == ' ' || r == '-' })
	for _, w := range words {
		if isEnglishStopWord(w) {
			continue
		}
		if !skip[compactWord(w)] && !single[singularWord(compactWord(w))] {
			return false
		}
	}
	return len(words) > 0
}
