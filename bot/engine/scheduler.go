package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

// schedulerTick is how often the scheduler looks for due pushes. A push is
// due at a minute boundary; checking twice a minute sends it within 30 s.
const schedulerTick = 30 * time.Second

// claimBatch is how many chats' slots one transaction claims: the
// scheduler prepares the pushes of that many due chats, then claims their
// slots, enqueues the pushes and opens their questions in one commit.
const claimBatch = 100

// schedulerWorkers bounds the batches prepared at once. Preparing a push
// is CPU (choosing the question, rendering it); the claims of batches
// prepared at once share commits. Chats are independent: each touches only
// its own records and its owner's.
const schedulerWorkers = 4

// RunScheduler enqueues scheduled pushes until ctx is done. It checks at
// start (catching up after downtime) and then every 30 seconds.
func (b *Bot) RunScheduler(ctx context.Context) error {
	// Pushes may close a group's round, which reads key points.
	b.bank.WaitKeyPoints()
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
// twice, across restarts too. Due chats are handled in batches of
// claimBatch, several batches at once, each batch's slots claimed in one
// transaction. It returns how many pushes it enqueued.
func (b *Bot) SchedulePushes(ctx context.Context) (int, error) {
	now := b.now()
	chats, err := b.store.Subscriptions(ctx)
	if err != nil {
		return 0, fmt.Errorf("load subscriptions: %w", err)
	}
	var errs []error
	if _, err := b.closeDueRounds(ctx, now); err != nil {
		errs = append(errs, fmt.Errorf("close rounds: %w", err))
	}
	var due []bot.ChatRecord
	for _, c := range chats {
		slot, err := b.dueSlot(c, now)
		if err != nil {
			errs = append(errs, fmt.Errorf("chat %s: %w", c.Key, err))
		} else if !slot.IsZero() {
			due = append(due, c)
		}
	}
	var mu sync.Mutex
	n := 0
	inParallel(ctx, schedulerWorkers, slices.Collect(slices.Chunk(due, claimBatch)), func(batch []bot.ChatRecord) {
		sent, err := b.scheduleBatch(ctx, batch, now)
		mu.Lock()
		defer mu.Unlock()
		n += sent
		if err != nil {
			errs = append(errs, err)
		}
	})
	return n, errors.Join(errs...)
}

// scheduleBatch prepares the pushes of a batch of due chats, holding their
// locks (taken in key order, so batches never wait for each other), and
// claims their slots in one transaction. The pushes are prepared from the
// records as listed; the claim checks that each record is still the one
// listed, and a chat whose record changed in between (a command before
// the lock was taken) is read again and prepared again. It returns how
// many pushes it enqueued.
func (b *Bot) scheduleBatch(ctx context.Context, batch []bot.ChatRecord, now time.Time) (int, error) {
	batch = slices.Clone(batch)
	slices.SortFunc(batch, func(x, y bot.ChatRecord) int { return strings.Compare(x.Key, y.Key) })
	batch = slices.CompactFunc(batch, func(x, y bot.ChatRecord) bool { return x.Key == y.Key })
	for _, c := range batch {
		defer b.serialize(c.Key, "")()
	}
	var claims []bot.SlotClaim
	var errs []error
	for _, c := range batch {
		claim, err := b.planPush(ctx, c, now)
		if err != nil {
			errs = append(errs, fmt.Errorf("chat %s: %w", c.Key, err))
		}
		if claim != nil {
			claims = append(claims, *claim)
		}
	}
	n, stale, err := b.claim(ctx, claims)
	if err != nil {
		errs = append(errs, err)
	}
	for _, key := range stale {
		sent, err := b.scheduleAgain(ctx, key, now)
		n += sent
		if err != nil {
			errs = append(errs, fmt.Errorf("chat %s: %w", key, err))
		}
	}
	return n, errors.Join(errs...)
}

// scheduleAgain reads a chat whose record changed since it was listed, and
// prepares and claims its slot again. The caller holds the chat's lock.
func (b *Bot) scheduleAgain(ctx context.Context, key string, now time.Time) (int, error) {
	c, err := b.store.Chat(ctx, key)
	if errors.Is(err, bot.ErrNotFound) {
		return 0, nil // forgotten meanwhile
	}
	if err != nil {
		return 0, fmt.Errorf("reload chat: %w", err)
	}
	claim, err := b.planPush(ctx, c, now)
	if err != nil || claim == nil {
		return 0, err
	}
	n, stale, err := b.claim(ctx, []bot.SlotClaim{*claim})
	if err == nil && len(stale) > 0 {
		err = fmt.Errorf("claim slot: the chat changed again: %w", bot.ErrStale)
	}
	return n, err
}

// claim claims slots in one transaction and returns how many pushes it
// enqueued, and the chats whose records changed since they were read.
func (b *Bot) claim(ctx context.Context, claims []bot.SlotClaim) (n int, stale []string, err error) {
	if len(claims) == 0 {
		return 0, nil, nil
	}
	results, err := b.store.ClaimSlots(ctx, claims)
	if err != nil {
		return 0, nil, err
	}
	var errs []error
	for i, r := range results {
		c := claims[i]
		switch {
		case errors.Is(r.Err, bot.ErrStale):
			stale = append(stale, c.ChatKey)
		case errors.Is(r.Err, bot.ErrNotFound):
			// forgotten meanwhile
		case r.Err != nil:
			errs = append(errs, r.Err)
		case r.Claimed && c.Delivery != nil:
			n++
			b.log.InfoContext(ctx, "push enqueued", "chat", c.ChatKey, "slot", c.Slot, "question", c.Delivery.QuestionID)
		}
	}
	return n, stale, errors.Join(errs...)
}

// planPush returns the claim of a chat's due slot, prepared from its
// record c: nil when no slot is due; without a delivery for a slot that
// passes without a push (missed by more than the grace window, a channel,
// nobody to ask); else with its push, and for a private chat the question
// the push opens. The claim holds c as the record it was read from. A
// group's round is started here (the previous one closed first): its ID
// is the slot, so preparing it again finds the same round.
func (b *Bot) planPush(ctx context.Context, c bot.ChatRecord, now time.Time) (*bot.SlotClaim, error) {
	slot, err := b.dueSlot(c, now)
	if err != nil || slot.IsZero() {
		return nil, err
	}
	skip := &bot.SlotClaim{ChatKey: c.Key, Slot: slot, Read: &c}
	switch {
	case now.Sub(slot) > b.cfg.Grace:
		b.log.InfoContext(ctx, "push skipped after downtime", "chat", c.Key, "slot", slot, "late", now.Sub(slot).Round(time.Second))
		return skip, nil
	case c.Kind == bot.Channel:
		// Nobody can answer in a channel (an older version let /subscribe
		// set a schedule there): the slot passes without a round.
		b.log.InfoContext(ctx, "no round in a channel", "chat", c.Key, "slot", slot)
		return skip, nil
	case c.Kind != bot.Private:
		// Starting the round saves the chat (its last asked) into c, the
		// record the claim expects.
		d, err := b.groupPush(ctx, &c, slot, now)
		if err != nil {
			return nil, err
		}
		skip.Delivery = d
		return skip, nil
	}
	push, ok, err := b.pushFor(ctx, c, slot, now)
	if err != nil {
		return nil, err // the slot stays unclaimed: tried again next time
	}
	if !ok {
		return skip, nil
	}
	// The question counts as asked once its push is in the outbox: the
	// claim opens it.
	skip.Delivery = &push.delivery
	skip.Open = &bot.Pending{ChatKey: c.Key, UserKey: push.turn.user.Key, QuestionID: push.pick.q.ID, AskedAt: now, New: push.pick.isNew}
	return skip, nil
}

// dueSlot returns the chat's latest slot at or before now when it has not
// been handled yet, else the zero time.
func (b *Bot) dueSlot(c bot.ChatRecord, now time.Time) (time.Time, error) {
	if c.Schedule == nil {
		return time.Time{}, nil
	}
	slot, err := c.Schedule.LastWith(now, b.zones.load)
	if err != nil || slot.IsZero() || !slot.After(c.LastSlot) {
		return time.Time{}, err
	}
	return slot, nil
}

// push is a delivery built for a slot, with the question it asks.
type push struct {
	delivery bot.Delivery
	pick     pick
	turn     *turn
}

// groupPush starts a group's round for a slot, closing the previous round
// first, and returns the delivery of its question; nil when the group has
// no question to ask. The round's ID is the slot, so a restart between
// starting the round and claiming the slot finds the same round.
func (b *Bot) groupPush(ctx context.Context, c *bot.ChatRecord, slot, now time.Time) (*bot.Delivery, error) {
	id := "s-" + slot.UTC().Format(time.RFC3339)
	if open, err := b.store.OpenRound(ctx, c.Key); err == nil && open.ID != id {
		if err := b.closeRound(ctx, open, now); err != nil {
			return nil, err
		}
	} else if err != nil && !errors.Is(err, bot.ErrNotFound) {
		return nil, err
	}
	r, q, err := b.startRound(ctx, c, id, now)
	if err != nil || q == nil {
		return nil, err
	}
	lang := b.langFor(*c, bot.UserRecord{}, "")
	reply := b.roundQuestionReply(lang, b.caps(c.Platform), q, r)
	reply.Text = append(bot.Text{{Spans: []bot.Span{bot.I((&turn{lang: lang}).t("scheduler.today_s_question"))}}}, reply.Text...)
	return &bot.Delivery{ID: "push/" + c.Key + "/" + slot.UTC().Format(time.RFC3339), Chat: c.Chat(), QuestionID: q.ID, Reply: reply, Created: now, NextTry: now}, nil
}

// pushFor builds the delivery for a private chat's slot: the next question
// for its person. It changes nothing.
func (b *Bot) pushFor(ctx context.Context, c bot.ChatRecord, slot, now time.Time) (push, bool, error) {
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
	r.Text = append(bot.Text{{Spans: []bot.Span{bot.I(tn.t("scheduler.today_s_question"))}}}, r.Text...)
	d := bot.Delivery{
		ID:   "push/" + c.Key + "/" + slot.UTC().Format(time.RFC3339),
		Chat: c.Chat(), UserKey: userKey, QuestionID: p.q.ID, Reply: r,
		Created: now, NextTry: now,
	}
	return push{delivery: d, pick: p, turn: tn}, true, nil
}
