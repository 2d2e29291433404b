package bot

import (
	"context"
	"time"
)

// Platform names a chat platform.
type Platform string

// The platforms the bot talks to.
const (
	Telegram Platform = "telegram"
	Discord  Platform = "discord"
	Console  Platform = "console"
)

// ChatKind tells a private conversation from a group or a channel.
type ChatKind string

// The kinds of chat.
const (
	Private ChatKind = "private"
	Group   ChatKind = "group"
	Channel ChatKind = "channel"
)

// Chat is a conversation on a platform.
type Chat struct {
	Platform Platform `json:"platform"`
	ID       string   `json:"id"`
	Kind     ChatKind `json:"kind"`
	Title    string   `json:"title,omitempty"`
}

// Key identifies the chat across platforms: "telegram:12345".
func (c Chat) Key() string { return string(c.Platform) + ":" + c.ID }

// IsGroup reports whether several people share the chat.
func (c Chat) IsGroup() bool { return c.Kind == Group || c.Kind == Channel }

// User is a person on a platform.
type User struct {
	Platform Platform `json:"platform"`
	ID       string   `json:"id"`
	Name     string   `json:"name,omitempty"`
	// Lang is the language the platform reports for the user (an IETF tag
	// such as "zh-hans" or "en"), or "".
	Lang string `json:"lang,omitempty"`
}

// Key identifies the user across platforms: "discord:8141...".
func (u User) Key() string { return string(u.Platform) + ":" + u.ID }

// EventKind tells what an Event carries.
type EventKind int

// The kinds of event.
const (
	// EventMessage is text the user typed: an answer, or chatter.
	EventMessage EventKind = iota
	// EventCommand is a command: /next, /hint …
	EventCommand
	// EventAction is a button press; Action holds the button's action.
	EventAction
	// EventOpen is the person opening the conversation without a word yet
	// (a terminal session starting): the core greets a newcomer once, and
	// tells someone returning what is open.
	EventOpen
)

// Event is one thing a person did, as an adapter reports it.
type Event struct {
	Kind EventKind
	Chat Chat
	User User
	// Text is the message text (EventMessage), or the answer typed into a
	// form (EventAction with an answer action).
	Text string
	// Media is what an EventMessage carries instead of text: a voice
	// message, an audio file, a sticker, a photo without a caption.
	Media *Media
	// Command is the command name without the slash or bot name, lower
	// case; Args is the rest of the line.
	Command string
	Args    string
	// Action is the pressed button's action (see Button).
	Action string
	// MessageID is the platform's ID of the incoming message, if any.
	MessageID string
	// ReplyTo is the platform ID of the message this one replies to, if any.
	ReplyTo string
	// Admin is set when the user may change a group chat's settings
	// (Telegram chat administrator, Discord Manage Server).
	Admin bool
	// Time is when the platform says the event happened; zero means now.
	Time time.Time
	// Trusted marks an event from the machine's own person (the terminal):
	// no flood limit applies to it.
	Trusted bool
	// Admitted is set by an adapter that passed the event through
	// Bot.Admit when it arrived: Handle then does not count it against the
	// person's flood limit again, and drops it only if the person has been
	// flooding since.
	Admitted bool
}

// Admitter is offered by the core beside Replier (the adapter asks for it
// with a type assertion): Admit decides, as an event arrives, whether the
// flood limit lets it through. See Bot.Admit.
type Admitter interface {
	Admit(ctx context.Context, ev Event) Admission
}

// Replier is what the core offers adapters: it handles one event and
// returns the replies to send, in order.
type Replier interface {
	Handle(ctx context.Context, ev Event) []Reply
	// Sent tells the core the platform ID of a reply it asked to track
	// (Reply.Track), so a later reply to that message finds its question.
	Sent(ctx context.Context, chat Chat, track, messageID string)
}

// Admission is the core's decision on an event that has just arrived.
type Admission struct {
	// OK means the event is to be handled.
	OK bool
	// Notice, for an event not to be handled, is the reply that tells the
	// person they are going too fast: once per flood, nil otherwise.
	Notice *Reply
}
