package bot

import (
	"strings"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot/i18n"
	"github.com/interviewbot/interviewbot/bot/speech"
)

// NotesLang returns the interface language the notes call for when none is
// configured: "en" when most questions are in English (their prompt and
// reference mostly words, not Chinese characters), else "zh".
func NotesLang(b *bank.Bank) string {
	english := 0
	qs := b.Questions()
	for _, q := range qs {
		if QuestionLang(q) == "en" {
			english++
		}
	}
	if english*2 > len(qs) {
		return "en"
	}
	return "zh"
}

// QuestionLang returns the language one question is written in: "en"
// when its prompt and reference are mostly words, not Chinese characters,
// else "zh".
func QuestionLang(q *bank.Question) string {
	if speech.UnitOf(q.Prompt+"\n"+q.Answer.Text) == speech.Words {
		return "en"
	}
	return "zh"
}

// MatchLang returns the catalog language a platform's language tag
// ("zh-hans", "en-US", "pt-BR") calls for: the catalog's language of that
// base, else the fallback (English); "" for no tag.
func MatchLang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if tag == "" {
		return ""
	}
	base, _, _ := strings.Cut(strings.ReplaceAll(tag, "_", "-"), "-")
	if i18n.Default().Has(base) {
		return base
	}
	return i18n.Fallback
}
