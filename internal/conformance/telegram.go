package conformance

import (
	"context"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/telegram"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// telegramDriver plays a person on the fake Bot API.
type telegramDriver struct {
	srv     *telegramfake.Server
	person  telegramfake.User
	dm      telegramfake.Chat
	group   telegramfake.Chat
	blocked telegramfake.Chat
	run     *running
}

// NewTelegram returns a driver of the Telegram adapter over a fake Bot API
// on loopback, with the person's private chat, a group they are in, and
// a private chat of someone who blocked the bot.
func NewTelegram(t *testing.T) Driver {
	srv := telegramfake.New("123456:conformance-token")
	t.Cleanup(srv.Close)
	ada := telegramfake.User{ID: 7, FirstName: "Ada", LanguageCode: "en"}
	bob := telegramfake.User{ID: 8, FirstName: "Bob", LanguageCode: "en"}
	d := &telegramDriver{srv: srv, person: ada, dm: telegramfake.PrivateChat(ada),
		group: telegramfake.Supergroup(-1001234567890, "Study group"), blocked: telegramfake.PrivateChat(bob)}
	for _, c := range []telegramfake.Chat{d.dm, d.group, d.blocked} {
		srv.AddChat(c)
	}
	srv.SetMember(d.group, ada, telegramfake.StatusMember)
	srv.SetBlocked(bob.ID, true)
	return d
}

func (d *telegramDriver) Platform() bot.Platform { return bot.Telegram }

// adapter returns a new adapter on the fake.
func (d *telegramDriver) adapter(t *testing.T) *telegram.Adapter {
	a, err := telegram.New(telegram.Config{
		Token: d.srv.Token(), APIEndpoint: d.srv.Endpoint(),
		Limits: telegram.Limits{Global: 1000, PerChat: 1000, PerGroup: 60000},
		Logger: slog.New(slog.DiscardHandler),
	}, telegram.WithRetryPolicy(telegram.RetryPolicy{MaxTries: 3, BaseDelay: 10 * time.Millisecond}))
	if err != nil {
		t.Fatalf("telegram.New: %v", err)
	}
	return a
}

func (d *telegramDriver) Capabilities(t *testing.T) bot.Capabilities {
	return d.adapter(t).Capabilities()
}

func (d *telegramDriver) Start(t *testing.T, r bot.Replier) bot.Adapter {
	a := d.adapter(t)
	d.run = runInBackground(a, r)
	t.Cleanup(func() { d.Stop(t) })
	wctx, wcancel := context.WithTimeout(context.Background(), waitBound)
	defer wcancel()
	if err := d.srv.WaitPolling(wctx); err != nil {
		t.Fatalf("the adapter does not poll: %v", err)
	}
	return a
}

func (d *telegramDriver) Stop(t *testing.T) {
	d.run.stop(t, waitBound)
	d.run = nil
}

// chatOf returns the bot.Chat of a fake chat.
func chatOf(c telegramfake.Chat, kind bot.ChatKind) bot.Chat {
	return bot.Chat{Platform: bot.Telegram, ID: strconv.FormatInt(c.ID, 10), Kind: kind}
}

func (d *telegramDriver) DM(t *testing.T) bot.Chat { return chatOf(d.dm, bot.Private) }

func (d *telegramDriver) Group(t *testing.T) (bot.Chat, bool) {
	return chatOf(d.group, bot.Group), true
}

// fakeChat returns the fake chat behind a bot.Chat.
func (d *telegramDriver) fakeChat(t *testing.T, chat bot.Chat) telegramfake.Chat {
	for _, c := range []telegramfake.Chat{d.dm, d.group, d.blocked} {
		if strconv.FormatInt(c.ID, 10) == chat.ID {
			return c
		}
	}
	t.Fatalf("no chat %s", chat.Key())
	return telegramfake.Chat{}
}

func (d *telegramDriver) Command(t *testing.T, chat bot.Chat, name, args string) {
	d.srv.SendCommand(d.fakeChat(t, chat), d.person, name, args)
}

func (d *telegramDriver) Say(t *testing.T, chat bot.Chat, text string) {
	d.srv.SendText(d.fakeChat(t, chat), d.person, text)
}

func (d *telegramDriver) Press(t *testing.T, chat bot.Chat, m Message, label string) {
	sent, _ := m.ref.(telegramfake.SentMessage)
	for _, b := range sent.Buttons() {
		if containsAll(b.Text, []string{label}) {
			if _, err := d.srv.PressButton(d.fakeChat(t, chat), d.person, sent.MessageID, b.CallbackData); err != nil {
				t.Fatalf("press %q: %v", label, err)
			}
			return
		}
	}
	t.Fatalf("no button %q under %q", label, m.Text)
}

func (d *telegramDriver) Messages(t *testing.T, chat bot.Chat) []Message {
	var out []Message
	for _, m := range d.srv.Messages(d.fakeChat(t, chat).ID) {
		if m.Deleted {
			continue
		}
		msg := Message{Text: m.PlainText, ref: m}
		for _, b := range m.Buttons() {
			msg.Buttons = append(msg.Buttons, b.Text)
		}
		out = append(out, msg)
	}
	return out
}

func (d *telegramDriver) Private(t *testing.T) []string {
	var out []string
	for _, m := range d.Messages(t, d.DM(t)) {
		out = append(out, m.Text)
	}
	return out
}

func (d *telegramDriver) Unreachable(t *testing.T) (bot.Chat, bool) {
	return chatOf(d.blocked, bot.Private), true
}

// MaxLen is Telegram's limit on a text message.
func (d *telegramDriver) MaxLen() int { return 4096 }
