package telegramfake

import (
	"bytes"
	"encoding/json"
)

// errNotModified is Telegram's answer to an edit that changes nothing.
const errNotModified = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"

// outgoing is a message the bot is about to post.
type outgoing struct {
	method    string
	rawText   string
	parseMode string
	text      formatted
	markup    markup
	replyTo   *storedMessage
	photo     *File
	document  *File
	sizes     []photoSize
}

// sendMessage posts a text message.
func (s *Server) sendMessage(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.formatText(c.p.str("text"), c.p.str("parse_mode"), c.p.str("entities"), false)
	if err != nil {
		return nil, err
	}
	cs, err := s.sendableChatLocked(c.p.str("chat_id"))
	if err != nil {
		return nil, err
	}
	mk, err := parseReplyMarkup(c.p.str("reply_markup"))
	if err != nil {
		return nil, err
	}
	replyTo, err := replyTarget(cs, c.p)
	if err != nil {
		return nil, err
	}
	return s.postLocked(cs, outgoing{
		method: c.method, rawText: c.p.str("text"), parseMode: c.p.str("parse_mode"),
		text: f, markup: mk, replyTo: replyTo,
	}), nil
}

// replyTarget finds the message a send replies to, from reply_to_message_id
// or reply_parameters.
func replyTarget(cs *chatState, p params) (*storedMessage, error) {
	id, _ := p.int("reply_to_message_id")
	allowMissing := p.bool("allow_sending_without_reply")
	var rp struct {
		MessageID                int  `json:"message_id"`
		AllowSendingWithoutReply bool `json:"allow_sending_without_reply"`
	}
	if ok, err := p.json("reply_parameters", &rp); err != nil {
		return nil, badRequest("can't parse reply parameters JSON object")
	} else if ok {
		id, allowMissing = int64(rp.MessageID), rp.AllowSendingWithoutReply
	}
	if id == 0 {
		return nil, nil
	}
	if m, ok := cs.messages[int(id)]; ok {
		return m, nil
	}
	if allowMissing {
		return nil, nil
	}
	return nil, badRequest("message to be replied not found")
}

// postLocked stores a new bot message and returns its wire form.
func (s *Server) postLocked(cs *chatState, o outgoing) wireMessage {
	id := cs.nextID
	cs.nextID++
	now := s.now()
	bot := s.botUserLocked()
	wm := wireMessage{MessageID: id, From: &bot, Chat: cs.chat, Date: now.Unix(), ReplyMarkup: o.markup.echo()}
	rec := &SentMessage{
		ChatID: cs.chat.ID, MessageID: id, Method: o.method,
		Text: o.rawText, PlainText: o.text.plain, ParseMode: o.parseMode, Entities: o.text.entities,
		Keyboard: o.markup.inline, ReplyMarkup: o.markup.raw, Photo: o.photo, Document: o.document, Date: now,
	}
	if o.replyTo != nil {
		r := o.replyTo.msg
		r.ReplyToMessage = nil
		wm.ReplyToMessage = &r
		rec.ReplyToMessageID = r.MessageID
	}
	switch {
	case o.photo != nil:
		wm.Photo, wm.Caption, wm.CaptionEntities = o.sizes, o.text.plain, o.text.entities
	case o.document != nil:
		wm.Document = &document{
			FileID: o.document.FileID, FileUniqueID: uniqueID(o.document.FileID), FileName: o.document.Name,
			MimeType: o.document.ContentType, FileSize: len(o.document.Data),
		}
		wm.Caption, wm.CaptionEntities = o.text.plain, o.text.entities
	default:
		wm.Text, wm.Entities = o.text.plain, o.text.entities
	}
	cs.messages[id] = &storedMessage{msg: wm, record: rec}
	s.sent = append(s.sent, rec)
	s.rate.record(cs.chat.ID, now)
	s.notifyLocked()
	return wm
}

