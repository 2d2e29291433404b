package telegram

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/bot"
)

// allowedUpdates are the update kinds the adapter asks Telegram for.
func allowedUpdates() []string {
	return []string{"message", "channel_post", "callback_query"}
}

// updateKey returns the key that orders an update's handling: its chat,
// or for a button of an inline message its user. ok is false for updates
// the adapter ignores (edits and the kinds it does not ask for).
func updateKey(u tgbotapi.Update) (key int64, ok bool) {
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		return u.Message.Chat.ID, true
	case u.ChannelPost != nil && u.ChannelPost.Chat != nil:
		return u.ChannelPost.Chat.ID, true
	case u.CallbackQuery != nil:
		cq := u.CallbackQuery
		switch {
		case cq.Message != nil && cq.Message.Chat != nil:
			return cq.Message.Chat.ID, true
		case cq.From != nil:
			return cq.From.ID, true
		}
		return 0, true
	}
	return 0, false
}

// event turns an update into a core event; ok is false for updates the
// core does not see: edits, messages from bots, service messages,
// commands for another bot, buttons of inline messages.
func (a *Adapter) event(ctx context.Context, u tgbotapi.Update) (bot.Event, bool) {
	switch {
	case u.Message != nil:
		return a.messageEvent(ctx, u.Message)
	case u.ChannelPost != nil:
		return a.messageEvent(ctx, u.ChannelPost)
	case u.CallbackQuery != nil:
		return a.actionEvent(ctx, u.CallbackQuery)
	}
	return bot.Event{}, false
}

// messageEvent turns a message or channel post into EventMessage or
// EventCommand.
func (a *Adapter) messageEvent(ctx context.Context, m *tgbotapi.Message) (bot.Event, bool) {
	if m.Chat == nil {
		return bot.Event{}, false
	}
	text := m.Text
	if text == "" {
		text = m.Caption
	}
	media := a.mediaOf(m)
	if strings.TrimSpace(text) == "" && media == nil {
		return bot.Event{}, false // service messages
	}
	// An anonymous group administrator posts as the group itself, through
	// a bot account; other bots are ignored.
	anonymousAdmin := m.SenderChat != nil && m.SenderChat.ID == m.Chat.ID
	if m.From != nil && m.From.IsBot && !anonymousAdmin {
		return bot.Event{}, false
	}
	chat := chatOf(m.Chat)
	var user bot.User
	switch {
	case anonymousAdmin || m.From == nil && m.SenderChat != nil:
		user = bot.User{Platform: bot.Telegram, ID: strconv.FormatInt(m.SenderChat.ID, 10), Name: chatTitle(m.SenderChat)}
	case m.From != nil:
		user = userOf(m.From)
	case chat.Kind == bot.Channel:
		user = bot.User{Platform: bot.Telegram, ID: chat.ID, Name: chat.Title}
	default:
		return bot.Event{}, false
	}
	ev := bot.Event{
		Kind:      bot.EventMessage,
		Chat:      chat,
		User:      user,
		Text:      text,
		Media:     media,
		MessageID: strconv.Itoa(m.MessageID),
	}
	if m.Date > 0 {
		ev.Time = time.Unix(int64(m.Date), 0)
	}
	if m.ReplyToMessage != nil {
		ev.ReplyTo = strconv.Itoa(m.ReplyToMessage.MessageID)
	}
	name, target, args, isCmd := parseCommand(text)
	if !isCmd || media.Heard() {
		return ev, true
	}
	if target != "" && !strings.EqualFold(target, a.username()) {
		return bot.Event{}, false // "/next@otherbot" is for another bot
	}
	ev.Kind, ev.Text = bot.EventCommand, ""
	ev.Command, ev.Args = strings.ToLower(name), args
	ev.Admin = anonymousAdmin || a.isAdmin(ctx, chat, m.From)
	return ev, true
}

// actionEvent turns a button press into EventAction.
func (a *Adapter) actionEvent(ctx context.Context, cq *tgbotapi.CallbackQuery) (bot.Event, bool) {
	if cq.From == nil || cq.Message == nil || cq.Message.Chat == nil || cq.Data == "" {
		return bot.Event{}, false
	}
	chat := chatOf(cq.Message.Chat)
	return bot.Event{
		Kind:      bot.EventAction,
		Chat:      chat,
		User:      userOf(cq.From),
		Action:    cq.Data,
		MessageID: strconv.Itoa(cq.Message.MessageID),
		Admin:     a.isAdmin(ctx, chat, cq.From),
	}, true
}

// chatOf converts a chat.
func chatOf(c *tgbotapi.Chat) bot.Chat {
	kind := bot.Private
	switch c.Type {
	case "group", "supergroup":
		kind = bot.Group
	case "channel":
		kind = bot.Channel
	}
	return bot.Chat{Platform: bot.Telegram, ID: strconv.FormatInt(c.ID, 10), Kind: kind, Title: chatTitle(c)}
}

// chatTitle returns a chat's title, or for a private chat the person's
// name.
func chatTitle(c *tgbotapi.Chat) string {
	if c.Title != "" {
		return c.Title
	}
	return displayName(c.FirstName, c.LastName, c.UserName)
}

// userOf converts a user.
func userOf(u *tgbotapi.User) bot.User {
	return bot.User{
		Platform: bot.Telegram,
		ID:       strconv.FormatInt(u.ID, 10),
		Name:     displayName(u.FirstName, u.LastName, u.UserName),
		Lang:     u.LanguageCode,
	}
}

// displayName returns "First Last", or the username when there is no name.
func displayName(first, last, username string) string {
	if n := strings.TrimSpace(first + " " + last); n != "" {
		return n
	}
	return username
}

// parseCommand parses "/name[@bot] args". The name is made of ASCII
// letters, digits and underscores and must be followed by a space or the
// end of the text; args are the rest, trimmed.
func parseCommand(text string) (name, target, args string, ok bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", "", false
	}
	i := 1 + wordLen(text[1:])
	name = text[1:i]
	if name == "" || len(name) > 64 {
		return "", "", "", false
	}
	if i < len(text) && text[i] == '@' {
		j := i + 1 + wordLen(text[i+1:])
		target = text[i+1 : j]
		if target == "" {
			return "", "", "", false
		}
		i = j
	}
	if i < len(text) {
		r, _ := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			return "", "", "", false
		}
	}
	return name, target, strings.TrimSpace(text[i:]), true
}

// wordLen returns the length of the leading run of ASCII letters, digits
// and underscores.
func wordLen(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return i
		}
	}
	return len(s)
}
