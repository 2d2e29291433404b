package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/internal/drain"
	"github.com/interviewbot/interviewbot/bot/internal/retry"
)

// Polling constants.
const (
	// pollLimit is getUpdates' limit.
	pollLimit = 100
	// maxInflight bounds the updates being handled at once.
	maxInflight = 256
	// pollGrace is added to the long-poll timeout for the request's
	// deadline.
	pollGrace = 15 * time.Second
	// emptyPollMin and emptyPollMax bound the pause after a getUpdates that
	// came back empty well before its timeout (a proxy that ignores it).
	emptyPollMin = 500 * time.Millisecond
	emptyPollMax = 15 * time.Second
	// ackTimeout bounds the getUpdates that acknowledges the updates
	// handled during the drain.
	ackTimeout = 2 * time.Second
	// repeatPollMin and repeatPollMax bound the pause after a getUpdates
	// that brought back only updates still being handled.
	repeatPollMin = 100 * time.Millisecond
	repeatPollMax = time.Second
)

// runPolling deletes any webhook, then long-polls getUpdates until ctx is
// done. Updates of different chats are handled concurrently, those of one
// chat in order; an update is acknowledged (by the offset of a later
// getUpdates) only once it has been handled. Errors are logged and retried
// with a bounded backoff, never returned.
func (a *Adapter) runPolling(ctx, work context.Context, cancelWork context.CancelFunc, r bot.Replier) error {
	a.deleteWebhook(ctx)
	d := newDispatcher()
	acked, failures, empties, repeats := 0, 0, 0, 0
	for ctx.Err() == nil {
		changed := d.changes()
		if d.busy() >= maxInflight {
			waitChange(ctx, changed)
			continue
		}
		offset := d.ackOffset()
		start := time.Now()
		ups, err := a.getUpdates(ctx, offset)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			failures++
			wait := a.pollBackoff(err, failures)
			a.log.Warn("telegram getUpdates failed", "err", a.redact.Error(err), "failures", failures, "retry_in", wait)
			_ = retry.Sleep(ctx, wait)
			continue
		}
		failures, acked = 0, offset
		if len(ups) == 0 {
			if time.Since(start) < a.cfg.PollTimeout/2 {
				empties++
				_ = retry.Sleep(ctx, emptyBackoff(empties))
			} else {
				empties = 0
			}
			continue
		}
		empties = 0
		fresh := 0
		for _, u := range ups {
			if !d.isNew(u.id, offset) {
				continue
			}
			fresh++
			key, ok := updateKey(u.update)
			if !ok || u.bad {
				d.seen(u.id)
				continue
			}
			handle, admitted := a.admitUpdate(work, d, r, key, u.update)
			if !handle {
				d.seen(u.id) // dropped by the flood limit: confirmed now
				continue
			}
			up := u.update
			d.submit(u.id, key, func() { a.handleUpdate(work, r, up, admitted) })
		}
		if fresh == 0 {
			// Only updates still being handled came back: Telegram repeats
			// them at once until they are acknowledged. Wait until one is
			// done rather than asking again at once, but not for long: a
			// slow update must not hold back the other chats' new ones.
			repeats++
			waitChangeOr(ctx, changed, repeatBackoff(repeats))
		} else {
			repeats = 0
		}
	}
	return a.drainPolling(d, cancelWork, acked)
}

// drainPolling waits for the updates being handled, then acknowledges
// those that were handled in time.
func (a *Adapter) drainPolling(d *dispatcher, cancelWork context.CancelFunc, acked int) error {
	finished := d.wait(a.opts.drainTimeout)
	ack := d.ackOffset()
	if !finished {
		a.log.Warn("telegram updates still being handled at shutdown; they will come again", "timeout", a.opts.drainTimeout, "in_flight", d.busy())
		cancelWork()
		d.wait(drain.Grace)
	}
	if ack > acked {
		ctx, cancel := context.WithTimeout(context.Background(), ackTimeout)
		defer cancel()
		cfg := tgbotapi.UpdateConfig{Offset: ack, Limit: 1}
		if _, err := a.api(ctx).Request(cfg); err != nil {
			a.log.Warn("telegram could not acknowledge the last updates; they will come again", "offset", ack, "err", a.redact.Error(apiError("getUpdates", nil, err)))
		}
	}
	a.log.Info("telegram polling stopped")
	return nil
}

