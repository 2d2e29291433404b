package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

// Outbox delivery policy.
const (
	outboxTick = time.Second
	// outboxBatch is how many due deliveries are read at once. A full
	// batch, all settled, is followed by the next at once rather than at
	// the next tick, so a backlog drains as fast as the senders allow.
	outboxBatch = 100
	// outboxWorkers bounds the sends in flight. Each push costs a few
	// fsynced store writes besides the send, so one at a time delivers
	// fewer than Telegram's 30 messages/s; deliveries to different chats go
	// out concurrently, those to one chat one after another, in order.
	outboxWorkers  = 16
	outboxMaxTries = 12
	// outboxMaxAge is how long a push keeps being retried: a question
	// delivered a day late is no longer today's question.
	outboxMaxAge = 24 * time.Hour
)

// RunOutbox delivers pushes from the outbox through the senders (one per
// platform) until ctx is done, checking every second, and at once again
// after a full batch.
func (b *Bot) RunOutbox(ctx context.Context, senders map[bot.Platform]bot.Sender) error {
	t := time.NewTicker(outboxTick)
	defer t.Stop()
	for {
		res, err := b.deliverBatch(ctx, senders)
		if err != nil && ctx.Err() == nil {
			b.log.ErrorContext(ctx, "deliver pushes", "err", err)
		}
		if ctx.Err() == nil && err == nil && res.settled == outboxBatch {
			continue // more may be due: no pause
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// DeliverDue sends the deliveries that are due (up to a batch). A delivery
// is marked done right after its send succeeds; a failed send is retried
// with backoff, and given up when the platform says it can never succeed,
// after outboxMaxTries, or after outboxMaxAge. Deliveries to different
// chats are sent concurrently, those to one chat in order, one at a time.
// It returns how many it delivered.
func (b *Bot) DeliverDue(ctx context.Context, senders map[bot.Platform]bot.Sender) (int, error) {
	res, err := b.deliverBatch(ctx, senders)
	return res.delivered, err
}

// batchResult counts the outcome of one batch: deliveries sent and marked,
// and deliveries settled (marked sent, or marked failed for a later try or
// for good).
type batchResult struct {
	delivered, settled int
}

// deliverBatch reads a batch of due deliveries and sends them, each chat's
// in order by one worker, at most outboxWorkers chats at once. It returns
// once every delivery of the batch is settled or left for later, so the
// next batch never holds one of them again.
func (b *Bot) deliverBatch(ctx context.Context, senders map[bot.Platform]bot.Sender) (batchResult, error) {
	now := b.now()
	due, err := b.store.DueDeliveries(ctx, now, outboxBatch)
	if err != nil {
		return batchResult{}, fmt.Errorf("load due deliveries: %w", err)
	}
	var (
		mu   sync.Mutex
		res  batchResult
		errs []error
	)
	inParallel(ctx, outboxWorkers, chatQueues(due, senders), func(queue []bot.Delivery) {
		for _, d := range queue {
			if ctx.Err() != nil {
				return // shutting down: the rest stays in the outbox
			}
			sent, settled, err := b.deliver(ctx, senders[d.Chat.Platform], d, now)
			mu.Lock()
			if sent {
				res.delivered++
			}
			if settled {
				res.settled++
			}
			if err != nil {
				errs = append(errs, err)
			}
			mu.Unlock()
		}
	})
	return res, errors.Join(errs...)
}

// chatQueues groups deliveries by chat, keeping their order within each
// chat and the order of each chat's first delivery. Deliveries for a
// platform without a sender (not configured, or its adapter failed) are
// left out: they stay in the outbox for when it runs.
func chatQueues(due []bot.Delivery, senders map[bot.Platform]bot.Sender) [][]bot.Delivery {
	var queues [][]bot.Delivery
	index := map[string]int{}
	for _, d := range due {
		if _, ok := senders[d.Chat.Platform]; !ok {
			continue
		}
		k := d.Chat.Key()
		i, ok := index[k]
		if !ok {
			i = len(queues)
			index[k] = i
			queues = append(queues, nil)
		}
		queues[i] = append(queues[i], d)
	}
	return queues
}

// deliver sends one delivery and records the outcome: marked sent right
// after the send succeeds, or marked failed with its next try. It reports
// whether it was sent and marked, and whether it was settled (marked
// either way). When ctx ends during the send, the delivery is left as it
// is, for the next run.
func (b *Bot) deliver(ctx context.Context, sender bot.Sender, d bot.Delivery, now time.Time) (sent, settled bool, err error) {
	msgID, sendErr := sender.Send(ctx, d.Chat, d.Reply)
	if sendErr == nil {
		sentAt := b.now()
		// Sent is sent: record it even when shutdown began during the
		// send, so that the next run does not send it again.
		mctx := context.WithoutCancel(ctx)
		if err := b.store.MarkSent(mctx, d.ID, msgID, sentAt); err != nil {
			return false, false, fmt.Errorf("mark %s sent: %w", d.ID, err)
		}
		b.obs.PushSent(d.Chat.Platform, sentAt.Sub(d.Created))
		if d.Reply.Track != "" {
			b.Sent(mctx, d.Chat, d.Reply.Track, msgID)
		}
		return true, true, nil
	}
	if ctx.Err() != nil {
		return false, false, nil // shutting down: the push stays in the outbox
	}
	giveUp := errors.Is(sendErr, bot.ErrUndeliverable) || d.Tries+1 >= outboxMaxTries || now.Sub(d.Created) > outboxMaxAge
	next := now.Add(retryDelay(d.Tries))
	if err = b.store.MarkFailed(ctx, d.ID, sendErr.Error(), next, giveUp); err != nil {
		err = fmt.Errorf("mark %s failed: %w", d.ID, err)
	}
	switch {
	case errors.Is(sendErr, bot.ErrUndeliverable):
		b.obs.PushFailed(d.Chat.Platform, "undeliverable")
	case giveUp:
		b.obs.PushFailed(d.Chat.Platform, "gave_up")
	default:
		b.obs.PushFailed(d.Chat.Platform, "retry")
	}
	b.log.WarnContext(ctx, "push not delivered", "id", d.ID, "tries", d.Tries+1, "give_up", giveUp, "err", sendErr)
	if errors.Is(sendErr, bot.ErrUndeliverable) {
		b.stopPushes(ctx, d.Chat)
	}
	return false, err == nil, err
}

// Redeliver keeps a reply an adapter could not send now and delivers it to
// chat through the outbox, no sooner than after, with the outbox's retries:
// feedback rate limited past an adapter's budget is late, not lost.
func (b *Bot) Redeliver(ctx context.Context, chat bot.Chat, r bot.Reply, after time.Duration) error {
	now := b.now()
	// Unreachable concerned the event's group; Edit and ReplyTo named
	// messages of the event's chat.
	r.Edit, r.ReplyTo, r.Unreachable = "", "", nil
	d := bot.Delivery{
		ID:   fmt.Sprintf("later/%s/%s/%x", chat.Key(), now.UTC().Format(time.RFC3339Nano), fingerprint([]bot.Reply{r})),
		Chat: chat, Reply: r, Created: now, NextTry: now.Add(max(after, 0)),
	}
	if _, err := b.store.Enqueue(ctx, d); err != nil {
		return fmt.Errorf("redeliver: %w", err)
	}
	b.log.InfoContext(ctx, "reply kept for later", "chat", chat.Key(), "after", after)
	return nil
}

// retryDelay backs off exponentially from 10 s to 30 min.
func retryDelay(tries int) time.Duration {
	d := 10 * time.Second << min(tries, 10)
	return min(d, 30*time.Minute)
}

// stopPushes unsubscribes a chat the platform says can never be reached
// (the bot was blocked or removed), so it is not pushed to every day.
func (b *Bot) stopPushes(ctx context.Context, chat bot.Chat) {
	c, err := b.store.Chat(ctx, chat.Key())
	if err != nil || c.Schedule == nil {
		return
	}
	c.Schedule = nil
	if err := b.store.PutChat(ctx, c); err != nil {
		b.log.ErrorContext(ctx, "unsubscribe unreachable chat", "chat", chat.Key(), "err", err)
		return
	}
	b.log.InfoContext(ctx, "unsubscribed unreachable chat", "chat", chat.Key())
}
