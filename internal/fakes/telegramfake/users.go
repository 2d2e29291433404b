package telegramfake

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
)

// SendText simulates a user typing text in a chat (registering both) and
// returns the message id. Telegram's bot_command and mention entities are
// added. The update is queued for the bot unless group privacy mode hides
// it from the bot.
func (s *Server) SendText(chat Chat, from User, text string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.userTextLocked(chat, from, text, nil)
}

// SendCommand simulates a user sending /command with optional arguments.
// The command may be given with or without the slash and with an
// @botname suffix ("start", "/start", "start@test_bot").
func (s *Server) SendCommand(chat Chat, from User, command, args string) int {
	text := "/" + strings.TrimPrefix(command, "/")
	if args != "" {
		text += " " + args
	}
	return s.SendText(chat, from, text)
}

// SendReply simulates a user replying to a message of the chat (usually
// one the bot sent); the update carries reply_to_message.
func (s *Server) SendReply(chat Chat, from User, replyTo int, text string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.chatLocked(chat)
	target, ok := cs.messages[replyTo]
	if !ok {
		return 0, fmt.Errorf("telegramfake: reply: no message %d in chat %d", replyTo, cs.chat.ID)
	}
	return s.userTextLocked(chat, from, text, target), nil
}

// EditText simulates a user editing one of their messages; the bot gets an
// edited_message update.
func (s *Server) EditText(chat Chat, from User, messageID int, text string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.chatLocked(chat)
	m, ok := cs.messages[messageID]
	if !ok || m.record != nil || m.msg.From == nil || m.msg.From.ID != from.ID {
		return fmt.Errorf("telegramfake: edit: no message %d from user %d in chat %d", messageID, from.ID, cs.chat.ID)
	}
	m.msg.Text, m.msg.Entities = text, detectEntities(text)
	m.msg.EditDate = s.now().Unix()
	if s.seesLocked(cs, m.msg, nil) {
		if _, err := s.enqueueLocked("edited_message", m.msg); err != nil {
			return err
		}
	}
	return nil
}

// PressButton simulates a user pressing an inline button of a bot message
// and returns the callback query id. The message must carry a button with
// that callback data.
func (s *Server) PressButton(chat Chat, from User, messageID int, data string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.chatLocked(chat)
	m, ok := cs.messages[messageID]
	if !ok || m.record == nil {
		return "", fmt.Errorf("telegramfake: press button: no bot message %d in chat %d", messageID, cs.chat.ID)
	}
	found := false
	for _, b := range m.record.Buttons() {
		found = found || b.CallbackData == data
	}
	if !found {
		return "", fmt.Errorf("telegramfake: press button: message %d has no button with callback data %q", messageID, data)
	}
	s.users[from.ID] = from
	id := strconv.FormatInt(s.bot.ID*1000+s.nextSeqLocked(), 10)
	q := callbackQuery{
		ID: id, From: from, Message: &m.msg, Data: data,
		ChatInstance: strconv.FormatInt(cs.chat.ID*-7919+s.bot.ID, 10),
	}
	s.queries[id] = &pendingQuery{created: s.now()}
	if _, err := s.enqueueLocked("callback_query", q); err != nil {
		return "", err
	}
	return id, nil
}

// userTextLocked stores a user's text message and queues it for the
// bot.
func (s *Server) userTextLocked(chat Chat, from User, text string, replyTo *storedMessage) int {
	return s.userMessageLocked(chat, from, wireMessage{Text: text, Entities: detectEntities(text)}, replyTo)
}

// userMessageLocked stores a user's message (its content in wm) and queues
// it for the bot.
func (s *Server) userMessageLocked(chat Chat, from User, wm wireMessage, replyTo *storedMessage) int {
	cs := s.chatLocked(chat)
	s.users[from.ID] = from
	if _, ok := cs.members[from.ID]; !ok && cs.chat.isGroup() {
		cs.members[from.ID] = StatusMember
	}
	id := cs.nextID
	cs.nextID++
	u := from
	wm.MessageID, wm.From, wm.Chat, wm.Date = id, &u, cs.chat, s.now().Unix()
	if replyTo != nil {
		r := replyTo.msg
		r.ReplyToMessage = nil
		wm.ReplyToMessage = &r
	}
	cs.messages[id] = &storedMessage{msg: wm}
	if s.seesLocked(cs, wm, replyTo) {
		// Encoding a wireMessage cannot fail.
		_, _ = s.enqueueLocked("message", wm)
	}
	s.notifyLocked()
	return id
}

// seesLocked applies group privacy mode: whether the bot receives a user
// message.
func (s *Server) seesLocked(cs *chatState, m wireMessage, replyTo *storedMessage) bool {
	if !s.privacy || !cs.chat.isGroup() {
		return true
	}
	if st := cs.members[s.bot.ID]; st == StatusAdministrator || st == StatusCreator {
		return true
	}
	if replyTo != nil && replyTo.record != nil {
		return true
	}
	for _, e := range m.Entities {
		span := utf16Slice(m.Text, e.Offset, e.Length)
		switch e.Type {
		case "bot_command":
			_, target, addressed := strings.Cut(span, "@")
			if !addressed || strings.EqualFold(target, s.bot.Username) {
				return true
			}
		case "mention":
			if strings.EqualFold(span, "@"+s.bot.Username) {
				return true
			}
		}
	}
	return false
}

// utf16Slice returns the part of s at a UTF-16 offset and length.
func utf16Slice(s string, offset, length int) string {
	u := utf16.Encode([]rune(s))
	if offset < 0 || length < 0 || offset+length > len(u) {
		return ""
	}
	return string(utf16.Decode(u[offset : offset+length]))
}
