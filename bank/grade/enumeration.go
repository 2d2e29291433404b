package grade

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// listCuesZH are the words of a Chinese prompt that asks for a list: 有哪些,
// 哪几种, 分类, 特性. A numeral before 种 or 类 (四种隔离级别) asks too.
var listCuesZH = []string{"哪些", "哪几", "几种", "几类", "几个方面", "分类", "类型", "种类", "特性", "特点", "列举", "包括什么", "包含什么"}

// listCuesEN are the phrases of an English prompt that asks for a list.
var listCuesEN = []string{"what are the", "what are some", "which are the", "types of", "kinds of", "list ", "name the", "name some", "name a few", "enumerate"}

// asksForList reports whether a prompt asks for an enumeration: naming the
// items of the answer's list is then answering it.
func asksForList(prompt string) bool {
	for _, c := range listCuesZH {
		if strings.Contains(prompt, c) {
			return true
		}
	}
	rs := []rune(prompt)
	for i := 1; i < len(rs); i++ {
		if (rs[i] == '种' || rs[i] == '类') && isNumeral(rs[i-1]) {
			return true
		}
	}
	lower := strings.ToLower(prompt)
	for _, c := range listCuesEN {
		if strings.HasPrefix(lower, c) || strings.Contains(lower, " "+c) {
			return true
		}
	}
	return false
}

func isNumeral(r rune) bool {
	return r >= '0' && r <= '9' || strings.ContainsRune("一二三四五六七八九十两几多", r)
}

// itemNames returns the compact names the list items of an answer open
// with.
func itemNames(a bank.Answer) map[string]bool {
	names := map[string]bool{}
	for _, n := range bank.ItemNames(a.Text) {
		if c := textnorm.Compact(n); c != "" {
			names[c] = true
		}
	}
	return names
}

// isItemName reports whether a key point is one of the names: its text or
// an alias is the name an item opens with.
func isItemName(kp bank.KeyPoint, names map[string]bool) bool {
	for _, w := range append([]string{kp.Text}, kp.Aliases...) {
		if names[textnorm.Compact(w)] {
			return true
		}
	}
	return false
}

// countCuesZH and countCuesEN mark a prompt that asks for a number: its
// answer's figure (3 到 4 个新进工单) is what an interviewer checks.
var (
	countCuesZH = []string{"多少", "几次", "多久", "多长时间"}
	countCuesEN = []string{"how many", "how much", "how long", "how often"}
)

// asksForCount reports whether a prompt asks for a number.
func asksForCount(prompt string) bool {
	lower := strings.ToLower(prompt)
	for _, cues := range [][]string{countCuesZH, countCuesEN} {
		for _, c := range cues {
			if strings.Contains(lower, c) {
				return true
			}
		}
	}
	return false
}

// figureUnits returns the units of the numbers a point states (3 and 4 of
// "3 到 4 个新进工单"), nil when it states none. A number in a name or a
// version (K8s, ADP 3.0) is no figure.
func figureUnits(text string) []textnorm.Unit {
	var out []textnorm.Unit
	rs := []rune(text)
	for i := 0; i < len(rs); {
		if !unicode.IsDigit(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && unicode.IsDigit(rs[j]) {
			j++
		}
		inName := i > 0 && (unicode.IsLetter(rs[i-1]) && rs[i-1] < utf8.RuneSelf || rs[i-1] == '.') ||
			j < len(rs) && (unicode.IsLetter(rs[j]) && rs[j] < utf8.RuneSelf || rs[j] == '.')
		if u := textnorm.LatinUnit(string(rs[i:j])); u != "" && !inName {
			out = append(out, textnorm.WordUnit(u))
		}
		i = j
	}
	return out
}
