package bank

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bank/lexicon"
	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// TestCorpusKeyPoints checks the key points the bank picks from the words
// of the real notes of testdata/corpus (one per idea, or for an outline
// step):
// no English point is a function word, a bare verb, adverb or participle,
// or opens or ends on a function word; no Chinese point ends on a
// character cut from its word. With -v it prints the systematic sample of
// 100 points that docs/NOTES.md judges by hand.
func TestCorpusKeyPoints(t *testing.T) {
	b, _ := Load(Input{FS: os.DirFS("testdata/corpus")})
	lex := lexicon.Default()
	var all []string
	for _, q := range b.Questions() {
		for _, a := range q.Answers() {
			for _, kp := range a.KeyPoints {
				if kp.Origin == OriginChecklist {
					continue
				}
				all = append(all, fmt.Sprintf("%s\t%s\t%s", kp.Origin, kp.Text, clipPrompt(q.Prompt)))
				if kp.Origin != OriginTerm && kp.Origin != OriginOutline {
					continue // the author's marks and list names, read as written
				}
				if msg := fragmentReason(lex, kp.Text); msg != "" {
					t.Errorf("%q: key point %q %s", clipPrompt(q.Prompt), kp.Text, msg)
				}
			}
		}
	}
	t.Logf("%d key points the notes did not list; a sample of 100:", len(all))
	for i := range min(100, len(all)) {
		t.Logf("%d\t%s", i+1, all[i*len(all)/min(100, len(all))])
	}
}

// fragmentReason says why a point is a fragment, or "".
func fragmentReason(lex *lexicon.Lexicon, text string) string {
	if !mostlyLatin(text) {
		if endsOnCutChar(text) {
			return "ends on a character cut from its word"
		}
		return ""
	}
	words := strings.Fields(text)
	first, last := strings.ToLower(words[0]), strings.ToLower(words[len(words)-1])
	if len(words) == 1 && lex.IsEnglishStopWord(first) && strings.ToLower(text) == text {
		return "is a stop word"
	}
	if len(words) == 1 && strings.ToLower(text) == text && !strings.Contains(text, "-") && lex.EnglishPOS(first).Tagged && lex.EnglishPOS(first).Dominant() != lexicon.Noun {
		return "is a bare verb, adjective or adverb"
	}
	for _, w := range []string{first, last} {
		if textnorm.IsStopWord(w) || englishFunctionWords[w] {
			return "opens or ends on a function word"
		}
	}
	return ""
}

func clipPrompt(p string) string {
	p = strings.ReplaceAll(p, "\n", " ")
	if r := []rune(p); len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return p
}
