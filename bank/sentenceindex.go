package bank

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// sentenceIndex is an answer's text cut into sentences once, so that each
// key point finds its sentence without cutting the whole answer again: a
// long answer has many points, and cutting it for each made loading grow
// with the square of its length.
type sentenceIndex struct {
	text  string
	spans []textnorm.Span
	// compact holds the compact form of the sentences a search has read so
	// far, in order: a point is usually found near the start.
	compact []string
}

// newSentenceIndex cuts text into sentences.
func newSentenceIndex(text string) *sentenceIndex {
	if !utf8.ValidString(text) {
		text = string([]rune(text)) // as textnorm.Sentences reads it
	}
	return &sentenceIndex{text: text, spans: textnorm.SentenceSpans(text)}
}

func (x *sentenceIndex) sentence(i int) string {
	return x.text[x.spans[i].Start:x.spans[i].End]
}

func (x *sentenceIndex) compactAt(i int) string {
	for len(x.compact) <= i {
		x.compact = append(x.compact, textnorm.Compact(x.sentence(len(x.compact))))
	}
	return x.compact[i]
}

// of returns the first sentence that contains the key point (or one of
// its aliases), or "".
//
// A sentence that is hardly more than the point ("第三，一致性保障。") says
// nothing about it, so the next sentence comes along.
func (x *sentenceIndex) of(kp KeyPoint) string {
	var needles []string
	for _, n := range append([]string{kp.Text}, kp.Aliases...) {
		if cn := textnorm.Compact(n); cn != "" {
			needles = append(needles, cn)
		}
	}
	if len(needles) == 0 {
		return ""
	}
	for i := range x.spans {
		cs := x.compactAt(i)
		for _, cn := range needles {
			if !strings.Contains(cs, cn) {
				continue
			}
			if utf8.RuneCountInString(cs)-utf8.RuneCountInString(cn) < 6 && i+1 < len(x.spans) {
				return x.sentence(i) + x.sentence(i+1)
			}
			return x.sentence(i)
		}
	}
	return ""
}

// at returns the sentence that holds byte offset off of the text, or ""
// when off falls between sentences.
func (x *sentenceIndex) at(off int) string {
	i := sort.Search(len(x.spans), func(i int) bool { return x.spans[i].End > off })
	if i < len(x.spans) && x.spans[i].Start <= off {
		return x.sentence(i)
	}
	return ""
}
