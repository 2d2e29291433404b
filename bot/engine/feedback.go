package engine

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/bot"
)

// referenceRunes is how much of a missed point's reference sentence the
// feedback quotes.
const referenceRunes = 60

// feedbackReply is the compact message a person reads after answering:
// the coverage line, covered / partly covered / missed points (missed ones
// with where they stand in the reference), the reference answer (inline
// when short, behind a button when long), the outline, and rating buttons
// with the suggested one marked.
func (b *Bot) feedbackReply(tn *turn, q *bank.Question, res grade.Result, att bot.Attempt, card bot.ReviewCard) bot.Reply {
	t, long := feedbackBody(tn, q, res, b.cfg.InlineAnswerRunes)
	b.addDelivery(tn, &t)
	loc := b.zoneFor(tn.chat, tn.user)
	t.Blank()
	t.Add(bot.I(tn.t("feedback.next_review_x_rated",
		formatWhen(tn, card.Card.Due, tn.now, loc), ratingLabel(tn, res.Rating))))
	if att.Hints > 0 {
		t.Add(bot.I(tn.t("feedback.n_hints_taken_suggested", att.Hints, ratingLabel(tn, ratingCap(q.Answer, att.Hints)))))
	}
	buttons := [][]bot.Button{ratingButtons(tn, att.ID, res.Rating)}
	if long {
		buttons = append(buttons, []bot.Button{{Label: tn.t("commands.reference_answer"), Action: "ref:" + q.ID + ":" + strconv.Itoa(res.Variant)}})
	}
	buttons = append(buttons, []bot.Button{nextButton(tn)})
	return bot.Reply{Text: t, Buttons: buttons, Private: tn.chat.Kind != bot.Private, ReplyTo: tn.ev.MessageID, Kind: bot.KindFeedback}
}

// Feedback returns the feedback on a graded reply in lang ("zh" or "en"):
// what a chat shows after an answer, without the review line and buttons.
// A reference answer longer than inlineRunes is left out (a chat shows it
// behind a button); inlineRunes <= 0 always includes it, as a terminal,
// which has no button, needs.
func Feedback(lang string, q *bank.Question, res grade.Result, inlineRunes int) bot.Text {
	t, _ := feedbackBody(&turn{lang: lang}, q, res, inlineRunes)
	return t
}

// feedbackBody builds the feedback text and reports whether the reference
// answer was too long to include.
func feedbackBody(tn *turn, q *bank.Question, res grade.Result, inlineRunes int) (bot.Text, bool) {
	var t bot.Text
	t.Add(bot.B(coverageLine(tn, res)))
	if res.Label != "" {
		t.Add(bot.I(tn.t("feedback.graded_against_x_answer", res.Label)))
	}
	if res.DontKnow {
		t.Add(bot.P(tn.t("feedback.dont_know")))
	}
	if res.LanguageMismatch() {
		t.Add(bot.P(languageNote(tn, res.ReplyLang, res.NotesLang)))
	} else if res.OffTopic {
		t.Add(bot.P(tn.t("feedback.off_topic")))
	} else if res.Vague {
		t.Add(bot.P(tn.t("feedback.vague")))
	}
	if res.Truncated {
		t.Add(bot.I(tn.t("feedback.truncated", grade.MaxReplyRunes)))
	}
	if res.InvalidUTF8 {
		t.Add(bot.I(tn.t("feedback.invalid_utf8")))
	}
	sep := tn.t("list.sep")
	if len(res.Covered) > 0 {
		t.Add(bot.B(tn.t("feedback.covered")), bot.P(strings.Join(pointTexts(res.Covered), sep)))
	}
	if len(res.Partial) > 0 {
		t.Add(bot.B(tn.t("feedback.partly")), bot.P(strings.Join(pointTexts(res.Partial), sep)))
	}
	if len(res.Missed) > 0 {
		t.Add(bot.B(tn.t("feedback.missed")))
		for _, g := range groupByReference(res.Missed) {
			spans := []bot.Span{bot.P("• "), bot.B(strings.Join(g.texts, sep))}
			if ref := excerpt(plainReference(g.reference, g.texts[0]), g.texts[0], referenceRunes); ref != "" {
				spans = append(spans, bot.P(" — "+ref))
			}
			t.Add(spans...)
		}
	}
	answer := q.Answer
	if res.Variant > 0 && res.Variant <= len(q.Variants) {
		answer = q.Variants[res.Variant-1]
	}
	if inlineRunes <= 0 || utf8.RuneCountInString(answer.Text) <= inlineRunes {
		t.Blank()
		t.Add(bot.B(tn.t("commands.reference_answer")))
		addAnswer(tn, &t, answer)
		return t, false
	}
	if answer.Outline != "" {
		t.Blank()
		t.Add(bot.B(tn.t("feedback.outline")), bot.P(strings.ReplaceAll(answer.Outline, "\n", " ")))
	}
	return t, true
}

// missedGroup is the missed points that come from one sentence of the
// reference: the sentence is shown once, after all of them.
type missedGroup struct {
	texts     []string
	reference string
}

