package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot"
)

// pick is the outcome of choosing a question.
type pick struct {
	q     *bank.Question
	isNew bool
	// due is set when the question is a review that was due.
	due bool
	// capped is set, with no question, when the daily cap of new questions
	// is reached and no review is due: newToday were answered today.
	capped   bool
	newToday int
}

// pickMode says what a pick may fall back to.
type pickMode int

const (
	// pickNext is /next: a due review, else a new question within the
	// daily cap; at the cap it stops (pick.capped) while new questions
	// remain.
	pickNext pickMode = iota
	// pickNew is /next new: a new question past the cap.
	pickNew
	// pickAny is a scheduled push: as pickNext, then the review that comes
	// due soonest.
	pickAny
	// pickReview is /next review: a review, due or not (the one due
	// soonest), never a new question; the question just asked only when
	// there is no other.
	pickReview
)

// pickQuestion chooses what to ask a person in a chat: the most overdue
// review, else the next new question (within the daily cap), else what
// mode allows. Questions skipped today come after all others; the question
// just asked never comes twice in a row; the chat's topic bounds all. It
// returns a zero pick when the bank has nothing else to ask.
func (b *Bot) pickQuestion(ctx context.Context, user bot.UserRecord, chat bot.ChatRecord, now time.Time, mode pickMode) (pick, error) {
	ids, err := b.store.CardIDs(ctx, user.Key)
	if err != nil {
		return pick{}, fmt.Errorf("load cards: %w", err)
	}
	today := localDay(now, b.zoneFor(chat, user))
	pk := b.newPicking(ids, user, chat, today)
	rv, err := b.findReview(ctx, pk, user.Key, now)
	if err != nil {
		return pick{}, fmt.Errorf("load due cards: %w", err)
	}
	if rv.next != nil && !rv.nextDue.After(now) {
		return pick{q: rv.next, due: true}, nil
	}
	if mode == pickReview {
		return earlyReview(rv.next, rv.skipped, rv.last, now), nil
	}

	newToday := 0
	if user.NewDay == today {
		newToday = user.NewCount
	}
	fresh := b.firstNew(pk)
	underCap := newToday < b.cfg.NewPerDay || mode == pickNew
	if underCap && fresh != nil {
		return pick{q: fresh, isNew: true}, nil
	}
	// Skipped today: at the back of the queue, in the order skipped.
	skippedNew := false
	for _, id := range pk.skipped {
		q, ok := b.bank.Lookup(id)
		switch {
		case !ok:
		case rv.skipped != nil && q == rv.skipped:
			return pick{q: q, due: true}, nil
		case pk.isNew(q):
			if underCap {
				return pick{q: q, isNew: true}, nil
			}
			skippedNew = true
		}
	}
	if !underCap && (fresh != nil || skippedNew) && mode == pickNext {
		return pick{capped: true, newToday: newToday}, nil
	}
	if rv.next != nil {
		return pick{q: rv.next}, nil
	}
	return pick{}, nil
}

// picking is what a pick knows of the person and the chat.
type picking struct {
	chat bot.ChatRecord
	// last is the question just asked in the chat, or nil.
	last *bank.Question
	// skipped lists the IDs of the questions skipped today, in order.
	skipped []string
	// has holds the IDs the person's cards are stored under; seen, the
	// questions they have a card for.
	has, seen map[string]bool
}

// newPicking gathers what a pick needs to know before reading cards.
func (b *Bot) newPicking(ids []string, user bot.UserRecord, chat bot.ChatRecord, today string) *picking {
	pk := &picking{chat: chat, skipped: skippedToday(user, today)}
	pk.last, _ = b.bank.Lookup(chat.LastAsked)
	// Cards may be stored under an alias ID of a merged question: the one
	// that counts is the one cardFor reads (and the next answer updates).
	pk.has = make(map[string]bool, len(ids))
	pk.seen = make(map[string]bool, len(ids))
	for _, id := range ids {
		pk.has[id] = true
		if q, ok := b.bank.Lookup(id); ok {
			pk.seen[q.ID] = true
		}
	}
	return pk
}

// isSkipped reports whether q was skipped today.
func (pk *picking) isSkipped(q *bank.Question) bool { return slices.ContainsFunc(pk.skipped, q.HasID) }

// current reports whether cardID is the ID the card of q counts under.
func (pk *picking) current(q *bank.Question, cardID string) bool {
	for _, id := range append([]string{q.ID}, q.AliasIDs...) {
		if pk.has[id] {
			return id == cardID
		}
	}
	return false
}

// reviews are the candidate reviews of a pick.
type reviews struct {
	// next is the review due first (not skipped, not just asked), due at
	// nextDue.
	next    *bank.Question
	nextDue time.Time
	// skipped is the first due review skipped today; last is the question
	// just asked when it is a review.
	skipped, last *bank.Question
}

