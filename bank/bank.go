package bank

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// Bank is a loaded question bank. It is read-only after Load (or after
// Loading.Complete) and safe for concurrent use.
type Bank struct {
	questions []*Question
	byID      map[string]*Question
	topics    []string
	files     []string
	// keyPoints is closed once every answer has its key points.
	keyPoints chan struct{}
}

// WaitKeyPoints returns once every answer of the bank has its key points:
// at once for a bank from Load, after Loading.Complete for one from
// LoadQuestions. Whatever reads key points, or hands questions to code
// that may, calls it first.
func (b *Bank) WaitKeyPoints() {
	if b.keyPoints != nil {
		<-b.keyPoints
	}
}

// newBank indexes questions by ID and alias ID.
func newBank(qs []*Question) *Bank {
	b := &Bank{questions: qs, byID: make(map[string]*Question, len(qs))}
	seen := map[string]bool{}
	for _, q := range qs {
		for _, id := range append([]string{q.ID}, q.AliasIDs...) {
			if _, taken := b.byID[id]; !taken {
				b.byID[id] = q
			}
		}
		if q.Topic != "" && !seen[q.Topic] {
			seen[q.Topic] = true
			b.topics = append(b.topics, q.Topic)
		}
	}
	return b
}

// Questions returns every question in the order the notes give them.
func (b *Bank) Questions() []*Question { return b.questions }

// Len returns the number of questions.
func (b *Bank) Len() int { return len(b.questions) }

// Lookup returns the question with the given ID or alias ID.
func (b *Bank) Lookup(id string) (*Question, bool) {
	q, ok := b.byID[strings.TrimSpace(id)]
	return q, ok
}

// Topics returns the sections of the notes, in order of first appearance.
// Questions outside any section have the topic "".
func (b *Bank) Topics() []string { return b.topics }

// FindTopic returns the topic that name refers to: an exact match ignoring
// case and width, else the only topic that contains it.
func (b *Bank) FindTopic(name string) (string, bool) {
	want := textnorm.Compact(name)
	if want == "" {
		return "", false
	}
	var partial []string
	for _, t := range b.topics {
		ct := textnorm.Compact(t)
		if ct == want {
			return t, true
		}
		if strings.Contains(ct, want) {
			partial = append(partial, t)
		}
	}
	if len(partial) == 1 {
		return partial[0], true
	}
	return "", false
}

// InTopic returns the questions of one topic ("" for those outside any
// section).
func (b *Bank) InTopic(topic string) []*Question {
	var out []*Question
	for _, q := range b.questions {
		if q.Topic == topic {
			out = append(out, q)
		}
	}
	return out
}

// Match returns the questions whose prompt best matches text, best first:
// an exact prompt (ignoring punctuation, width and case), then a prompt that
// contains text or is contained in it, then prompts sharing most content
// units. Weak matches are left out.
func (b *Bank) Match(text string) []*Question {
	want := NormalizePrompt(text)
	if want == "" {
		return nil
	}
	wantUnits := textnorm.UnitSet(text)
	type scored struct {
		q     *Question
		score float64
	}
	var hits []scored
	for _, q := range b.questions {
		best := 0.0
		for _, p := range append([]string{q.Prompt}, q.AltPrompts...) {
			np := NormalizePrompt(p)
			var s float64
			switch {
			case np == want:
				s = 2
			case strings.Contains(np, want) || strings.Contains(want, np):
				short, long := utf8.RuneCountInString(want), utf8.RuneCountInString(np)
				if short > long {
					short, long = long, short
				}
				s = 1 + float64(short)/float64(long)
			default:
				s = dice(wantUnits, textnorm.UnitSet(p))
			}
			best = max(best, s)
		}
		if best >= 0.5 {
			hits = append(hits, scored{q, best})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	out := make([]*Question, len(hits))
	for i, h := range hits {
		out[i] = h.q
	}
	return out
}

func dice(a, b map[string]struct{}) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for u := range a {
		if _, ok := b[u]; ok {
			n++
		}
	}
	return 2 * float64(n) / float64(len(a)+len(b))
}
