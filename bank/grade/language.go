package grade

import (
	"strings"
	"unicode"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// wordsPerCJKChar is how many words a CJK character counts for when a
// text's language is told: a Chinese word is about two characters.
const wordsPerCJKChar = 0.5

// languageCounts counts what tells a text's language: its Latin words (a
// run of letters and digits with at least one letter; numbers are neither
// language) and its CJK characters. HTML tags are left out, so
// `<b>SYN</b>` is one English word, not three. Latin is counted by words,
// not letters: `TCP 面向连接，UDP 无连接` is Chinese with two acronyms.
func languageCounts(text string) (latinWords, cjkChars int) {
	return countLanguage(textnorm.Tokens(withoutTags(text)))
}

// countLanguage is languageCounts over a text's tokens.
func countLanguage(toks []textnorm.Token) (latinWords, cjkChars int) {
	for _, t := range toks {
		if t.CJK {
			cjkChars += len([]rune(t.Text))
			continue
		}
		if strings.IndexFunc(t.Text, unicode.IsLetter) >= 0 {
			latinWords++
		}
	}
	return latinWords, cjkChars
}

// isEnglish tells a text's language from languageCounts: English when its
// Latin words outnumber its Chinese words (about two characters each).
func isEnglish(latinWords, cjkChars int) bool {
	return float64(latinWords) > float64(cjkChars)*wordsPerCJKChar
}

// withoutTags returns text with its HTML tags (`<b>`, `</script>`, `<br/>`)
// replaced by spaces. A `<` that opens no tag (`a < b`) is kept.
func withoutTags(text string) string {
	if !strings.Contains(text, "<") {
		return text
	}
	var sb strings.Builder
	for {
		i := strings.IndexByte(text, '<')
		if i < 0 {
			sb.WriteString(text)
			return sb.String()
		}
		n := tagLen(text[i:])
		if n == 0 {
			sb.WriteString(text[:i+1])
			text = text[i+1:]
			continue
		}
		sb.WriteString(text[:i])
		sb.WriteByte(' ')
		text = text[i+n:]
	}
}

// tagLen returns the length of the HTML tag s opens with (`<b>`,
// `</script>`, `<a href="x">`), or 0 when s opens no tag.
func tagLen(s string) int {
	j := 1
	if j < len(s) && s[j] == '/' {
		j++
	}
	if j >= len(s) || !isASCIILetter(s[j]) {
		return 0
	}
	end := strings.IndexAny(s[j:], "<>\n")
	if end < 0 || s[j+end] != '>' {
		return 0
	}
	return j + end + 1
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
