package bot

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// schedulerTick is how often the scheduler looks for due pushes. A push is
// due at a minute boundary; checking twice a minute sends it within 30 s.
const schedulerTick = 30 * time.Second

// schedulerWorkers bounds the chats whose pushes are prepared at once. A
// push costs a few fsynced store writes, so one chat at a time enqueues
// only about 20 a second; concurrent writes share bbolt's transactions.
// Chats are independent: each touches only its own records and its
// owner's.
const schedulerWorkers = 16

// RunScheduler enqueues scheduled pushes until ctx is done. It checks at
// start (catching up after downtime) and then every 30 seconds.
func (b *Bot) RunScheduler(ctx context.Context) error {
	t := time.NewTicker(schedulerTick)
	defer t.Stop()
	for {
		if _, err := b.SchedulePushes(ctx); err != nil && ctx.Err() == nil {
			b.log.ErrorContext(ctx, "schedule pushes", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// SchedulePushes enqueues the pushes that are due now: for every
// subscribed chat, its latest slot at or before now, unless already
// handled. A slot missed by more than the grace window (downtime) is marked
// handled without a push; a slot is claimed once, so no push is enqueued
// twice, across restarts too. Chats are handled concurrently. It returns
// how many pushes it enqueued.
func (b *Bot) SchedulePushes(ctx context.Context) (int, error) {
	now := b.now()
	chats, err := b.store.Subscriptions(ctx)
	if err != nil {
		return 0, fmt.Errorf("load subscriptions: %w", err)
	}
	n := 0
	var errs []error
	if _, err := b.closeDueRounds(ctx, now); err != nil {
		errs = append(errs, fmt.Errorf("close rounds: %w", err))
	}
	var mu sync.Mutex
	inParallel(ctx, schedulerWorkers, chats, func(c ChatRecord) {
		sent, err := b.schedulePush(ctx, c, now)
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			errs = append(errs, fmt.Errorf("chat %s: %w", c.Key, err))
		}
		if sent {
			n++
		}
	})
	return n, errors.Join(errs...)
}

func (b *Bot) schedulePush(ctx context.Context, c ChatRecord, now time.Time) (bool, error) {
	if slot, err := dueSlot(c, now); err != nil || slot.IsZero() {
		return false, err
	}
	// A slot is due: read the chat again under its lock, since a command
	// may have changed it (schedule, zone, topic) since the list was read,
	// and the push saves the record.
	defer b.serialize(c.Key, "")()
	c, err := b.store.Chat(ctx, c.Key)
	if errors.Is(err, ErrNotFound) {
		return false, nil // forgotten meanwhile
	}
	if err != nil {
		return false, fmt.Errorf("reload chat: %w", err)
	}
	slot, err := dueSlot(c, now)
	if err != nil || slot.IsZero() {
		return false, err
	}
	if now.Sub(slot) > b.cfg.Grace {
		_, err := b.store.ClaimSlot(ctx, c.Key, slot, nil)
		b.log.InfoContext(ctx, "push skipped after downtime", "chat", c.Key, "slot", slot, "late", now.Sub(slot).Round(time.Second))
		return false, err
	}
	if c.Kind == Channel {
		// Nobody can answer in a channel (an older version let /subscribe
		// set a schedule there): the slot passes without a round.
		_, err := b.store.ClaimSlot(ctx, c.Key, slot, nil)
		b.log.InfoContext(ctx, "no round in a channel", "chat", c.Key, "slot", slot)
		return false, err
	}
	if c.Kind != Private {
		return b.groupPush(ctx, c, slot, now)
	}
	push, ok, err := b.pushFor(ctx, c, slot, now)
	if err != nil {
		return false, err
	}
	if !ok {
		_, err = b.store.ClaimSlot(ctx, c.Key, slot, nil)
		return false, err
	}
	claimed, err := b.store.ClaimSlot(ctx, c.Key, slot, &push.delivery)
	if err != nil || !claimed {
		return false, err
	}
	// The question counts as asked once its push is in the outbox. The
	// chat record was read before the claim: carry the claimed slot so
	// saving it does not undo the claim.
	push.turn.chat.LastSlot = slot
	if err := b.open(ctx, push.turn, push.pick); err != nil {
		return true, fmt.Errorf("open pushed question: %w", err)
	}
	b.log.InfoContext(ctx, "push enqueued", "chat", c.Key, "slot", slot, "question", push.pick.q.ID)
	return true, nil
}

// dueSlot returns the chat's latest slot at or before now when it has not
// been handled yet, else the zero time.
func dueSlot(c ChatRecord, now time.Time) (time.Time, error) {
	if c.Schedule == nil {
		return time.Time{}, nil
	}
	slot, err := c.Schedule.Last(now)
	if err != nil || slot.IsZero() || !slot.After(c.LastSlot) {
		return time.Time{}, err
	}
	return slot, nil
}

// push is a delivery built for a slot, with the question it asks.
type push struct {
	delivery Delivery
	pick     pick
	turn     *turn
}

// groupPush starts a group's round for a slot and enqueues its question,
// closing the previous round first. The round's ID is the slot, so a
// restart between starting the round and claiming the slot finds the same
// round.
func (b *Bot) groupPush(ctx context.Context, c ChatRecord, slot, now time.Time) (bool, error) {
	id := "s-" + slot.UTC().Format(time.RFC3339)
	if open, err := b.store.OpenRound(ctx, c.Key); err == nil && open.ID != id {
		if err := b.closeRound(ctx, open, now); err != nil {
			return false, err
		}
	} else if err != nil && !errors.Is(err, ErrNotFound) {
		return false, err
	}
	r, q, err := b.startRound(ctx, &c, id, now)
	if err != nil {
		return false, err
	}
	if q == nil {
		_, err := b.store.ClaimSlot(ctx, c.Key, slot, nil)
		return false, err
	}
	lang := b.langFor(c, UserRecord{}, "")
	reply := b.roundQuestionReply(lang, b.caps(c.Platform), q, r)
	reply.Text = append(Text{{Spans: []Span{I((&turn{lang: lang}).t("scheduler.today_s_question"))}}}, reply.Text...)
	d := Delivery{ID: "push/" + c.Key + "/" + slot.UTC().Format(time.RFC3339), Chat: c.Chat(), QuestionID: q.ID, Reply: reply, Created: now, NextTry: now}
	claimed, err := b.store.ClaimSlot(ctx, c.Key, slot, &d)
	if err != nil || !claimed {
		return false, err
	}
	b.log.InfoContext(ctx, "group round pushed", "chat", c.Key, "slot", slot, "question", q.ID)
	return true, nil
}

// pushFor builds the delivery for a private chat's slot: the next question
// for its person. It changes nothing.
func (b *Bot) pushFor(ctx context.Context, c ChatRecord, slot, now time.Time) (push, bool, error) {
	if c.Owner == "" {
		return push{}, false, nil
	}
	user, err := b.store.User(ctx, c.Owner)
	if err != nil {
		return push{}, false, fmt.Errorf("load chat owner: %w", err)
	}
	p, err := b.pickQuestion(ctx, user, c, now, pickAny)
	if err != nil || p.q == nil {
		return push{}, false, err
	}
	lang := b.langFor(c, user, "")
	tn := &turn{lang: lang, now: now, chat: c, user: user}
	userKey := user.Key
	r := b.questionReply(tn, p.q, userKey, p)
	r.Text = append(Text{{Spans: []Span{I(tn.t("scheduler.today_s_question"))}}}, r.Text...)
	d := Delivery{
		ID:   "push/" + c.Key + "/" + slot.UTC().Format(time.RFC3339),
		Chat: c.Chat(), UserKey: userKey, QuestionID: p.q.ID, Reply: r,
		Created: now, NextTry: now,
	}
	return push{delivery: d, pick: p, turn: tn}, true, nil
}
