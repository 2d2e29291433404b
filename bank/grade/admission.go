package grade

import (
	"strings"
	"unicode/utf8"
)

// maxAdmissionRunes bounds what can count as an admission: past a dozen
// characters a reply says more than "I don't know". Latin letters count a
// quarter each, as an English word says what one or two characters do.
const maxAdmissionRunes = 12

// isAdmission reports whether a reply, in its compact form (folded, no
// spaces or punctuation), only says that the person does not know the
// answer: "不知道", "我忘了", "没了解过", "没做过这块", "idk", "no idea",
// "I've never used it", or a few of them in a row ("不知道，没了解过").
// Such a reply is not an answer to another question, and the feedback
// should say so kindly instead of warning that it is off topic. A longer
// statement that only contains such words ("没做过分片，但做过主从复制")
// is an answer.
func isAdmission(compact string) bool {
	if compact == "" || admissionLength(compact) > maxAdmissionRunes {
		return false
	}
	return admits(compact, 0, map[string]int{})
}

// admissionLength is the length of compact with Latin letters and digits
// counted a quarter each.
func admissionLength(compact string) int {
	var ascii, other int
	for _, r := range compact {
		if r < utf8.RuneSelf {
			ascii++
		} else {
			other++
		}
	}
	return other + (ascii+3)/4
}

// maxAdmissionDepth bounds the recursion of admits; a compact reply of at
// most a dozen characters never needs more.
const maxAdmissionDepth = 16

// admits reports whether s is made of admissions and the softeners around
// them only. Every way to read it is tried: "idk" must match before "i" is
// taken for "I". failed holds the least depth at which each part read was
// found to be none: cut from both ends ("iiii…itit"), the same part is
// reached along many paths, and trying it again at that depth or deeper
// (with less room left) cannot succeed.
func admits(s string, depth int, failed map[string]int) bool {
	if s == "" || depth > maxAdmissionDepth {
		return false
	}
	if d, ok := failed[s]; ok && d <= depth {
		return false
	}
	if isAdmissionCore(s) {
		return true
	}
	for _, c := range admissionCores {
		if rest, ok := strings.CutPrefix(s, c); ok && admits(rest, depth+1, failed) {
			return true
		}
	}
	for _, p := range admissionPrefixes {
		if rest, ok := strings.CutPrefix(s, p); ok && admits(rest, depth+1, failed) {
			return true
		}
	}
	for _, x := range admissionSuffixes {
		if rest, ok := strings.CutSuffix(s, x); ok && admits(rest, depth+1, failed) {
			return true
		}
	}
	failed[s] = depth
	return false
}

// admissionPrefixes are the words that can come before an admission
// ("我", "之前", "sorry", "I've") without making it an answer.
var admissionPrefixes = []string{"我", "真的", "真", "确实", "实在", "完全", "还是", "还", "暂时", "也", "这题", "这个", "这块",
	"之前", "以前", "平时", "目前", "工作中", "对这个", "对这块", "对",
	"sorry", "抱歉", "i", "ive", "im", "honestly", "really", "actually"}

// admissionSuffixes are the words that can come after one: particles and
// what it is about ("这块", "这方面", "it", "this").
var admissionSuffixes = []string{"了", "啊", "呢", "呀", "哎", "诶", "额", "呃", "嗯", "哈", "吧", "这题", "这个", "这块", "这方面",
	"这种", "这些", "相关的", "相关", "sorry", "it", "this", "that", "yet", "atall", "about", "with"}

// admissionCores are the usual ways to say "I don't know" or "I have
// never met it", without softeners.
var admissionCores = []string{"不知道", "不晓得", "不知", "不造", "不会", "不太会", "不懂", "不太懂", "不清楚", "不太清楚", "不了解", "不太了解",
	"不熟", "不太熟", "不熟悉", "不太熟悉", "不记得", "忘", "忘记", "想不起来", "想不起", "没思路", "没有思路", "答不上来", "答不出来",
	"没学过", "没了解过", "没接触过", "没做过", "没用过", "没碰过", "没研究过", "没遇到过", "没听说过", "没听过", "没看过",
	"没有学过", "没有了解过", "没有接触过", "没有做过", "没有用过", "没有研究过", "没有遇到过", "没有听说过", "没经验", "没有经验",
	"idk", "dontknow", "donotknow", "dunno", "noidea", "havenoidea", "notsure", "forgot", "pass", "noclue",
	"neverused", "neverworkedwith", "neverheardof", "nevertried", "nevertouched", "neverlearned", "neverlearnt", "neverdone",
	"haventused", "haventworkedwith", "haventheardof", "haventtried", "haventlearned", "haventdone",
	"notfamiliarwith", "notfamiliar", "noexperience", "noexperiencewith", "dontremember", "cantremember"}

// isAdmissionCore reports whether s, stripped of softeners, is one of the
// usual ways to say "I don't know".
func isAdmissionCore(s string) bool {
	for _, c := range admissionCores {
		if s == c {
			return true
		}
	}
	return false
}
