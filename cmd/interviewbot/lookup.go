package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/interviewbot/interviewbot/bank"
)

// maxListed is how many candidates an ambiguous --id or --match lists.
const maxListed = 10

// lookupQuestion returns the question with an ID (or alias ID), or the
// only one whose ID starts with id. Several candidates are an error that
// lists them and says how to pick one (how: "name one with --id ID").
func lookupQuestion(b *bank.Bank, id, how string) (*bank.Question, error) {
	id = strings.TrimSpace(id)
	if q, ok := b.Lookup(id); ok {
		return q, nil
	}
	var hits []*bank.Question
	if id != "" {
		for _, q := range b.Questions() {
			for _, qid := range append([]string{q.ID}, q.AliasIDs...) {
				if strings.HasPrefix(qid, id) {
					hits = append(hits, q)
					break
				}
			}
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		msg := fmt.Sprintf("no question with id %q (interviewbot bank list shows the IDs)", id)
		if ms := b.Match(id); len(ms) > 0 {
			msg += fmt.Sprintf("; did you mean %s (%s)?", ms[0].ID, firstLine(ms[0].Prompt, 40))
		}
		return nil, fmt.Errorf("%s", msg)
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].ID < hits[j].ID })
	return nil, ambiguous(fmt.Sprintf("%d questions have an id starting with %q", len(hits), id), how, hits)
}

// matchQuestion returns the question whose prompt text matches: the one
// quoted exactly, else the only one that contains text, else the only
// close match. Several candidates are an error that lists them.
func matchQuestion(b *bank.Bank, text string) (*bank.Question, error) {
	ms := b.Match(text)
	if len(ms) == 0 {
		return nil, fmt.Errorf("no question matches %q (interviewbot bank list shows them)", text)
	}
	want := bank.NormalizePrompt(text)
	var containing []*bank.Question
	for _, q := range ms {
		for _, p := range append([]string{q.Prompt}, q.AltPrompts...) {
			np := bank.NormalizePrompt(p)
			if np == want {
				return q, nil
			}
			if strings.Contains(np, want) {
				containing = append(containing, q)
				break
			}
		}
	}
	switch {
	case len(containing) == 1:
		return containing[0], nil
	case len(containing) == 0 && len(ms) == 1:
		return ms[0], nil
	case len(containing) > 1:
		ms = containing
	}
	return nil, ambiguous(fmt.Sprintf("%d questions match %q", len(ms), text), "name one with --id ID", ms)
}

// ambiguous is the error for several candidates: it lists them, with
// their IDs, best first, and says how to pick one.
func ambiguous(head, how string, qs []*bank.Question) error {
	var b strings.Builder
	b.WriteString(head + "; " + how + ":")
	for i, q := range qs {
		if i == maxListed {
			fmt.Fprintf(&b, "\n  … and %d more", len(qs)-maxListed)
			break
		}
		fmt.Fprintf(&b, "\n  %s  %s", q.ID, firstLine(q.Prompt, 60))
	}
	return fmt.Errorf("%s", b.String())
}
