package bot

// Capabilities say what a platform can do. Each adapter declares its own
// (Capable), cmd hands them to the core (Config.Capabilities), and the core
// asks them instead of testing which platform it talks to: a new adapter
// declares what it can do and touches no core file.
type Capabilities struct {
	// PrivateReach says when the bot can write to a person privately, away
	// from a group.
	PrivateReach Reach
	// GroupReplies is set when a member's reply to the bot's message in a
	// group reaches the bot, so replying to a round's question answers it
	// (Telegram; Discord with the message content intent).
	GroupReplies bool
	// Forms is set when a button can open a form to type an answer into (a
	// Discord modal); where it is not, buttons marked Form are left out.
	Forms bool
	// LineMessages is set where each line typed is a message of its own (a
	// terminal reading piped input): an answer is one line, and the
	// question says so instead of "an empty line sends it".
	LineMessages bool
	// Buttons is set when people tap buttons under a message and answer by
	// replying to it (a chat). Where it is not (a terminal), they type
	// everything, answers and commands, and the core says so.
	Buttons bool
	// Spoilers is set when text can be hidden until tapped; where it is not,
	// the core shows such text as it is (a voice answer's transcript).
	Spoilers bool
	// Attachments is set when a reply can carry a file or a picture; where
	// it is not, the core draws charts in text.
	Attachments bool
	// Edits is set when the bot can replace one of its messages
	// (Reply.Edit); where it is not, the adapter sends the new text as a
	// message of its own.
	Edits bool
	// Ephemeral is set when a reply can be shown to one person only inside
	// a group (a Discord interaction reply).
	Ephemeral bool
	// Threads is set when a group's round can run in a thread of its own.
	Threads bool
	// Zone is the IANA time zone of the platform's people when they have
	// not set one: a terminal's is the system's. Empty: the configured
	// default.
	Zone string
}

// Reach is when a platform lets the bot write to a person privately.
type Reach int

// The kinds of private reach.
const (
	// ReachUnlessRefused: the bot may write to anyone, but a person can
	// refuse private messages (Discord members who close their DMs); the
	// platform says so when a message is refused, and the adapter then
	// sends Reply.Unreachable instead.
	ReachUnlessRefused Reach = iota
	// ReachOnceStarted: the bot may write only to people who have opened a
	// private chat with it (Telegram), which the core knows in advance
	// (UserRecord.Started); a person may still block the bot later, which
	// the platform says when a message is refused.
	ReachOnceStarted
)

// Capable is implemented by adapters that declare their capabilities.
type Capable interface {
	Capabilities() Capabilities
}
