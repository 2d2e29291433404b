package bank

import (
	"crypto/sha256"
	"math"
	"sort"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// minDuplicateAnswer is the shortest answer (in characters) whose exact
// repetition under another prompt marks the two prompts as one question.
const minDuplicateAnswer = 40

// merge folds duplicate questions into one: the same normalized prompt, a
// prompt that is another's alternative wording, or the same answer under a
// different prompt. The richest copy (most marked key points, an outline)
// gives the prompt and primary answer; the others' distinct answers become
// variants and their prompts alternative wordings. The merged ID is the
// smallest of the members' IDs, so it depends neither on file order nor on
// which copy is richest; every member ID stays an alias.
func merge(qs []*Question) []*Question {
	uf := newUnionFind(len(qs))
	byID := map[string]int{}
	byAnswer := map[[32]byte]int{}
	for i, q := range qs {
		if j, ok := byID[q.ID]; ok {
			uf.union(i, j)
		} else {
			byID[q.ID] = i
		}
		if ca := textnorm.Compact(q.Answer.Text); utf8.RuneCountInString(ca) >= minDuplicateAnswer && q.Parent == "" {
			key := sha256.Sum256([]byte(ca))
			if j, ok := byAnswer[key]; ok {
				uf.union(i, j)
			} else {
				byAnswer[key] = i
			}
		}
	}
	for i, q := range qs {
		for _, alt := range q.AltPrompts {
			if j, ok := byID[promptID(alt)]; ok {
				uf.union(i, j)
			}
		}
	}

	groups := map[int][]int{}
	var order []int
	for i := range qs {
		root := uf.find(i)
		if _, seen := groups[root]; !seen {
			order = append(order, root)
		}
		groups[root] = append(groups[root], i)
	}
	renamed := map[string]string{}
	var out []*Question
	for _, root := range order {
		members := make([]*Question, 0, len(groups[root]))
		for _, i := range groups[root] {
			members = append(members, qs[i])
		}
		m := mergeGroup(members)
		for _, q := range members {
			renamed[q.ID] = m.ID
		}
		out = append(out, m)
	}
	for _, q := range out {
		if q.Parent != "" {
			q.Parent = renamedID(renamed, q.Parent)
		}
		for i, f := range q.FollowUps {
			q.FollowUps[i] = renamedID(renamed, f)
		}
	}
	return out
}

func renamedID(renamed map[string]string, id string) string {
	if n, ok := renamed[id]; ok {
		return n
	}
	return id
}

func mergeGroup(members []*Question) *Question {
	if len(members) == 1 {
		return members[0]
	}
	primary := members[0]
	for _, q := range members[1:] {
		if richer(q, primary) {
			primary = q
		}
	}
	m := *primary
	m.AltPrompts = nil
	m.AliasIDs = nil
	m.Sources = append([]Source(nil), primary.Sources...)
	m.Variants = append([]Answer(nil), primary.Variants...)
	m.FollowUps = append([]string(nil), primary.FollowUps...)

	ids := []string{}
	prompts := map[string]bool{NormalizePrompt(m.Prompt): true}
	answers := map[string]bool{}
	for _, a := range m.Answers() {
		answers[textnorm.Compact(a.Text)] = true
	}
	for _, q := range members {
		ids = append(ids, q.ID)
		ids = append(ids, q.AliasIDs...)
		for _, p := range append([]string{q.Prompt}, q.AltPrompts...) {
			if n := NormalizePrompt(p); !prompts[n] {
				prompts[n] = true
				m.AltPrompts = append(m.AltPrompts, p)
			}
		}
		if q == primary {
			continue
		}
		m.Sources = append(m.Sources, q.Sources...)
		if m.Topic == "" {
			m.Topic = q.Topic
		}
		if m.Note == "" {
			m.Note = q.Note
		}
		if m.Parent == "" {
			m.Parent = q.Parent
		}
		m.FollowUps = append(m.FollowUps, q.FollowUps...)
		for _, a := range q.Answers() {
			ca := textnorm.Compact(a.Text)
			if answers[ca] {
				if m.Answer.Spoken == "" && ca == textnorm.Compact(m.Answer.Text) {
					m.Answer.Spoken = a.Spoken
				}
				continue
			}
			answers[ca] = true
			m.Variants = append(m.Variants, a)
		}
	}
	sort.Strings(ids)
	m.ID = ids[0]
	for _, id := range ids[1:] {
		if id != m.ID && (len(m.AliasIDs) == 0 || m.AliasIDs[len(m.AliasIDs)-1] != id) {
			m.AliasIDs = append(m.AliasIDs, id)
		}
	}
	return &m
}

// richer reports whether q's copy of a question reads better than p's as
// the primary: its richness (markedRichness plus plainRichness) is higher,
// the notes that mark the most (bold key points, an outline, a longer
// answer). The marked points need the word list: they are read only when
// the rest of richness leaves the answer open (two answers that mark the
// same lines mark the same points; one with no bold span has no bold
// point).
func richer(q, p *Question) bool {
	cq, cp := plainRichness(q), plainRichness(p)
	if sameMarks(q.Answer.marks, p.Answer.marks) {
		return cq > cp
	}
	loQ, hiQ := markedBounds(q)
	loP, hiP := markedBounds(p)
	switch {
	case loQ+cq > hiP+cp:
		return true
	case hiQ+cq <= loP+cp:
		return false
	}
	return markedRichness(q)+cq > markedRichness(p)+cp
}

// markedBounds bounds markedRichness without reading marked points still
// to be read.
func markedBounds(q *Question) (lo, hi int) {
	switch m := q.Answer.marks; {
	case m == nil:
		r := markedRichness(q)
		return r, r
	case m.noBold():
		return 0, 0
	}
	return 0, math.MaxInt / 2
}

// markedRichness is the part of richness the answer's marked points give.
func markedRichness(q *Question) int {
	score := 0
	q.Answer.readMarkedPoints()
	for _, kp := range q.Answer.KeyPoints {
		if kp.Origin == OriginBold || kp.Origin == OriginYAML || kp.Origin == OriginChecklist {
			score += 10
		}
	}
	return score
}

// plainRichness is the part of richness read without the marked points.
func plainRichness(q *Question) int {
	score := 0
	if q.Answer.Outline != "" {
		score += 5
	}
	score += min(utf8.RuneCountInString(q.Answer.Text)/200, 4)
	// A shorter prompt is usually the cleaner wording.
	if n := utf8.RuneCountInString(q.Prompt); n < 40 {
		score++
	}
	return score
}

type unionFind struct{ parent []int }

func newUnionFind(n int) *unionFind {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	return &unionFind{p}
}

func (u *unionFind) find(i int) int {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

// union joins the sets of i and j, keeping the smaller index as the root so
// a group is listed where its first member appeared.
func (u *unionFind) union(i, j int) {
	a, b := u.find(i), u.find(j)
	if a == b {
		return
	}
	if b < a {
		a, b = b, a
	}
	u.parent[b] = a
}