// findReview finds the review due first: the due index hands cards over
// in order, so this reads only the cards before the first that qualifies.
func (b *Bot) findReview(ctx context.Context, pk *picking, userKey string, now time.Time) (reviews, error) {
	var rv reviews
	err := b.store.CardsByDue(ctx, userKey, func(c bot.ReviewCard) bool {
		q, ok := b.bank.Lookup(c.QuestionID)
		if !ok || !inTopic(q, pk.chat.Topic) || c.Card.State == fsrs.New || !pk.current(q, c.QuestionID) {
			return true
		}
		if q == pk.last {
			rv.last = q
			return true
		}
		if pk.isSkipped(q) {
			if rv.skipped == nil && !c.Card.Due.After(now) {
				rv.skipped = q
			}
			return true
		}
		rv.next, rv.nextDue = q, c.Card.Due
		return false
	})
	return rv, err
}

// isNew reports whether q is a new question the person may be asked: not
// answered yet, not the one just asked, in the chat's topic, and, for a
// follow-up, after its question was answered.
func (pk *picking) isNew(q *bank.Question) bool {
	return !pk.seen[q.ID] && q != pk.last && inTopic(q, pk.chat.Topic) && (q.Parent == "" || pk.seen[q.Parent])
}

// firstNew returns the first new question in the bank's order for new
// questions that was not skipped today, or nil. It stops at the first, so
// a pick reads as far into the bank as the person has got, not all of it.
func (b *Bot) firstNew(pk *picking) *bank.Question {
	for _, q := range b.newOrder() {
		if pk.isNew(q) && !pk.isSkipped(q) {
			return q
		}
	}
	return nil
}

// earlyReview is what /next review asks when no review is due: the one
// due soonest, else one skipped today, else the question just asked; a
// zero pick when the person has answered nothing yet.
func earlyReview(soonest, skipped, last *bank.Question, now time.Time) pick {
	for _, q := range []*bank.Question{soonest, skipped, last} {
		if q != nil {
			return pick{q: q}
		}
	}
	return pick{}
}

// newOrder is the order new questions are asked in: the topics interleaved
// evenly (a topic of 10 questions gives one every other time beside one of
// 10), each topic in the notes' order, ties going to the topic that comes
// first in the notes. It is the same for everyone and every time.
func (b *Bot) newOrder() []*bank.Question {
	b.orderOnce.Do(func() {
		qs := b.bank.Questions()
		size, first := map[string]int{}, map[string]int{}
		for i, q := range qs {
			if _, ok := first[q.Topic]; !ok {
				first[q.Topic] = i
			}
			size[q.Topic]++
		}
		type slot struct {
			q     *bank.Question
			place float64
			topic int
		}
		slots := make([]slot, 0, len(qs))
		rank := map[string]int{}
		for _, q := range qs {
			slots = append(slots, slot{q, float64(rank[q.Topic]) / float64(size[q.Topic]), first[q.Topic]})
			rank[q.Topic]++
		}
		sort.SliceStable(slots, func(i, j int) bool {
			if slots[i].place != slots[j].place {
				return slots[i].place < slots[j].place
			}
			return slots[i].topic < slots[j].topic
		})
		b.order = make([]*bank.Question, len(slots))
		for i, s := range slots {
			b.order[i] = s.q
		}
	})
	return b.order
}

// skippedToday returns the questions the person skipped on their local
// day today, in the order skipped.
func skippedToday(u bot.UserRecord, today string) []string {
	if u.SkipDay != today {
		return nil
	}
	return u.Skipped
}

// noteSkip records that the person skipped a question today, so it goes to
// the back of the queue until tomorrow.
func noteSkip(u *bot.UserRecord, qid, today string) {
	if u.SkipDay != today {
		u.SkipDay, u.Skipped = today, nil
	}
	u.Skipped = append(slices.DeleteFunc(u.Skipped, func(id string) bool { return id == qid }), qid)
}

// countNew counts a new question toward the daily cap once its card has
// its first attempt (an answer, a reveal, a miss in an interview): a
// question is new for the cap when answered, not when shown.
func countNew(u *bot.UserRecord, card bot.ReviewCard, today string) {
	if card.Attempts != 1 {
		return
	}
	if u.NewDay != today {
		u.NewDay, u.NewCount = today, 0
	}
	u.NewCount++
}

// cardFor returns a person's card for a question, looking under the
// question's alias IDs too, or a new card.
func (b *Bot) cardFor(ctx context.Context, userKey string, q *bank.Question) (bot.ReviewCard, error) {
	for _, id := range append([]string{q.ID}, q.AliasIDs...) {
		c, err := b.store.Card(ctx, userKey, id)
		if err == nil {
			c.QuestionID = q.ID
			return c, nil
		}
		if !errors.Is(err, bot.ErrNotFound) {
			return bot.ReviewCard{}, fmt.Errorf("load card: %w", err)
		}
	}
	return bot.ReviewCard{UserKey: userKey, QuestionID: q.ID, Card: fsrs.NewCard()}, nil
}