// editTarget finds the bot message an edit method names.
func (s *Server) editTarget(p params) (*storedMessage, error) {
	if p.str("inline_message_id") != "" {
		return nil, badRequest("MESSAGE_ID_INVALID")
	}
	cs, err := s.sendableChatLocked(p.str("chat_id"))
	if err != nil {
		return nil, err
	}
	id, ok := p.int("message_id")
	if !ok || id <= 0 {
		return nil, badRequest("message identifier is not specified")
	}
	m, ok := cs.messages[int(id)]
	if !ok {
		return nil, badRequest("message to edit not found")
	}
	if m.record == nil {
		return nil, badRequest("message can't be edited")
	}
	return m, nil
}

// editMessageText replaces the text (and the inline keyboard: an edit
// without reply_markup removes it, as in Telegram).
func (s *Server) editMessageText(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.editTarget(c.p)
	if err != nil {
		return nil, err
	}
	if m.record.Method != "sendMessage" {
		return nil, badRequest("there is no text in the message to edit")
	}
	f, err := s.formatText(c.p.str("text"), c.p.str("parse_mode"), c.p.str("entities"), false)
	if err != nil {
		return nil, err
	}
	mk, err := parseEditMarkup(c.p.str("reply_markup"))
	if err != nil {
		return nil, err
	}
	if f.plain == m.msg.Text && sameJSON(f.entities, m.msg.Entities) && sameJSON(mk.echo(), m.msg.ReplyMarkup) {
		return nil, badRequest(errNotModified)
	}
	m.msg.Text, m.msg.Entities = f.plain, f.entities
	m.record.Text, m.record.PlainText, m.record.ParseMode, m.record.Entities = c.p.str("text"), f.plain, c.p.str("parse_mode"), f.entities
	return s.finishEditLocked(m, mk), nil
}

// editMessageReplyMarkup replaces the inline keyboard.
func (s *Server) editMessageReplyMarkup(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.editTarget(c.p)
	if err != nil {
		return nil, err
	}
	mk, err := parseEditMarkup(c.p.str("reply_markup"))
	if err != nil {
		return nil, err
	}
	if sameJSON(mk.echo(), m.msg.ReplyMarkup) {
		return nil, badRequest(errNotModified)
	}
	return s.finishEditLocked(m, mk), nil
}

// parseEditMarkup parses the reply_markup of an edit, which must be an
// inline keyboard.
func parseEditMarkup(s string) (markup, error) {
	mk, err := parseReplyMarkup(s)
	if err != nil {
		return markup{}, err
	}
	if mk.raw != nil && !mk.isInline() {
		return markup{}, badRequest("inline keyboard expected")
	}
	return mk, nil
}

// finishEditLocked applies the new markup, stamps the edit and returns the
// edited message.
func (s *Server) finishEditLocked(m *storedMessage, mk markup) wireMessage {
	now := s.now()
	m.msg.ReplyMarkup = mk.echo()
	m.msg.EditDate = now.Unix()
	m.record.Keyboard, m.record.ReplyMarkup = mk.inline, mk.raw
	m.record.Edits++
	m.record.Edited = true
	m.record.EditDate = now
	s.notifyLocked()
	return m.msg
}

// deleteMessage deletes a message of the bot or, where it may, of a user.
func (s *Server) deleteMessage(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, err := s.resolveChatLocked(c.p.str("chat_id"))
	if err != nil {
		return nil, err
	}
	id, ok := c.p.int("message_id")
	if !ok || id <= 0 {
		return nil, badRequest("message identifier is not specified")
	}
	m, ok := cs.messages[int(id)]
	if !ok {
		return nil, badRequest("message to delete not found")
	}
	if m.record == nil && cs.chat.isGroup() {
		if st := cs.members[s.bot.ID]; st != StatusAdministrator && st != StatusCreator {
			return nil, badRequest("message can't be deleted")
		}
	}
	delete(cs.messages, int(id))
	if m.record != nil {
		m.record.Deleted = true
	}
	s.notifyLocked()
	return true, nil
}

// sameJSON reports whether two values encode to the same JSON.
func sameJSON(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(normalizeNull(ja), normalizeNull(jb))
}

// normalizeNull maps the encodings of empty values to one form.
func normalizeNull(b []byte) []byte {
	switch string(b) {
	case "null", "[]", `""`:
		return nil
	}
	return b
}
