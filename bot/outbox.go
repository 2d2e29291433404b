package bot

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Outbox delivery policy.
const (
	outboxTick     = time.Second
	outboxBatch    = 50
	outboxMaxTries = 12
	// outboxMaxAge is how long a push keeps being retried: a question
	// delivered a day late is no longer today's question.
	outboxMaxAge = 24 * time.Hour
)

// RunOutbox delivers pushes from the outbox through the senders (one per
// platform) until ctx is done, checking every second.
func (b *Bot) RunOutbox(ctx context.Context, senders map[Platform]Sender) error {
	t := time.NewTicker(outboxTick)
	defer t.Stop()
	for {
		if _, err := b.DeliverDue(ctx, senders); err != nil && ctx.Err() == nil {
			b.log.ErrorContext(ctx, "deliver pushes", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// DeliverDue sends the deliveries that are due. A delivery is marked done
// right after its send succeeds; a failed send is retried with backoff,
// and given up when the platform says it can never succeed, after
// outboxMaxTries, or after outboxMaxAge. It returns how many it delivered.
func (b *Bot) DeliverDue(ctx context.Context, senders map[Platform]Sender) (int, error) {
	now := b.now()
	due, err := b.store.DueDeliveries(ctx, now, outboxBatch)
	if err != nil {
		return 0, fmt.Errorf("load due deliveries: %w", err)
	}
	n := 0
	var errs []error
	for _, d := range due {
		if ctx.Err() != nil {
			break
		}
		sender, ok := senders[d.Chat.Platform]
		if !ok {
			// The platform is not running now (not configured, or its
			// adapter failed): keep the push for when it is.
			continue
		}
		msgID, sendErr := sender.Send(ctx, d.Chat, d.Reply)
		if sendErr == nil {
			sentAt := b.now()
			if err := b.store.MarkSent(ctx, d.ID, msgID, sentAt); err != nil {
				errs = append(errs, fmt.Errorf("mark %s sent: %w", d.ID, err))
				continue
			}
			b.obs.PushSent(d.Chat.Platform, sentAt.Sub(d.Created))
			n++
			if d.Reply.Track != "" {
				b.Sent(ctx, d.Chat, d.Reply.Track, msgID)
			}
			continue
		}
		if ctx.Err() != nil {
			break // shutting down: the push stays in the outbox
		}
		giveUp := errors.Is(sendErr, ErrUndeliverable) || d.Tries+1 >= outboxMaxTries || now.Sub(d.Created) > outboxMaxAge
		next := now.Add(retryDelay(d.Tries))
		if err := b.store.MarkFailed(ctx, d.ID, sendErr.Error(), next, giveUp); err != nil {
			errs = append(errs, fmt.Errorf("mark %s failed: %w", d.ID, err))
		}
		switch {
		case errors.Is(sendErr, ErrUndeliverable):
			b.obs.PushFailed(d.Chat.Platform, "undeliverable")
		case giveUp:
			b.obs.PushFailed(d.Chat.Platform, "gave_up")
		default:
			b.obs.PushFailed(d.Chat.Platform, "retry")
		}
		b.log.WarnContext(ctx, "push not delivered", "id", d.ID, "tries", d.Tries+1, "give_up", giveUp, "err", sendErr)
		if errors.Is(sendErr, ErrUndeliverable) {
			b.stopPushes(ctx, d.Chat)
		}
	}
	return n, errors.Join(errs...)
}

// retryDelay backs off exponentially from 10 s to 30 min.
func retryDelay(tries int) time.Duration {
	d := 10 * time.Second << min(tries, 10)
	return min(d, 30*time.Minute)
}

// stopPushes unsubscribes a chat the platform says can never be reached
// (the bot was blocked or removed), so it is not pushed to every day.
func (b *Bot) stopPushes(ctx context.Context, chat Chat) {
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
