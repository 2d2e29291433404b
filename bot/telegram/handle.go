package telegram

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/bot"
)

// handleUpdate answers a button press, hands the update to the core as an
// event (admitted: it passed the flood limit on arrival) and sends the
// core's replies in order. A panic in the core is logged, not propagated:
// one bad update must not stop the bot.
func (a *Adapter) handleUpdate(ctx context.Context, r bot.Replier, u tgbotapi.Update, admitted bool) {
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("telegram update handling panicked", "update_id", u.UpdateID, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		}
	}()
	if cq := u.CallbackQuery; cq != nil && cq.ID != "" {
		// Answered first, so that the button stops spinning whatever the
		// core does.
		a.answerCallback(ctx, cq.ID)
	}
	ev, ok := a.event(ctx, u)
	if !ok {
		a.log.Debug("telegram update ignored", "update_id", u.UpdateID)
		return
	}
	ev.Admitted = admitted
	for _, rep := range r.Handle(ctx, ev) {
		err := a.reply(ctx, r, ev, rep)
		if err == nil {
			continue
		}
		a.log.Warn("telegram reply failed", "chat", ev.Chat.ID, "update_id", u.UpdateID, "err", a.redact.Error(err))
		if errors.Is(err, bot.ErrUndeliverable) || ctx.Err() != nil {
			return
		}
	}
}

// reply sends one reply to an event and reports tracked messages to the
// core. A private reply in a group goes to the user's private chat; when
// the bot may not write there (the user never started it), it goes to the
// group instead, as a reply to the user's message.
func (a *Adapter) reply(ctx context.Context, r bot.Replier, ev bot.Event, rep bot.Reply) error {
	if rep.Private && ev.Chat.Kind == bot.Group && isUserID(ev.User.ID) {
		dm := bot.Chat{Platform: bot.Telegram, ID: ev.User.ID, Kind: bot.Private, Title: ev.User.Name}
		// ReplyTo and Edit name messages of the group: they mean nothing
		// in the private chat.
		direct := rep
		direct.ReplyTo, direct.Edit = "", ""
		id, err := a.deliver(ctx, dm, direct)
		if err == nil {
			a.track(ctx, r, dm, rep.Track, id)
			return nil
		}
		if !errors.Is(err, bot.ErrUndeliverable) {
			return err
		}
		a.log.Info("telegram private reply sent to the group instead", "chat", ev.Chat.ID, "user", ev.User.ID, "err", a.redact.Error(err))
		if rep.ReplyTo == "" {
			rep.ReplyTo = ev.MessageID
		}
		rep.Edit = ""
	}
	id, err := a.deliver(ctx, ev.Chat, rep)
	if err != nil {
		return err
	}
	a.track(ctx, r, ev.Chat, rep.Track, id)
	return nil
}

// track reports a sent message the core asked to track.
func (a *Adapter) track(ctx context.Context, r bot.Replier, chat bot.Chat, track, id string) {
	if track != "" && id != "" {
		r.Sent(ctx, chat, track, id)
	}
}

// isUserID reports whether id is a user's (positive) Telegram id.
func isUserID(id string) bool {
	if id == "" || len(id) > 19 {
		return false
	}
	for _, c := range id {
		if c < '0' || c > '9' {
			return false
		}
	}
	return id != "0"
}

// answerCallback answers a callback query, which stops the button's
// spinner. Failures (a query too old) are only logged.
func (a *Adapter) answerCallback(ctx context.Context, id string) {
	cfg := tgbotapi.NewCallback(id, "")
	_, err := a.do(ctx, callSpec{method: "answerCallbackQuery", tries: 2, observed: true}, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.Request(cfg)
	})
	if err != nil {
		a.log.Warn("telegram answerCallbackQuery failed", "err", a.redact.Error(err))
	}
}
