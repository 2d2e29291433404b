package telegram

import (
	"context"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/bot"
)

// Updates pass the core's flood limit as they arrive, before they wait in
// their chat's queue. A queue drains at about one update a second (one
// reply a second per chat), and an update is confirmed only once handled,
// so a flooder's backlog held the lowest unconfirmed update back: every
// getUpdates brought the same 100 of the flooder's updates again and
// nobody else's. Dropped updates are confirmed at once, so the window
// moves past a flood in a few polls.

// admitUpdate asks the core (when it offers bot.Admitter) whether an
// update that just arrived is handled. For a dropped one that earns the
// person a notice, the notice is queued behind their chat's work without
// holding back the confirmation of anything. admitted reports whether the
// update is to be handled (with Event.Admitted set).
func (a *Adapter) admitUpdate(work context.Context, d *dispatcher, r bot.Replier, key int64, u tgbotapi.Update) (ok, admitted bool) {
	ad, isAdmitter := r.(bot.Admitter)
	if !isAdmitter {
		return true, false
	}
	ev, known := arrival(u)
	if !known {
		return true, false
	}
	adm := ad.Admit(work, ev)
	if adm.OK {
		return true, true
	}
	if adm.Notice != nil {
		notice := *adm.Notice
		d.submit(0, key, func() {
			if err := a.reply(work, r, ev, notice, new(bool)); err != nil {
				a.log.Warn("telegram flood notice not sent", "chat", ev.Chat.ID, "err", a.redact.Error(err))
			}
		})
	}
	return false, false
}

// arrival returns who sent an update and where, which is all the flood
// limit reads; known is false when the update names nobody.
func arrival(u tgbotapi.Update) (ev bot.Event, known bool) {
	var m *tgbotapi.Message
	switch {
	case u.Message != nil:
		m = u.Message
	case u.ChannelPost != nil:
		m = u.ChannelPost
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		cq := u.CallbackQuery
		ev.User = userOf(cq.From)
		ev.Chat = bot.Chat{Platform: bot.Telegram, ID: ev.User.ID, Kind: bot.Private}
		if cq.Message != nil && cq.Message.Chat != nil {
			ev.Chat = chatOf(cq.Message.Chat)
		}
		return ev, true
	default:
		return ev, false
	}
	if m.Chat == nil {
		return ev, false
	}
	ev.Chat = chatOf(m.Chat)
	switch {
	case m.SenderChat != nil && (m.From == nil || m.From.IsBot):
		// An anonymous administrator or a channel: the core's user is
		// the sending chat.
		ev.User = bot.User{Platform: bot.Telegram, ID: strconv.FormatInt(m.SenderChat.ID, 10)}
	case m.From != nil:
		ev.User = userOf(m.From)
	default:
		return ev, false
	}
	return ev, true
}