// polled is one update of a getUpdates answer.
type polled struct {
	id     int
	update tgbotapi.Update
	// bad marks an update that could not be decoded: it is skipped.
	bad bool
}

// getUpdates long-polls for updates after offset. Updates are decoded one
// by one, so that one the SDK cannot decode is skipped instead of blocking
// every later one.
func (a *Adapter) getUpdates(ctx context.Context, offset int) ([]polled, error) {
	timeout := a.cfg.PollTimeout
	pctx, cancel := context.WithTimeout(ctx, timeout+pollGrace)
	defer cancel()
	cfg := tgbotapi.UpdateConfig{
		Offset:         offset,
		Limit:          pollLimit,
		Timeout:        int(timeout / time.Second),
		AllowedUpdates: allowedUpdates(),
	}
	resp, err := a.api(pctx).Request(cfg)
	if err = apiError("getUpdates", resp, err); err != nil {
		return nil, err
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(resp.Result, &raws); err != nil {
		return nil, fmt.Errorf("telegram: getUpdates: decode: %w", err)
	}
	out := make([]polled, 0, len(raws))
	for _, raw := range raws {
		var u tgbotapi.Update
		if err := json.Unmarshal(raw, &u); err == nil {
			out = append(out, polled{id: u.UpdateID, update: u})
			continue
		}
		var id struct {
			UpdateID int `json:"update_id"`
		}
		if json.Unmarshal(raw, &id) != nil || id.UpdateID == 0 {
			return nil, fmt.Errorf("telegram: getUpdates: an update without update_id")
		}
		a.log.Warn("telegram update skipped: cannot decode it", "update_id", id.UpdateID, "err", err)
		out = append(out, polled{id: id.UpdateID, bad: true})
	}
	return out, nil
}

// pollBackoff returns the pause after a failed getUpdates: Telegram's
// retry_after for a 429, else an exponential backoff with jitter, at most
// emptyPollMax.
func (a *Adapter) pollBackoff(err error, failures int) time.Duration {
	if ae := asAPIError(err); ae != nil && ae.Code == 429 && ae.RetryAfter > 0 {
		return ae.RetryAfter
	}
	return min(a.opts.retry.Backoff(failures), emptyPollMax)
}

// emptyBackoff returns the pause after the n-th getUpdates in a row that
// came back empty long before its timeout.
func emptyBackoff(n int) time.Duration {
	return doubling(n, emptyPollMin, emptyPollMax)
}

// repeatBackoff returns the pause after the n-th getUpdates in a row that
// brought back only updates still being handled: short at first, so that
// new updates wait little, then at most a second, so that a slow update
// costs at most about one request a second.
func repeatBackoff(n int) time.Duration {
	return doubling(n, repeatPollMin, repeatPollMax)
}

// doubling returns lo doubled n-1 times, at most hi.
func doubling(n int, lo, hi time.Duration) time.Duration {
	d := lo
	for i := 1; i < n && d < hi; i++ {
		d *= 2
	}
	return min(d, hi)
}

// deleteWebhook removes a webhook left from webhook mode, which would make
// getUpdates fail, keeping the pending updates.
func (a *Adapter) deleteWebhook(ctx context.Context) {
	cfg := tgbotapi.DeleteWebhookConfig{DropPendingUpdates: false}
	_, err := a.do(ctx, callSpec{method: "deleteWebhook", tries: 3}, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.Request(cfg)
	})
	if err != nil && ctx.Err() == nil {
		a.log.Warn("telegram deleteWebhook failed", "err", a.redact.Error(err))
	}
}
