package bot

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
)

// referenceRunes is how much of a missed point's reference sentence the
// feedback quotes.
const referenceRunes = 60

// feedbackReply is the compact message a person reads after answering:
// the coverage line, covered / partly covered / missed points (missed ones
// with where they stand in the reference), the reference answer (inline
// when short, behind a button when long), the outline, and rating buttons
// with the suggested one marked.
func (b *Bot) feedbackReply(tn *turn, q *bank.Question, res grade.Result, att Attempt, card ReviewCard) Reply {
	t, long := feedbackBody(tn, q, res, b.cfg.InlineAnswerRunes)
	loc := b.zoneFor(tn.chat, tn.user)
	t.Blank()
	t.Add(I(tn.tf("下次复习：%s（按建议评分「%s」；点下面可改）", "Next review: %s (rated “%s” as suggested; tap below to change)",
		formatWhen(tn, card.Card.Due, tn.now, loc), ratingLabel(tn, res.Rating))))
	buttons := [][]Button{ratingButtons(tn, att.ID, res.Rating)}
	if long {
		buttons = append(buttons, []Button{{Label: tn.t("📖 参考答案", "📖 Reference answer"), Action: "ref:" + q.ID + ":" + strconv.Itoa(res.Variant)}})
	}
	buttons = append(buttons, []Button{nextButton(tn)})
	return Reply{Text: t, Buttons: buttons, Private: tn.chat.Kind != Private, ReplyTo: tn.ev.MessageID, Kind: KindFeedback}
}

// Feedback returns the feedback on a graded reply in lang ("zh" or "en"):
// what a chat shows after an answer, without the review line and buttons.
// A reference answer longer than inlineRunes is left out (a chat shows it
// behind a button).
func Feedback(lang string, q *bank.Question, res grade.Result, inlineRunes int) Text {
	t, _ := feedbackBody(&turn{lang: lang}, q, res, inlineRunes)
	return t
}

