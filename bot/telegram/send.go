package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/bot"
)

// errEmptyReply is returned for a reply with nothing to send.
var errEmptyReply = errors.New("reply has no text and no attachment")

// Send delivers a reply to a chat outside of any event (a scheduled push)
// and returns the id of its last message. Permanent failures (the bot
// blocked or removed, the chat gone) wrap bot.ErrUndeliverable; others
// (network, 5xx, flood control beyond the retry budget) may succeed later.
func (a *Adapter) Send(ctx context.Context, chat bot.Chat, r bot.Reply) (string, error) {
	id, err := a.deliver(ctx, chat, r)
	return id, a.redact.Error(err)
}

// target is a chat to send to.
type target struct {
	id    int64
	group bool // a group or a channel: the per-group limit applies
}

// targetOf returns where to send for a chat.
func targetOf(chat bot.Chat) (target, error) {
	if chat.Platform != "" && chat.Platform != bot.Telegram {
		return target{}, fmt.Errorf("telegram: chat %s is not a Telegram chat: %w", chat.Key(), bot.ErrUndeliverable)
	}
	id, err := strconv.ParseInt(chat.ID, 10, 64)
	if err != nil || id == 0 {
		return target{}, fmt.Errorf("telegram: chat id %q is not a Telegram chat id: %w", chat.ID, bot.ErrUndeliverable)
	}
	group := chat.Kind == bot.Group || chat.Kind == bot.Channel || chat.Kind == "" && id < 0
	return target{id: id, group: group}, nil
}

