package bot

import (
	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot/speech"
)

// NotesLang returns the interface language the notes call for when none is
// configured: "en" when most questions are in English (their prompt and
// reference mostly words, not Chinese characters), else "zh".
func NotesLang(b *bank.Bank) string {
	english := 0
	qs := b.Questions()
	for _, q := range qs {
		if speech.UnitOf(q.Prompt+"\n"+q.Answer.Text) == speech.Words {
			english++
		}
	}
	if english*2 > len(qs) {
		return "en"
	}
	return "zh"
}
