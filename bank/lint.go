package bank

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// The checks below never change what loads; they tell the person where the
// bank read their notes differently from what they probably meant, each at
// its file:line. Problems found while splitting (text attached to no
// question, a heading read as part of an answer, a topic heading deeper than
// its questions) are reported by the splitter itself.

// lint reports what the bank could not make good: prompts with markup left,
// answers that hold several questions, key points that fell back to the
// answer's words, questions without key points, and IDs two questions claim.
func lint(qs []*Question) Problems {
	var probs Problems
	owner := map[string]*Question{}
	for _, q := range qs {
		src := Source{}
		if len(q.Sources) > 0 {
			src = q.Sources[0]
		}
		if what := promptMarkup(q.Prompt); what != "" {
			probs = append(probs, Problem{src, Warning, fmt.Sprintf("the prompt %q still holds %s", clip(q.Prompt), what)})
		}
		if asks := questionLines(q.Answer.Text); len(asks) >= 2 {
			probs = append(probs, Problem{src, Warning, fmt.Sprintf("the answer to %q holds %d lines that read as questions (%q…); if they are questions of their own, give each its own numbered line or heading", clip(q.Prompt), len(asks), clip(asks[0]))})
		}
		switch {
		case len(q.Answer.KeyPoints) == 0 && q.Answer.Text != "":
			probs = append(probs, Problem{src, Warning, "question has no key points: bold the phrases that matter, or list key_points in YAML"})
		case onlyTermPoints(q.Answer.KeyPoints):
			probs = append(probs, Problem{src, Info, fmt.Sprintf("the key points of %q fell back to words of its answer (%s): bold the phrases that matter, add a Good to hear list, or list key_points in YAML", clip(q.Prompt), pointList(q.Answer.KeyPoints))})
		}
		for _, id := range append([]string{q.ID}, q.AliasIDs...) {
			if other, taken := owner[id]; taken && other != q {
				probs = append(probs, Problem{src, Error, fmt.Sprintf("duplicate id %q (also used by the question at %s)", id, other.Sources[0])})
				continue
			}
			owner[id] = q
		}
	}
	return probs
}

// duplicatePrompts reports a prompt a file asks twice; the two are merged
// into one question, which is rarely what a person meant within one file.
func duplicatePrompts(qs []*Question) Problems {
	var probs Problems
	first := map[[2]string]Source{}
	for _, q := range qs {
		if len(q.Sources) == 0 {
			continue
		}
		src := q.Sources[0]
		key := [2]string{src.File, NormalizePrompt(q.Prompt)}
		if prev, seen := first[key]; seen {
			probs = append(probs, Problem{src, Warning, fmt.Sprintf("the prompt %q is asked again (first at line %d); the two are read as one question", clip(q.Prompt), prev.Line)})
			continue
		}
		first[key] = src
	}
	return probs
}

var (
	reLinkLeft  = regexp.MustCompile(`\]\([^)]*\)|\[[^\]]+\]\[[^\]]*\]`)
	reTagLeft   = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>`)
	reCodeSpan  = regexp.MustCompile("`[^`\n]*`")
	reEntityAny = regexp.MustCompile(`&[a-zA-Z]+;|&#\d+;`)
)

// promptMarkup says what markup a prompt's first line still holds ("bold
// marks", "an HTML tag"), or "". Inline code in backticks is fine.
func promptMarkup(prompt string) string {
	p := reCodeSpan.ReplaceAllString(firstTextLine(prompt), "")
	switch {
	case strings.Contains(p, "**") || strings.Contains(p, "__"):
		return "bold marks"
	case reLinkLeft.MatchString(p):
		return "link syntax"
	case reTagLeft.MatchString(p):
		return "an HTML tag"
	case reEntityAny.MatchString(p):
		return "an HTML entity"
	case strings.HasPrefix(p, "#"):
		return "heading marks"
	}
	return ""
}

// questionLines returns the lines of an answer, outside code, that read as
// questions of their own: short lines that end with a question mark.
func questionLines(text string) []string {
	var out []string
	inCode := false
	for _, l := range strings.Split(text, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") {
			inCode = !inCode
			continue
		}
		if inCode || utf8.RuneCountInString(t) > 80 {
			continue
		}
		if endsWithQuestionMark(t) {
			out = append(out, t)
		}
	}
	return out
}

func onlyTermPoints(pts []KeyPoint) bool {
	for _, kp := range pts {
		if kp.Origin != OriginTerm {
			return false
		}
	}
	return len(pts) > 0
}

func pointList(pts []KeyPoint) string {
	var ts []string
	for i, kp := range pts {
		if i == 3 {
			ts = append(ts, "…")
			break
		}
		ts = append(ts, kp.Text)
	}
	return strings.Join(ts, ", ")
}
