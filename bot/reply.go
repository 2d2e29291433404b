package bot

import "strings"

// Reply is one message for an adapter to send. The core says what to say
// and how it is structured; each adapter renders it safely for its
// platform (HTML on Telegram, markdown on Discord, plain text in a
// terminal) and splits it to the platform's length limit.
type Reply struct {
	// Text is the message.
	Text Text
	// Buttons are rows of buttons under the message.
	Buttons [][]Button
	// Private asks for the reply to reach the user alone: an ephemeral
	// interaction reply on Discord, a private message on Telegram when the
	// event came from a group. In a private chat it changes nothing.
	Private bool
	// ReplyTo is the platform ID of a message to reply to.
	ReplyTo string
	// Edit is the platform ID of one of the bot's messages to replace
	// instead of sending a new one (a question message once answered).
	Edit string
	// Track, when set, asks the adapter to report the sent message's
	// platform ID back with Replier.Sent.
	Track string
	// Attachment is a file sent with the message (an export, a chart).
	Attachment *Attachment
	// Kind tells adapters what the message is, for the few places they
	// render kinds differently.
	Kind ReplyKind
	// Unreachable, on a private reply to an event in a group, is the short
	// line to post in the group instead when the platform refuses to reach
	// the person privately (closed DMs, a blocked bot), as a reply to their
	// message. The private reply itself never goes to the group; with no
	// Unreachable nothing does. An adapter posts the same line once per
	// event.
	Unreachable Text
	// Title is a short title for the message where a platform shows one:
	// the name of the thread Discord opens on a round's question.
	Title string
}

// ReplyKind classifies replies.
type ReplyKind int

// The kinds of reply.
const (
	KindInfo ReplyKind = iota
	KindQuestion
	KindFeedback
	KindError
	// KindRound is a question put to a whole group; Discord opens a thread
	// on it for discussion and answers.
	KindRound
)

// Attachment is a file sent with a reply.
type Attachment struct {
	Name string
	MIME string
	Data []byte
	// Unsent is the line an adapter adds to the reply's text when the
	// platform will not take the file (too large, failing past its
	// retries): the text then goes alone, never lost with its file.
	Unsent string
}

// Button is a button under a message. Action is the core's own data for
// it (at most 64 bytes, Telegram's limit for callback data), returned in
// Event.Action when pressed. A personal button in a group's conversation
// carries its owner in its action, so that it acts for nobody else.
type Button struct {
	Label  string
	Action string
	// Form marks the button that asks for an answer in a text form (a
	// Discord modal). Platforms without forms leave it out: there the person
	// replies to the message.
	Form bool
	// Suggested marks the suggested choice among rating buttons.
	Suggested bool
}

// Style is the inline style of a span of text.
type Style uint8

// The inline styles.
const (
	Plain Style = iota
	Bold
	Italic
	Code
	// Spoiler hides text until tapped, where the platform can.
	Spoiler
)

// Span is a run of text in one style. Text is plain: adapters escape it.
type Span struct {
	Text  string
	Style Style
}

// Line is one line of a message.
type Line struct {
	Spans []Span
	// Quote renders the line as a quotation (the reference answer).
	Quote bool
}

// Text is a structured message: lines of styled spans. An empty line is a
// paragraph break.
type Text []Line

// Add appends a line made of spans.
func (t *Text) Add(spans ...Span) { *t = append(*t, Line{Spans: spans}) }

// AddQuote appends a quoted line.
func (t *Text) AddQuote(spans ...Span) { *t = append(*t, Line{Spans: spans, Quote: true}) }

// Blank appends a paragraph break, never two in a row.
func (t *Text) Blank() {
	if n := len(*t); n > 0 && len((*t)[n-1].Spans) > 0 {
		*t = append(*t, Line{})
	}
}

// P returns a plain span.
func P(s string) Span { return Span{Text: s} }

// B returns a bold span.
func B(s string) Span { return Span{Text: s, Style: Bold} }

// I returns an italic span.
func I(s string) Span { return Span{Text: s, Style: Italic} }

// C returns a code span.
func C(s string) Span { return Span{Text: s, Style: Code} }

// Plain returns the text without styles: what a terminal shows and what
// tests compare.
func (t Text) Plain() string {
	var b strings.Builder
	for i, l := range t {
		if i > 0 {
			b.WriteByte('\n')
		}
		if l.Quote {
			b.WriteString("> ")
		}
		for _, s := range l.Spans {
			b.WriteString(s.Text)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// TextOf returns a text of plain lines.
func TextOf(lines ...string) Text {
	var t Text
	for _, l := range lines {
		if l == "" {
			t.Blank()
			continue
		}
		t.Add(P(l))
	}
	return t
}
