package telegram

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/internal/split"
)

// callbackWait is how long a button press in a group waits for the core
// before its callback query is answered without text, so that the button
// stops spinning even when the core is slow.
const callbackWait = 2 * time.Second

// maxToast is Telegram's limit on a callback answer's text, in UTF-16
// units.
const maxToast = 200

// handleUpdate hands the update to the core as an event (admitted: it
// passed the flood limit on arrival), answers a button press and sends the
// core's replies in order. A panic in the core is logged, not propagated:
// one bad update must not stop the bot.
func (a *Adapter) handleUpdate(ctx context.Context, r bot.Replier, u tgbotapi.Update, admitted bool) {
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("telegram update handling panicked", "update_id", u.UpdateID, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		}
	}()
	ev, ok := a.event(ctx, u)
	cq := u.CallbackQuery
	pressInGroup := ok && cq != nil && cq.ID != "" && ev.Chat.Kind == bot.Group
	if cq != nil && cq.ID != "" && !pressInGroup {
		// Answered first, so that the button stops spinning whatever the
		// core does.
		a.answerCallback(ctx, cq.ID, "")
	}
	if !ok {
		a.log.Debug("telegram update ignored", "update_id", u.UpdateID)
		return
	}
	ev.Admitted = admitted
	if ev.Media.Heard() {
		a.showTyping(ctx, ev.Chat)
	}
	var replies []bot.Reply
	if pressInGroup {
		replies = a.handlePress(ctx, r, cq.ID, ev)
	} else {
		replies = r.Handle(ctx, ev)
	}
	unreachableSent := false
	for _, rep := range replies {
		err := a.reply(ctx, r, ev, rep, &unreachableSent)
		if err == nil {
			continue
		}
		a.log.Warn("telegram reply failed", "chat", ev.Chat.ID, "update_id", u.UpdateID, "err", a.redact.Error(err))
		if errors.Is(err, bot.ErrUndeliverable) || ctx.Err() != nil {
			return
		}
	}
}

// handlePress runs the core on a button press in a group and answers the
// callback query: with the first short private reply as an alert only the
// presser sees (a notice that the button is someone else's, a hint), which
// then is not sent as a message, else without text. A core slower than
// callbackWait gets the empty answer first.
func (a *Adapter) handlePress(ctx context.Context, r bot.Replier, queryID string, ev bot.Event) []bot.Reply {
	done := make(chan []bot.Reply, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				a.log.Error("telegram update handling panicked", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				done <- nil
			}
		}()
		done <- r.Handle(ctx, ev)
	}()
	t := time.NewTimer(callbackWait)
	defer t.Stop()
	select {
	case replies := <-done:
		for i, rep := range replies {
			if text, ok := toastText(rep); ok {
				a.answerAlert(ctx, queryID, text)
				return append(replies[:i:i], replies[i+1:]...)
			}
		}
		a.answerCallback(ctx, queryID, "")
		return replies
	case <-t.C:
		a.answerCallback(ctx, queryID, "")
		return <-done
	}
}

// toastText returns a private reply as the text of a callback answer when
// it fits one: plain text within Telegram's limit, no buttons, no file, no
// edit.
func toastText(rep bot.Reply) (string, bool) {
	if !rep.Private || len(rep.Buttons) > 0 || rep.Attachment != nil || rep.Edit != "" {
		return "", false
	}
	text := sanitize(rep.Text.Plain())
	if text == "" || split.Len16(text) > maxToast {
		return "", false
	}
	return text, true
}

// reply sends one reply to an event and reports tracked messages to the
// core. A private reply to an event in a group goes to the person's private
// chat; when Telegram refuses it there (they never started the bot, or
// blocked it), the group gets the reply's Unreachable line instead, once
// per event (*unreachableSent), as a reply to their message: never the
// private reply itself.
func (a *Adapter) reply(ctx context.Context, r bot.Replier, ev bot.Event, rep bot.Reply, unreachableSent *bool) error {
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
		if len(rep.Unreachable) == 0 || *unreachableSent {
			a.log.Info("telegram private reply not delivered", "chat", ev.Chat.ID, "user", ev.User.ID, "err", a.redact.Error(err))
			return nil
		}
		a.log.Info("telegram private reply refused, telling the group", "chat", ev.Chat.ID, "user", ev.User.ID, "err", a.redact.Error(err))
		*unreachableSent = true
		rep = bot.Reply{Text: rep.Unreachable, ReplyTo: ev.MessageID, Kind: bot.KindInfo}
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

// answerAlert answers a callback query with text shown to the presser
// alone, as an alert they dismiss.
func (a *Adapter) answerAlert(ctx context.Context, id, text string) {
	cfg := tgbotapi.NewCallbackWithAlert(id, text)
	a.callback(ctx, cfg)
}

// answerCallback answers a callback query, which stops the button's
// spinner; text, if any, shows briefly. Failures (a query too old) are only
// logged.
func (a *Adapter) answerCallback(ctx context.Context, id, text string) {
	a.callback(ctx, tgbotapi.NewCallback(id, text))
}

// callback makes an answerCallbackQuery call.
func (a *Adapter) callback(ctx context.Context, cfg tgbotapi.CallbackConfig) {
	_, err := a.do(ctx, callSpec{method: "answerCallbackQuery", tries: 2, observed: true}, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.Request(cfg)
	})
	if err != nil {
		a.log.Warn("telegram answerCallbackQuery failed", "err", a.redact.Error(err))
	}
}