// messageID parses a message id; "" and garbage give 0.
func messageID(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// deliver renders and sends a reply and returns the id of its last
// message.
func (a *Adapter) deliver(ctx context.Context, chat bot.Chat, r bot.Reply) (string, error) {
	t, err := targetOf(chat)
	if err != nil {
		return "", err
	}
	replyTo := messageID(r.ReplyTo)
	kb := keyboard(r.Buttons)
	if r.Attachment != nil {
		return a.sendAttachment(ctx, t, r, replyTo, kb)
	}
	parts := renderParts(r.Text, textLimit)
	if len(parts) == 0 {
		return "", fmt.Errorf("telegram: %w: %w", errEmptyReply, bot.ErrUndeliverable)
	}
	if edit := messageID(r.Edit); edit > 0 {
		// A message sent in parts is edited where its buttons are, the
		// last part; the parts before it say what they said (an edit
		// changes a question's last lines).
		last := parts[len(parts)-1:]
		err := a.editText(ctx, t, edit, last[0], kb)
		switch {
		case err == nil:
			return strconv.Itoa(edit), nil
		case errors.Is(err, bot.ErrUndeliverable) || ctx.Err() != nil:
			return "", err
		}
		a.log.Debug("telegram edit failed, sending a new message", "chat", t.id, "message_id", edit, "err", a.redact.Error(err))
		parts = last
	}
	return a.sendParts(ctx, t, parts, replyTo, kb)
}

// sendParts sends the parts of a text in order, the first one as a reply
// to replyTo and the keyboard under the last one, and returns the last
// message's id.
func (a *Adapter) sendParts(ctx context.Context, t target, parts []part, replyTo int, kb *tgbotapi.InlineKeyboardMarkup) (string, error) {
	last := 0
	for i, p := range parts {
		cfg := tgbotapi.NewMessage(t.id, p.html)
		cfg.ParseMode = tgbotapi.ModeHTML
		cfg.DisableWebPagePreview = true
		if i == 0 && replyTo > 0 {
			cfg.ReplyToMessageID = replyTo
			cfg.AllowSendingWithoutReply = true
		}
		if i == len(parts)-1 && kb != nil {
			cfg.ReplyMarkup = *kb
		}
		msg, err := a.sendMessage(ctx, t, cfg)
		if isParseError(err) {
			a.log.Warn("telegram rejected the formatting, sending plain text", "chat", t.id, "err", a.redact.Error(err))
			cfg.Text, cfg.ParseMode = p.plain, ""
			msg, err = a.sendMessage(ctx, t, cfg)
		}
		if err != nil {
			return "", err
		}
		last = msg.MessageID
	}
	return strconv.Itoa(last), nil
}

// editText replaces the text and keyboard (none when kb is nil) of a
// message. An edit that changes nothing counts as done.
func (a *Adapter) editText(ctx context.Context, t target, id int, p part, kb *tgbotapi.InlineKeyboardMarkup) error {
	cfg := tgbotapi.NewEditMessageText(t.id, id, p.html)
	cfg.ParseMode = tgbotapi.ModeHTML
	cfg.DisableWebPagePreview = true
	cfg.ReplyMarkup = kb
	_, err := a.sendMessage(ctx, t, cfg)
	if isParseError(err) {
		a.log.Warn("telegram rejected the formatting, editing as plain text", "chat", t.id, "err", a.redact.Error(err))
		cfg.Text, cfg.ParseMode = p.plain, ""
		_, err = a.sendMessage(ctx, t, cfg)
	}
	if ae := asAPIError(err); ae != nil && ae.Code == 400 && ae.hasDescription("message is not modified") {
		return nil
	}
	return err
}

// sendAttachment sends a file (a photo for PNG images, else a document)
// with the text as its caption when it fits, else after the text. When
// Telegram will not take the file (too large, failing past the retries, a
// chat where files are not allowed), the text goes alone with the
// attachment's Unsent line: it is never lost with its file.
func (a *Adapter) sendAttachment(ctx context.Context, t target, r bot.Reply, replyTo int, kb *tgbotapi.InlineKeyboardMarkup) (string, error) {
	var caption *part
	textSent := false
	switch captions := renderParts(r.Text, captionLimit); len(captions) {
	case 0:
	case 1:
		caption = &captions[0]
	default:
		if _, err := a.sendParts(ctx, t, renderParts(r.Text, textLimit), replyTo, nil); err != nil {
			return "", err
		}
		replyTo, textSent = 0, true
	}
	att := r.Attachment
	name := strings.TrimSpace(sanitize(att.Name))
	if name == "" {
		name = "file"
	}
	file := tgbotapi.FileBytes{Name: name, Bytes: att.Data}
	mt, _, _ := mime.ParseMediaType(att.MIME)
	photo := mt == "image/png"
	id, err := a.sendFile(ctx, t, photo, file, caption, replyTo, kb)
	if ae := asAPIError(err); photo && ae != nil && ae.Code == 400 && !errors.Is(err, bot.ErrUndeliverable) {
		a.log.Warn("telegram rejected the photo, sending it as a document", "chat", t.id, "err", a.redact.Error(err))
		id, err = a.sendFile(ctx, t, false, file, caption, replyTo, kb)
	}
	if err != nil && ctx.Err() == nil && !isChatGone(err) {
		a.log.Warn("telegram did not take the file, sending the text alone", "chat", t.id, "file", name, "err", a.redact.Error(err))
		var text bot.Text
		if !textSent {
			text = append(text, r.Text...)
		}
		if att.Unsent != "" {
			text.Add(bot.I(att.Unsent))
		}
		if parts := renderParts(text, textLimit); len(parts) > 0 {
			return a.sendParts(ctx, t, parts, replyTo, kb)
		}
	}
	if err != nil {
		return "", err
	}
	return strconv.Itoa(id), nil
}

// isChatGone reports a failure to reach the chat at all (the bot blocked
// or removed, the chat gone), after which sending the text is no use: a
// refused file (too large, files not allowed here) is not one.
func isChatGone(err error) bool {
	ae := asAPIError(err)
	return errors.Is(err, bot.ErrUndeliverable) && (ae == nil || ae.Code != 400 || !ae.hasDescription("not enough rights to send"))
}

// sendFile uploads a photo or a document.
func (a *Adapter) sendFile(ctx context.Context, t target, photo bool, file tgbotapi.FileBytes, caption *part, replyTo int, kb *tgbotapi.InlineKeyboardMarkup) (int, error) {
	base := tgbotapi.BaseChat{ChatID: t.id}
	if replyTo > 0 {
		base.ReplyToMessageID = replyTo
		base.AllowSendingWithoutReply = true
	}
	if kb != nil {
		base.ReplyMarkup = *kb
	}
	build := func(plain bool) tgbotapi.Chattable {
		text, mode := "", ""
		if caption != nil {
			text, mode = caption.html, tgbotapi.ModeHTML
			if plain {
				text, mode = caption.plain, ""
			}
		}
		if photo {
			return tgbotapi.PhotoConfig{BaseFile: tgbotapi.BaseFile{BaseChat: base, File: file}, Caption: text, ParseMode: mode}
		}
		return tgbotapi.DocumentConfig{BaseFile: tgbotapi.BaseFile{BaseChat: base, File: file}, Caption: text, ParseMode: mode}
	}
	msg, err := a.sendMessage(ctx, t, build(false))
	if isParseError(err) {
		a.log.Warn("telegram rejected the caption's formatting, sending plain text", "chat", t.id, "err", a.redact.Error(err))
		msg, err = a.sendMessage(ctx, t, build(true))
	}
	return msg.MessageID, err
}

// sendMessage performs a call that posts or edits a message in t, within
// the rate limits and with retries, and decodes the message.
func (a *Adapter) sendMessage(ctx context.Context, t target, c tgbotapi.Chattable) (tgbotapi.Message, error) {
	spec := callSpec{method: methodOf(c), chatID: t.id, group: t.group, limited: true, observed: true}
	resp, err := a.do(ctx, spec, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.Request(c)
	})
	if err != nil {
		return tgbotapi.Message{}, err
	}
	var msg tgbotapi.Message
	if err := json.Unmarshal(resp.Result, &msg); err != nil {
		return tgbotapi.Message{}, fmt.Errorf("telegram: %s: decode the message: %w", spec.method, err)
	}
	return msg, nil
}

// methodOf names the Bot API method of a config, for errors and logs.
func methodOf(c tgbotapi.Chattable) string {
	switch c.(type) {
	case tgbotapi.MessageConfig:
		return "sendMessage"
	case tgbotapi.EditMessageTextConfig:
		return "editMessageText"
	case tgbotapi.PhotoConfig:
		return "sendPhoto"
	case tgbotapi.DocumentConfig:
		return "sendDocument"
	}
	return fmt.Sprintf("%T", c)
}

// isParseError reports Telegram rejecting HTML markup.
func isParseError(err error) bool {
	ae := asAPIError(err)
	return ae != nil && ae.Code == 400 && ae.hasDescription("can't parse entities")
}
