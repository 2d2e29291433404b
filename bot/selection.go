package bot

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/interviewbot/interviewbot/bank"
)

// pick is the outcome of choosing a question.
type pick struct {
	q     *bank.Question
	isNew bool
	// due is set when the question is a review that was due.
	due bool
}

// pickQuestion chooses what to ask a person in a chat: the most overdue
// review, else the next new question (within the daily cap), else the
// review that comes due soonest — never the question just asked, and
// within the chat's topic. It returns a zero pick when the bank has
// nothing else to ask.
func (b *Bot) pickQuestion(ctx context.Context, user UserRecord, chat ChatRecord, now time.Time) (pick, error) {
	cards, err := b.store.Cards(ctx, user.Key)
	if err != nil {
		return pick{}, fmt.Errorf("load cards: %w", err)
	}
	inTopic := func(q *bank.Question) bool { return chat.Topic == "" || q.Topic == chat.Topic }
	last, _ := b.bank.Lookup(chat.LastAsked)

	// Cards may be stored under an alias ID of a merged question.
	seen := map[string]fsrs.Card{}
	for _, c := range cards {
		q, ok := b.bank.Lookup(c.QuestionID)
		if !ok {
			continue // a question no longer in the notes
		}
		if prev, dup := seen[q.ID]; !dup || c.Card.LastReview.After(prev.LastReview) {
			seen[q.ID] = c.Card
		}
	}
	type review struct {
		q   *bank.Question
		due time.Time
	}
	var reviews []review
	for id, c := range seen {
		q, _ := b.bank.Lookup(id)
		if q == last || !inTopic(q) || c.State == fsrs.New {
			continue
		}
		reviews = append(reviews, review{q, c.Due})
	}
	sort.Slice(reviews, func(i, j int) bool {
		if !reviews[i].due.Equal(reviews[j].due) {
			return reviews[i].due.Before(reviews[j].due)
		}
		return reviews[i].q.ID < reviews[j].q.ID
	})
	if len(reviews) > 0 && !reviews[0].due.After(now) {
		return pick{q: reviews[0].q, due: true}, nil
	}

	today := localDay(now, b.zoneFor(chat, user))
	newToday := 0
	if user.NewDay == today {
		newToday = user.NewCount
	}
	if newToday < b.cfg.NewPerDay {
		for _, q := range b.bank.Questions() {
			if _, asked := seen[q.ID]; asked || q == last || !inTopic(q) {
				continue
			}
			// A follow-up comes after its question has been asked.
			if _, parentAsked := seen[q.Parent]; q.Parent != "" && !parentAsked {
				continue
			}
			return pick{q: q, isNew: true}, nil
		}
	}
	if len(reviews) > 0 {
		return pick{q: reviews[0].q}, nil
	}
	return pick{}, nil
}

// cardFor returns a person's card for a question, looking under the
// question's alias IDs too, or a new card.
func (b *Bot) cardFor(ctx context.Context, userKey string, q *bank.Question) (ReviewCard, error) {
	for _, id := range append([]string{q.ID}, q.AliasIDs...) {
		c, err := b.store.Card(ctx, userKey, id)
		if err == nil {
			c.QuestionID = q.ID
			return c, nil
		}
		if !errors.Is(err, ErrNotFound) {
			return ReviewCard{}, fmt.Errorf("load card: %w", err)
		}
	}
	return ReviewCard{UserKey: userKey, QuestionID: q.ID, Card: fsrs.NewCard()}, nil
}
