package bank

import (
	"strings"
	"unicode/utf8"
)

// hardFillers are hesitation sounds that polished writing never contains.
// 额 counts only before a pause: alone it is also the 额 of 额外 and 额度.
var hardFillers = []string{"呃", "嗯", "额，", "额,", "额…", "唔"}

// softFillers are words a speaker leans on; polished text has a few, a
// transcript is dense with them.
var softFillers = []string{"就是", "然后", "那么", "其实", "可能", "这个", "那个", "一个", "的话", "对吧", "反正", "哎", "嘛", "比如说", "相当于", "说白了"}

// fillerStats counts the fillers in s.
type fillerStats struct {
	hard, soft, runes int
}

func countFillers(s string) fillerStats {
	st := fillerStats{runes: utf8.RuneCountInString(s)}
	for _, f := range hardFillers {
		st.hard += strings.Count(s, f)
	}
	for _, f := range softFillers {
		st.soft += strings.Count(s, f)
	}
	return st
}

// softDensity is soft fillers per hundred characters.
func (st fillerStats) softDensity() float64 {
	if st.runes == 0 {
		return 0
	}
	return float64(st.soft) * 100 / float64(st.runes)
}

// spoken reports whether a paragraph reads as a spoken transcript.
func (st fillerStats) spoken() bool {
	switch {
	case st.hard >= 2:
		return true
	case st.hard == 1 && (st.runes < 80 || st.softDensity() >= 3):
		return true
	default:
		return st.soft >= 6 && st.softDensity() >= 5
	}
}

// polished reports whether a paragraph clearly reads as written text, which
// ends a run of transcript.
func (st fillerStats) polished() bool {
	return st.hard == 0 && st.softDensity() < 3
}

// isFiller reports whether s is nothing but filler words: it can never be a
// key point.
func isFiller(s string) bool {
	for _, r := range s {
		if !fillerRunes[r] {
			return false // a character no filler has: not only fillers
		}
	}
	t := fillerRemover.Replace(strings.TrimSpace(s))
	t = strings.Trim(t, " ，,。.、啊呀吧呢对")
	return t == ""
}

// fillerRunes holds every character of the fillers and of what isFiller
// trims.
var fillerRunes = func() map[rune]bool {
	m := map[rune]bool{}
	for _, f := range append(append([]string{" ，,。.、啊呀吧呢对\t\n"}, hardFillers...), softFillers...) {
		for _, r := range f {
			m[r] = true
		}
	}
	return m
}()

// fillerRemover deletes every filler word; built once, read-only.
var fillerRemover = func() *strings.Replacer {
	var pairs []string
	for _, f := range append(append([]string{}, hardFillers...), softFillers...) {
		pairs = append(pairs, f, "")
	}
	return strings.NewReplacer(pairs...)
}()
