package engine

import (
	"path"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/textnorm"
	"github.com/interviewbot/interviewbot/bot"
)

// namesSubject reports whether a key point only names what the question is
// about: it stands in the question's prompt, its topic or its file's name
// ("Golang" in "100 Essential Golang Interview Questions"). Asking about it
// ("Let's talk about “Golang”") asks the question back instead of a point
// of its answer.
func namesSubject(q *bank.Question, point string) bool {
	p := strings.ToLower(strings.TrimSpace(point))
	if p == "" {
		return false
	}
	places := []string{q.Prompt, q.Topic}
	for _, src := range q.Sources {
		base := path.Base(strings.ReplaceAll(src.File, "\\", "/"))
		places = append(places, strings.TrimSuffix(base, path.Ext(base)))
	}
	for _, s := range places {
		if containsPhrase(strings.ToLower(s), p) {
			return true
		}
	}
	return false
}

// containsPhrase reports whether s holds phrase, not as a part of a longer
// word: "go" is in "what is go?" but not in "google". Chinese has no word
// boundaries, so there any occurrence counts.
func containsPhrase(s, phrase string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], phrase)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(phrase)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		first, _ := utf8.DecodeRuneInString(phrase)
		last, _ := utf8.DecodeLastRuneInString(phrase)
		if !(start > 0 && textnorm.IsLatinWordRune(first) && textnorm.IsLatinWordRune(before)) && !(end < len(s) && textnorm.IsLatinWordRune(last) && textnorm.IsLatinWordRune(after)) {
			return true
		}
		i = start + 1
	}
}

// otherPointsCovered returns the points, among those the first answer
// missed, that a reply to the follow-up covers besides the one it asked
// about (asked about a second point, a person often answers with a third).
// The follow-up is still graded on its own point; these are only named.
func otherPointsCovered(g Grader, q *bank.Question, fu bot.FollowUp, missed []string, reply string) []string {
	others := map[string]bool{}
	for _, m := range missed {
		if m != fu.Point {
			others[m] = true
		}
	}
	var pts []bank.KeyPoint
	for _, a := range q.Answers() {
		for _, p := range a.KeyPoints {
			if others[p.Text] {
				pts = append(pts, p)
				delete(others, p.Text)
			}
		}
	}
	if len(pts) == 0 {
		return nil
	}
	res := g.Grade(&bank.Question{ID: q.ID + "#follow-up-others", Prompt: q.Prompt, Answer: bank.Answer{Text: q.Answer.Text, KeyPoints: pts}}, reply)
	var covered []string
	for _, p := range res.Covered {
		covered = append(covered, p.Text)
	}
	return covered
}

// quoteList quotes each point as the language does (“a”, 「a」) and joins
// them.
func quoteList(tn *turn, points []string) string {
	qs := make([]string, len(points))
	for i, p := range points {
		qs[i] = tn.t("interview.point_quoted", p)
	}
	return strings.Join(qs, tn.t("list.sep"))
}