// groupByReference gathers missed points by their reference sentence,
// in the order the first of each appears.
func groupByReference(ps []grade.Point) []missedGroup {
	var out []missedGroup
	at := map[string]int{}
	for _, p := range ps {
		if i, ok := at[p.Reference]; ok && p.Reference != "" {
			out[i].texts = append(out[i].texts, p.Text)
			continue
		}
		at[p.Reference] = len(out)
		out = append(out, missedGroup{texts: []string{p.Text}, reference: p.Reference})
	}
	return out
}

// languageNote says that the reply is in another language than the notes
// and that little of it matched, so a low score is not taken for a verdict
// on the content.
func languageNote(tn *turn, reply, notes string) string {
	name := func(lang string) string { return tn.t("language." + lang) }
	return tn.t("feedback.other_language", name(reply), name(notes), name(notes))
}

func partialNote(tn *turn, partial int) string {
	if partial == 0 {
		return ""
	}
	return tn.t("feedback.n_partly", partial)
}

// coverageLine is the line that sums a grade up: how many key points of
// how many were covered, how many partly, and the coverage, which counts a
// partly covered point as half ("📊 1 of 6 key points covered, 1 partly ·
// 25%").
func coverageLine(tn *turn, res grade.Result) string {
	return tn.t("feedback.coverage", res.Total(), len(res.Covered), partialNote(tn, len(res.Partial)), percent(res.Coverage))
}

// addAnswer adds a reference answer as quoted lines, then its outline.
func addAnswer(tn *turn, t *bot.Text, a bank.Answer) {
	for _, l := range strings.Split(a.Text, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		t.AddQuote(bot.P(l))
	}
	if a.Outline != "" {
		t.Add(bot.I(tn.t("feedback.outline") + strings.ReplaceAll(a.Outline, "\n", " ")))
	}
}

// ratingButtons are the four rating buttons with the suggested one marked.
func ratingButtons(tn *turn, attemptID uint64, suggested grade.Rating) []bot.Button {
	row := make([]bot.Button, 0, 4)
	for r := grade.Again; r <= grade.Easy; r++ {
		row = append(row, bot.Button{
			Label:     ratingLabel(tn, r),
			Action:    fmt.Sprintf("rate:%d:%d", attemptID, r),
			Suggested: r == suggested,
		})
	}
	return row
}

// RatingName is a review rating's name in lang.
func RatingName(lang string, r grade.Rating) string { return ratingLabel(&turn{lang: lang}, r) }

func ratingLabel(tn *turn, r grade.Rating) string {
	switch r {
	case grade.Again:
		return tn.t("rating.again")
	case grade.Hard:
		return tn.t("rating.hard")
	case grade.Good:
		return tn.t("rating.good")
	default:
		return tn.t("rating.easy")
	}
}

func nextButton(tn *turn) bot.Button {
	return bot.Button{Label: tn.t("feedback.next_question"), Action: "next"}
}

// excerpt shortens a reference sentence to about n characters around the
// point it explains, never cutting a Latin word in two.
func excerpt(sentence, point string, n int) string {
	sentence = strings.TrimSpace(sentence)
	rs := []rune(sentence)
	if len(rs) <= n {
		return sentence
	}
	start := 0
	if i := strings.Index(sentence, strings.Split(point, "（")[0]); i > 0 {
		start = max(0, utf8.RuneCountInString(sentence[:i])-n/4)
	}
	end := min(len(rs), start+n)
	start, end = wordBoundary(rs, start, +1), wordBoundary(rs, end, -1)
	if end <= start { // one word longer than the excerpt
		start, end = max(0, start-n), min(len(rs), start)
	}
	out := strings.TrimSpace(string(rs[start:end]))
	if start > 0 {
		out = "…" + out
	}
	if end < len(rs) {
		out += "…"
	}
	return out
}

// wordBoundary moves a cut at rune i of rs that falls inside a Latin word
// (or number) to the word's end (dir +1) or start (dir -1), at most 20
// runes away; a cut between CJK characters, or at a space, stays.
func wordBoundary(rs []rune, i, dir int) int {
	inWord := func(j int) bool {
		return j > 0 && j < len(rs) && isWordRune(rs[j-1]) && isWordRune(rs[j])
	}
	for k := 0; k < 20 && inWord(i); k++ {
		i += dir
	}
	if inWord(i) {
		return i - 20*dir
	}
	return i
}

// isWordRune reports whether r is part of a Latin word or a number.
func isWordRune(r rune) bool {
	return unicode.IsDigit(r) || unicode.Is(unicode.Latin, r)
}

// formatWhen says when a time is, relative to now, in the person's zone:
// "今天 21:00", "明天 09:00", "11月28日（3天后）".
func formatWhen(tn *turn, at, now time.Time, loc *time.Location) string {
	a, n := at.In(loc), now.In(loc)
	days := int(time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, loc).Sub(time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)).Hours()/24 + 0.5)
	switch {
	case days <= 0:
		return tn.t("feedback.today_x", a.Format("15:04"))
	case days == 1:
		return tn.t("feedback.tomorrow_x", a.Format("15:04"))
	default:
		return tn.t("when.in_days", days, int(a.Month()), a.Day(), a.Format("Mon Jan 2"))
	}
}
