package grade

import (
	"strings"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// stance is the side a reply or an answer takes on a yes/no question.
type stance int8

const (
	noStance stance = iota
	stanceYes
	stanceNo
)

// yesNoVerbsZH are the verbs of a Chinese yes/no question (能不能, 愿不愿意,
// 是否) whose answer opens with a stance: 可以, 愿意; 不能, 不会.
var yesNoVerbsZH = []string{"能不能", "能否", "可不可以", "可否", "愿不愿", "愿意不", "会不会", "接不接受", "是不是", "是否", "要不要", "肯不肯"}

// experienceCues mark a question about what one has lived (有没有遇到过,
// Have you ever…): its "yes" only opens the story the key points tell,
// and both dev sets judge a reply's 遇到过 to say none of them.
var experienceCues = []string{"有没有", "有无", "遇到", "碰到", "遇见", "经历", "做过", "用过", "have you", "did you", " ever ", "is there", "are there"}

// requestVerbsZH follow 能不能 or 可不可以 in a request to talk
// (能不能讲讲, 可不可以介绍一下): the answer is the talk, not a stance.
var requestVerbsZH = []string{"讲", "说", "谈", "聊", "介绍", "解释", "描述", "举", "简述", "分享", "列", "比较", "对比", "画"}

// yesNoOpenersEN open an English yes/no question (Can you…, Are you
// willing to…, Would you…).
var yesNoOpenersEN = []string{"can you", "could you", "are you", "would you", "will you", "do you", "is it", "does "}

// requestVerbsEN follow "can you" or "could you" in a request to talk.
var requestVerbsEN = []string{"explain", "describe", "tell", "walk", "give", "list", "name", "share", "talk", "compare", "introduce", "define", "summarize", "outline", "elaborate"}

// asksYesNo reports whether a prompt is a yes/no question whose answer
// opens with a stance that is part of it (能不能接受加班, 是否愿意出差, Are you
// willing to…). A request to talk (能不能讲讲…, Can you explain…) is none,
// and neither is a question about experience (有没有遇到过…).
func asksYesNo(prompt string) bool {
	lower := strings.ToLower(strings.TrimSpace(prompt))
	for _, c := range experienceCues {
		if strings.Contains(lower, c) {
			return false
		}
	}
	for _, v := range yesNoVerbsZH {
		if i := strings.Index(prompt, v); i >= 0 && !opensWithAny(strings.TrimSpace(prompt[i+len(v):]), requestVerbsZH) {
			return true
		}
	}
	for _, o := range yesNoOpenersEN {
		if strings.HasPrefix(lower, o) {
			return !opensWithAny(strings.TrimSpace(lower[len(o):]), requestVerbsEN)
		}
	}
	return false
}

func opensWithAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// yesIdiomsZH say yes with a negation inside (没问题: no problem).
var yesIdiomsZH = []string{"没问题", "没事", "没关系", "不成问题", "问题不大", "不介意"}

// stanceCharsZH are what a Chinese stance clause is made of besides the
// prompt's own words: the stance (可以, 愿意, 遇到过, 当然), its negation,
// and the particles and pronouns around it (我, 吧, 的).
const stanceCharsZH = "可以能行会愿意接受是对有过遇到碰见当然肯定确实一定也都还嗯呃啊吧的呀了啦哈我们实在太怎么类似情况这种样"

// stanceCoreZH are the characters that make a clause a stance at all: a
// clause of particles (嗯，) or the prompt's nouns (SA的方案) is none.
const stanceCoreZH = "可以能行会愿接受是对有过遇碰当肯确"

// negationsZH turn a Chinese stance to no.
const negationsZH = "不没无未否别"

// maxStanceRunes bounds a stance clause: 可以接受, 有遇到过, 确实有过类似的情况.
const maxStanceRunes = 10

// yesWordsEN and noWordsEN open an English stance clause (yes, I can; no,
// never).
var (
	yesWordsEN = []string{"yes", "yeah", "yep", "sure", "of course", "absolutely", "definitely", "certainly", "i can", "i have", "i do", "i would", "i am", "i'm willing", "i will", "i did"}
	noWordsEN  = []string{"no", "nope", "never", "not really", "i can't", "i cannot", "i haven't", "i have not", "i don't", "i do not", "i wouldn't", "i won't", "i didn't"}
)

// clauseStance reads the stance a clause takes on a yes/no question with
// that prompt: 可以接受 and 遇到过 are yes, 不能 and 没有 no, anything else
// none. A Chinese clause is a stance when it is short and made only of
// stance words, particles and the prompt's words.
func clauseStance(clause, prompt string) stance {
	c := strings.ToLower(textnorm.Compact(clause))
	prompt = strings.ToLower(prompt)
	if c == "" {
		return noStance
	}
	if st := englishStance(strings.ToLower(strings.TrimSpace(clause))); st != noStance {
		return st
	}
	if len([]rune(c)) > maxStanceRunes {
		return noStance
	}
	yes := false
	for _, idiom := range yesIdiomsZH {
		if strings.Contains(c, idiom) {
			c, yes = strings.ReplaceAll(c, idiom, ""), true
		}
	}
	core, negated := yes, false
	for _, r := range c {
		switch {
		case strings.ContainsRune(negationsZH, r):
			negated = true
		case strings.ContainsRune(stanceCoreZH, r):
			core = true
		case strings.ContainsRune(stanceCharsZH, r) || strings.ContainsRune(prompt, r):
		default:
			return noStance // a word the stance has no room for
		}
	}
	switch {
	case !core:
		return noStance
	case negated:
		return stanceNo
	}
	return stanceYes
}

// englishStance reads an English stance clause: a few words opening with
// yes or no (Yes, I can; No, never).
func englishStance(clause string) stance {
	if len(strings.Fields(clause)) > 4 {
		return noStance
	}
	opens := func(words []string) bool {
		for _, w := range words {
			if clause == w || strings.HasPrefix(clause, w+" ") || strings.HasPrefix(clause, w+",") || strings.HasPrefix(clause, w+".") || strings.HasPrefix(clause, w+"!") {
				return true
			}
		}
		return false
	}
	switch {
	case opens(noWordsEN):
		return stanceNo
	case opens(yesWordsEN):
		return stanceYes
	}
	return noStance
}

// replyStance reads the stance a reply opens with, and reports whether it
// goes on to say something: a bare stance (可以吧) is no answer, and earns
// nothing from it.
func replyStance(text, prompt string) (st stance, more bool) {
	clauses := splitClauses(text)
	if len(clauses) == 0 {
		return noStance, false
	}
	st = clauseStance(clauses[0], prompt)
	for _, c := range clauses[1:] {
		if len([]rune(textnorm.Compact(c))) >= 2 {
			more = true
		}
	}
	return st, more
}

// negatedVerbs say no in a clause that answers by telling (HashMap 不是
// 线程安全的, 我不太能接受长期加班); 不可 alone is none (不可避免 says yes).
var negatedVerbs = []string{"不是", "不能", "不会", "不愿", "不接受", "不要", "不可以", "不行", "没有", "无法", "不太", "并不", "从不", "not ", "n't", "never", "cannot"}

// saysNo reports whether a clause that is no stance of its own says no.
func saysNo(clause string) bool {
	c := strings.ToLower(clause)
	for _, v := range negatedVerbs {
		if strings.Contains(c, v) {
			return true
		}
	}
	return strings.HasPrefix(strings.TrimSpace(c), "no ")
}

// notesStance reads the stance the notes' answer takes, and the key point
// that states it. An answer that opens with a stance (确实有过类似的情况)
// takes it; any other opening answers by telling, and says no when it
// negates (HashMap 不是线程安全的), yes otherwise (我理解…加班是不可避免的).
// The point is the first whose evidence holds the opening clause; -1 when
// none does (确实有过类似的情况。 as a sentence of its own states no point,
// and crediting the story's first point for it disagreed with the
// judgments).
func notesStance(a bank.Answer, prompt string, spans, wide []string) (stance, int) {
	clauses := splitClauses(a.Text)
	if len(clauses) == 0 || len(a.KeyPoints) == 0 {
		return noStance, -1
	}
	st := clauseStance(clauses[0], prompt)
	if st == noStance {
		st = stanceYes
		if saysNo(clauses[0]) {
			st = stanceNo
		}
	}
	opening := textnorm.Compact(clauses[0])
	for i := range a.KeyPoints {
		if strings.Contains(textnorm.Compact(spans[i]), opening) || strings.Contains(textnorm.Compact(wide[i]), opening) {
			return st, i
		}
	}
	return st, -1
}

// creditStance partly covers the point that states the answer's stance
// when a reply that goes on past its stance takes the same side (可以接受，
// 忙的时候加班没问题 to 能不能接受加班): the stance is half of that point.
func creditStance(a answerPoints, said stance, points []Point, credits []float64) {
	if said == noStance || said != a.stance || a.stancePoint < 0 {
		return
	}
	if i := a.stancePoint; points[i].Status == Missed {
		points[i].Status, credits[i] = Partial, 0.5
	}
}
