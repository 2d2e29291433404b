package telegramfake

import (
	"encoding/json"
	"time"
)

// Chat types as they appear in Chat.Type.
const (
	ChatPrivate    = "private"
	ChatGroup      = "group"
	ChatSupergroup = "supergroup"
	ChatChannel    = "channel"
)

// Chat member statuses accepted by SetMember and reported by getChatMember.
const (
	StatusCreator       = "creator"
	StatusAdministrator = "administrator"
	StatusMember        = "member"
	StatusRestricted    = "restricted"
	StatusLeft          = "left"
	StatusKicked        = "kicked"
)

// User is a Telegram user or bot, in the Bot API wire format.
type User struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name,omitempty"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
}

// Chat is a Telegram chat, in the Bot API wire format. A private chat has
// the ID of the user; groups and supergroups have negative IDs.
type Chat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title,omitempty"`
	Username  string `json:"username,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
}

// PrivateChat returns the private chat between the bot and u.
func PrivateChat(u User) Chat {
	return Chat{ID: u.ID, Type: ChatPrivate, Username: u.Username, FirstName: u.FirstName, LastName: u.LastName}
}

// Group returns a basic group chat. Its id should be negative.
func Group(id int64, title string) Chat {
	return Chat{ID: id, Type: ChatGroup, Title: title}
}

// Supergroup returns a supergroup chat. Its id should be negative,
// conventionally -100 followed by digits.
func Supergroup(id int64, title string) Chat {
	return Chat{ID: id, Type: ChatSupergroup, Title: title}
}

// withDefaults fills in the chat type from the id when it is missing.
func (c Chat) withDefaults() Chat {
	if c.Type != "" {
		return c
	}
	switch {
	case c.ID > 0:
		c.Type = ChatPrivate
	case c.ID <= -1_000_000_000_000:
		c.Type = ChatSupergroup
	default:
		c.Type = ChatGroup
	}
	return c
}

// isGroup reports whether the chat is a group or a supergroup.
func (c Chat) isGroup() bool {
	return c.Type == ChatGroup || c.Type == ChatSupergroup
}

// MessageEntity is a formatting or semantic span of a message text, with
// offset and length in UTF-16 code units as Telegram counts them.
type MessageEntity struct {
	Type          string `json:"type"`
	Offset        int    `json:"offset"`
	Length        int    `json:"length"`
	URL           string `json:"url,omitempty"`
	User          *User  `json:"user,omitempty"`
	Language      string `json:"language,omitempty"`
	CustomEmojiID string `json:"custom_emoji_id,omitempty"`
}

// InlineKeyboardButton is one button of an inline keyboard the bot sent.
// Buttons with other actions (login_url, web_app, switch_inline_query …)
// have neither URL nor CallbackData; the raw markup is in
// SentMessage.ReplyMarkup.
type InlineKeyboardButton struct {
	Text         string `json:"text"`
	URL          string `json:"url,omitempty"`
	CallbackData string `json:"callback_data,omitempty"`
}

// BotCommand is one command registered with setMyCommands.
type BotCommand struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// CommandScope is the scope of a command list (BotCommandScope on the wire).
// The zero value means the default scope.
type CommandScope struct {
	Type   string `json:"type"`
	ChatID int64  `json:"chat_id,omitempty"`
	UserID int64  `json:"user_id,omitempty"`
}

// File is a photo or document the bot uploaded or referenced.
type File struct {
	// FileID is the file_id the fake assigned; the bot can send it again.
	FileID string
	// Name is the uploaded file name.
	Name string
	// ContentType is the MIME type of a document.
	ContentType string
	// Data holds the uploaded bytes; it is nil when the bot sent a URL.
	Data []byte
	// URL is set when the bot sent an HTTP URL instead of uploading.
	URL string
	// Path is the file_path getFile reports for a file a user sent, under
	// which /file/bot<token>/ serves it.
	Path string
}

// SentMessage is the fake's record of a message the bot sent, in its
// current state (edits are applied in place).
type SentMessage struct {
	// ChatID and MessageID identify the message.
	ChatID    int64
	MessageID int
	// Method is the Bot API method that created it: sendMessage,
	// sendPhoto or sendDocument.
	Method string
	// Text is the text (or caption) exactly as the bot sent it.
	Text string
	// PlainText is what a user sees: markup parsed, tags stripped,
	// entities decoded and surrounding whitespace trimmed.
	PlainText string
	// ParseMode is the parse_mode the bot used, if any.
	ParseMode string
	// Entities are the formatting entities of PlainText.
	Entities []MessageEntity
	// Keyboard is the inline keyboard attached to the message, if any.
	Keyboard [][]InlineKeyboardButton
	// ReplyMarkup is the raw reply_markup JSON of the last send or edit.
	ReplyMarkup json.RawMessage
	// ReplyToMessageID is the reply_to_message_id the bot set.
	ReplyToMessageID int
	// Edits counts successful edits; Edited reports Edits > 0.
	Edits  int
	Edited bool
	// Deleted reports that the bot deleted the message.
	Deleted bool
	// Photo or Document is set for sendPhoto and sendDocument.
	Photo    *File
	Document *File
	// Date is when the message was sent and EditDate when it was last edited.
	Date     time.Time
	EditDate time.Time
}

// Buttons returns the buttons of the inline keyboard, row by row.
func (m SentMessage) Buttons() []InlineKeyboardButton {
	var out []InlineKeyboardButton
	for _, row := range m.Keyboard {
		out = append(out, row...)
	}
	return out
}

// ButtonData returns the callback data of the first button whose text is
// label.
func (m SentMessage) ButtonData(label string) (string, bool) {
	for _, b := range m.Buttons() {
		if b.Text == label && b.CallbackData != "" {
			return b.CallbackData, true
		}
	}
	return "", false
}

// clone returns a deep copy so callers cannot alter the fake's state.
func (m SentMessage) clone() SentMessage {
	m.Entities = append([]MessageEntity(nil), m.Entities...)
	if m.Keyboard != nil {
		rows := make([][]InlineKeyboardButton, len(m.Keyboard))
		for i, r := range m.Keyboard {
			rows[i] = append([]InlineKeyboardButton(nil), r...)
		}
		m.Keyboard = rows
	}
	m.ReplyMarkup = append(json.RawMessage(nil), m.ReplyMarkup...)
	if m.Photo != nil {
		f := *m.Photo
		m.Photo = &f
	}
	if m.Document != nil {
		f := *m.Document
		m.Document = &f
	}
	return m
}

// CallbackAnswer is the bot's answer to a callback query.
type CallbackAnswer struct {
	QueryID   string
	Text      string
	ShowAlert bool
	URL       string
	CacheTime int
	Time      time.Time
}

// Request is one entry of the request log.
type Request struct {
	// Method is the Bot API method as routed (canonical case), or the
	// path's method segment when it was unknown.
	Method string
	// Params are the request parameters; JSON-typed ones are JSON text.
	Params map[string]string
	// Time is when the request arrived.
	Time time.Time
	// Status is the HTTP status answered; 0 means no response (a reset,
	// a hung or abandoned request, or one still in progress).
	Status int
	// Fault names the injected fault that answered it, if any.
	Fault string
}

// wireMessage is a Message object in the Bot API wire format.
type wireMessage struct {
	MessageID       int             `json:"message_id"`
	From            *User           `json:"from,omitempty"`
	Chat            Chat            `json:"chat"`
	Date            int64           `json:"date"`
	EditDate        int64           `json:"edit_date,omitempty"`
	ReplyToMessage  *wireMessage    `json:"reply_to_message,omitempty"`
	Text            string          `json:"text,omitempty"`
	Entities        []MessageEntity `json:"entities,omitempty"`
	Photo           []photoSize     `json:"photo,omitempty"`
	Document        *document       `json:"document,omitempty"`
	Voice           *audioFile      `json:"voice,omitempty"`
	Audio           *audioFile      `json:"audio,omitempty"`
	VideoNote       *videoNote      `json:"video_note,omitempty"`
	Sticker         *sticker        `json:"sticker,omitempty"`
	Caption         string          `json:"caption,omitempty"`
	CaptionEntities []MessageEntity `json:"caption_entities,omitempty"`
	ReplyMarkup     json.RawMessage `json:"reply_markup,omitempty"`
}

// photoSize is a PhotoSize object.
type photoSize struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	FileSize     int    `json:"file_size,omitempty"`
}

// document is a Document object.
type document struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileName     string `json:"file_name,omitempty"`
	MimeType     string `json:"mime_type,omitempty"`
	FileSize     int    `json:"file_size,omitempty"`
}

// callbackQuery is a CallbackQuery object.
type callbackQuery struct {
	ID           string       `json:"id"`
	From         User         `json:"from"`
	Message      *wireMessage `json:"message,omitempty"`
	ChatInstance string       `json:"chat_instance"`
	Data         string       `json:"data,omitempty"`
}
