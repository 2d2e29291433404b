package grade

import (
	"strings"
	"unicode/utf8"
)

// maxAdmissionRunes bounds what can count as an admission: past a dozen
// characters a reply says more than "I don't know".
const maxAdmissionRunes = 12

// isAdmission reports whether a reply, in its compact form (folded, no
// spaces or punctuation), only says that the person does not know the
// answer: "不知道", "我忘了", "想不起来了", "idk", "no idea". Such a reply
// is not an answer to another question, and the feedback should say so
// kindly instead of warning that it is off topic.
func isAdmission(compact string) bool {
	if compact == "" || utf8.RuneCountInString(compact) > maxAdmissionRunes {
		return false
	}
	// Peel the softeners around the admission one at a time, checking
	// each form: "idk" must match before "i" is taken for "I".
	for core := compact; ; {
		if isAdmissionCore(core) {
			return true
		}
		rest := trimSoftener(core)
		if rest == core || rest == "" {
			return false
		}
		core = rest
	}
}

// trimSoftener removes one leading or trailing word that softens an
// admission ("我", "真的", "了", "啊", "sorry"), or returns s unchanged.
func trimSoftener(s string) string {
	for _, p := range []string{"我", "真的", "真", "确实", "实在", "完全", "还是", "还", "暂时", "也", "这题", "这个", "sorry", "抱歉", "i", "honestly"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest
		}
	}
	for _, x := range []string{"了", "啊", "呢", "呀", "哎", "诶", "额", "呃", "嗯", "哈", "这题", "这个", "sorry"} {
		if rest, ok := strings.CutSuffix(s, x); ok {
			return rest
		}
	}
	return s
}

// isAdmissionCore reports whether s, stripped of softeners, is one of the
// usual ways to say "I don't know".
func isAdmissionCore(s string) bool {
	switch s {
	case "不知道", "不晓得", "不知", "不造", "不会", "不太会", "不懂", "不太懂", "不清楚", "不太清楚", "不了解", "不太了解",
		"不记得", "忘", "忘记", "想不起来", "想不起", "没学过", "没思路", "没有思路", "答不上来", "答不出来",
		"idk", "dontknow", "donotknow", "dunno", "noidea", "havenoidea", "notsure", "forgot", "pass", "noclue":
		return true
	}
	return false
}
