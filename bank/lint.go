package bank

import (
	"fmt"
	"regexp"
	"strings"
)

// The checks below never change what loads; they tell the person where the
// bank read their notes differently from what they probably meant, each at
// its file:line. Problems found while splitting (text attached to no
// question, a heading read as part of an answer, a topic heading deeper than
// its questions) are reported by the splitter itself.

// lint reports what the bank could not make good: prompts with markup left,
// key points that fell back to the answer's words, questions without key
// points, and IDs two questions claim. (An answer that holds several
// questions is reported when the question is built, where the lines that
// were headings or <summary>s are known.)
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
