package bot

import (
	"context"
	"errors"
	"fmt"
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
	ids, err := b.store.CardIDs(ctx, user.Key)
	if err != nil {
		return pick{}, fmt.Errorf("load cards: %w", err)
	}
	inTopic := func(q *bank.Question) bool { return chat.Topic == "" || q.Topic == chat.Topic }
	last, _ := b.bank.Lookup(chat.LastAsked)

	// Cards may be stored under an alias ID of a merged question: the one
	// that counts is the one cardFor reads (and the next answer updates).
	has := make(map[string]bool, len(ids))  // card IDs
	seen := make(map[string]bool, len(ids)) // questions the person has a card for
	for _, id := range ids {
		has[id] = true
		if q, ok := b.bank.Lookup(id); ok {
			seen[q.ID] = true
		}
	}
	current := func(q *bank.Question, cardID string) bool {
		for _, id := range append([]string{q.ID}, q.AliasIDs...) {
			if has[id] {
				return id == cardID
			}
		}
		return false
	}

	// The review due first: the due index hands cards over in order, so
	// this reads only the cards before the first that qualifies.
	var review *bank.Question
	var reviewDue time.Time
	err = b.store.CardsByDue(ctx, user.Key, func(c ReviewCard) bool {
		q, ok := b.bank.Lookup(c.QuestionID)
		if !ok || q == last || !inTopic(q) || c.Card.State == fsrs.New || !current(q, c.QuestionID) {
			return true
		}
		review, reviewDue = q, c.Card.Due
		return false
	})
	if err != nil {
		return pick{}, fmt.Errorf("load due cards: %w", err)
	}
	if review != nil && !reviewDue.After(now) {
		return pick{q: review, due: true}, nil
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
	if review != nil {
		return pick{q: review}, nil
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