// feedbackBody builds the feedback text and reports whether the reference
// answer was too long to include.
func feedbackBody(tn *turn, q *bank.Question, res grade.Result, inlineRunes int) (Text, bool) {
	var t Text
	t.Add(B(tn.tf("📊 覆盖 %d/%d · %d%%", "📊 Covered %d/%d · %d%%", len(res.Covered), res.Total(), percent(res.Coverage))),
		P(partialNote(tn, len(res.Partial))))
	if res.Label != "" {
		t.Add(I(tn.tf("按「%s」这版参考答案评分", "Graded against the “%s” answer", res.Label)))
	}
	if res.DontKnow {
		t.Add(P(tn.t("🤔 没关系，答不上来的题最值得练：先看漏掉的要点和参考答案，到复习时再试一次。", "🤔 That's fine — the questions you can't answer are the ones worth practising. Read the missed points and the reference; it will come back for review.")))
	}
	if res.LanguageMismatch() {
		t.Add(P(languageNote(tn, res.ReplyLang, res.NotesLang)))
	} else if res.OffTopic {
		t.Add(P(tn.t("⚠️ 这个回答和这道题的参考答案几乎没有交集——是不是在回答另一道题？", "⚠️ This reply has almost nothing in common with the reference — is it an answer to another question?")))
	}
	if res.Truncated {
		t.Add(I(tn.tf("（回答太长，只评了前 %d 个字）", "(The reply is very long; only its first %d characters were graded.)", grade.MaxReplyRunes)))
	}
	if res.InvalidUTF8 {
		t.Add(I(tn.t("（回答里有无法识别的字节，已忽略）", "(Some bytes of the reply were not valid text and were ignored.)")))
	}
	sep := tn.t("、", ", ")
	if len(res.Covered) > 0 {
		t.Add(B(tn.t("✅ 答到：", "✅ Covered: ")), P(strings.Join(pointTexts(res.Covered), sep)))
	}
	if len(res.Partial) > 0 {
		t.Add(B(tn.t("◐ 部分：", "◐ Partly: ")), P(strings.Join(pointTexts(res.Partial), sep)))
	}
	if len(res.Missed) > 0 {
		t.Add(B(tn.t("❌ 漏掉：", "❌ Missed:")))
		for _, g := range groupByReference(res.Missed) {
			spans := []Span{P("• "), B(strings.Join(g.texts, sep))}
			if ref := excerpt(g.reference, g.texts[0], referenceRunes); ref != "" {
				spans = append(spans, P(" — "+ref))
			}
			t.Add(spans...)
		}
	}
	answer := q.Answer
	if res.Variant > 0 && res.Variant <= len(q.Variants) {
		answer = q.Variants[res.Variant-1]
	}
	t.Blank()
	if utf8.RuneCountInString(answer.Text) <= inlineRunes {
		t.Add(B(tn.t("📖 参考答案", "📖 Reference answer")))
		addAnswer(&t, answer)
		return t, false
	}
	if answer.Outline != "" {
		t.Add(B(tn.t("提纲：", "Outline: ")), P(strings.ReplaceAll(answer.Outline, "\n", " ")))
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
	name := func(lang string) string {
		if lang == "en" {
			return tn.t("英文", "English")
		}
		return tn.t("中文", "Chinese")
	}
	return tn.tf("🌐 你用%s回答，笔记是%s，对上的要点不多：评分只能对照常见术语的翻译。用%s再答一次会评得更准。",
		"🌐 You answered in %s and the notes are in %s, and little of it matched: the grader only bridges common terms between the two. Answering in %s grades more fairly.",
		name(reply), name(notes), name(notes))
}

func partialNote(tn *turn, partial int) string {
	if partial == 0 {
		return ""
	}
	return tn.tf(" · 部分 %d", " · %d partly", partial)
}

// addAnswer adds a reference answer as quoted lines, then its outline.
func addAnswer(t *Text, a bank.Answer) {
	for _, l := range strings.Split(a.Text, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		t.AddQuote(P(l))
	}
	if a.Outline != "" {
		t.Add(I("提纲 / Outline: " + strings.ReplaceAll(a.Outline, "\n", " ")))
	}
}

// ratingButtons are the four rating buttons with the suggested one marked.
func ratingButtons(tn *turn, attemptID uint64, suggested grade.Rating) []Button {
	row := make([]Button, 0, 4)
	for r := grade.Again; r <= grade.Easy; r++ {
		row = append(row, Button{
			Label:     ratingLabel(tn, r),
			Action:    fmt.Sprintf("rate:%d:%d", attemptID, r),
			Suggested: r == suggested,
		})
	}
	return row
}

func ratingLabel(tn *turn, r grade.Rating) string {
	switch r {
	case grade.Again:
		return tn.t("重来", "Again")
	case grade.Hard:
		return tn.t("困难", "Hard")
	case grade.Good:
		return tn.t("良好", "Good")
	default:
		return tn.t("简单", "Easy")
	}
}

func nextButton(tn *turn) Button {
	return Button{Label: tn.t("➡️ 下一题", "➡️ Next question"), Action: "next"}
}

// excerpt shortens a reference sentence to about n characters around the
// point it explains.
func excerpt(sentence, point string, n int) string {
	rs := []rune(strings.TrimSpace(sentence))
	if len(rs) <= n {
		return string(rs)
	}
	start := 0
	if i := strings.Index(sentence, strings.Split(point, "（")[0]); i > 0 {
		start = max(0, utf8.RuneCountInString(sentence[:i])-n/4)
	}
	end := min(len(rs), start+n)
	out := string(rs[start:end])
	if start > 0 {
		out = "…" + out
	}
	if end < len(rs) {
		out += "…"
	}
	return out
}

// formatWhen says when a time is, relative to now, in the person's zone:
// "今天 21:00", "明天 09:00", "11月28日（3天后）".
func formatWhen(tn *turn, at, now time.Time, loc *time.Location) string {
	a, n := at.In(loc), now.In(loc)
	days := int(time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, loc).Sub(time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)).Hours()/24 + 0.5)
	switch {
	case days <= 0:
		return tn.tf("今天 %s", "today %s", a.Format("15:04"))
	case days == 1:
		return tn.tf("明天 %s", "tomorrow %s", a.Format("15:04"))
	case tn.lang == "en":
		return fmt.Sprintf("%s (in %d days)", a.Format("Mon Jan 2"), days)
	default:
		return fmt.Sprintf("%d月%d日（%d天后）", a.Month(), a.Day(), days)
	}
}
