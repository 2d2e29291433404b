package discord

import (
	"bytes"
	"context"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/internal/split"
)

// Discord's limits on message components.
const (
	maxRows        = 5
	maxRowButtons  = 5
	maxCustomID    = 100
	maxButtonLabel = 80
)

// Custom ID prefixes. A component interaction carries only the button's
// custom ID, so a button that opens a form says so in it; an action that
// happens to start with a prefix is escaped with rawPrefix.
const (
	formPrefix = "form:"
	rawPrefix  = "raw:"
)

// encodeCustomID returns the custom ID of a button for action.
func encodeCustomID(action string, form bool) string {
	switch {
	case form:
		return formPrefix + action
	case strings.HasPrefix(action, formPrefix), strings.HasPrefix(action, rawPrefix):
		return rawPrefix + action
	}
	return action
}

// decodeCustomID returns the action of a button's custom ID and whether the
// button opens a form.
func decodeCustomID(id string) (action string, form bool) {
	if a, ok := strings.CutPrefix(id, formPrefix); ok {
		return a, true
	}
	if a, ok := strings.CutPrefix(id, rawPrefix); ok {
		return a, false
	}
	return id, false
}

// outgoing is a reply rendered for Discord: message contents in order, and
// the components and file that go with the last one.
type outgoing struct {
	parts      []string
	components []discordgo.MessageComponent
	attachment *bot.Attachment
}

// last reports whether part i is the last one.
func (o outgoing) last(i int) bool { return i == len(o.parts)-1 }

// componentsFor returns the components of part i: the buttons on the last
// part, none elsewhere. The slice is never nil, so that an edit clears
// buttons a message had.
func (o outgoing) componentsFor(i int) []discordgo.MessageComponent {
	if o.last(i) {
		return o.components
	}
	return []discordgo.MessageComponent{}
}

// filesFor returns the files of part i, with fresh readers (a retried
// request reads them again).
func (o outgoing) filesFor(i int) []*discordgo.File {
	if !o.last(i) || o.attachment == nil {
		return nil
	}
	name := path.Base(strings.ReplaceAll(o.attachment.Name, "\\", "/"))
	if name == "" || name == "." || name == "/" {
		name = "attachment"
	}
	ct := o.attachment.MIME
	if ct == "" {
		ct = "application/octet-stream"
	}
	return []*discordgo.File{{Name: name, ContentType: ct, Reader: bytes.NewReader(o.attachment.Data)}}
}

// tail is the last part of o, with its buttons and file: what an edit of a
// message sent in parts replaces, since that message is the one holding
// the buttons and the parts before it say what they said.
func (o outgoing) tail() outgoing {
	return outgoing{parts: o.parts[len(o.parts)-1:], components: o.components, attachment: o.attachment}
}

// textOnly is o without its file: the attachment's Unsent line joins the
// last part, or follows it when it would not fit.
func (o outgoing) textOnly() outgoing {
	if o.attachment == nil {
		return o
	}
	parts := append([]string(nil), o.parts...)
	if note := o.attachment.Unsent; note != "" {
		line := renderLine(bot.Line{Spans: []bot.Span{bot.I(note)}})
		last := len(parts) - 1
		switch {
		case strings.TrimSpace(parts[last]) == "":
			parts[last] = line
		case split.Len16(parts[last]+"\n"+line) <= maxContent:
			parts[last] += "\n" + line
		default:
			parts = append(parts, line)
		}
	}
	return outgoing{parts: parts, components: o.components}
}

// withFile runs send for part i of o. When that part carries o's file and
// the send fails (the file too large, Discord failing past the retries,
// no permission to attach files), it sends once more without the file
// (textOnly), so the text is never lost with it. It returns the outgoing
// finally used, whose parts may be one more.
func (a *Adapter) withFile(ctx context.Context, o outgoing, i int, send func(o outgoing) error) (outgoing, error) {
	err := send(o)
	if err == nil || o.attachment == nil || !o.last(i) || ctx.Err() != nil {
		return o, err
	}
	a.log.WarnContext(ctx, "file not taken, sending the text alone", "file", o.attachment.Name, "err", err)
	o = o.textOnly()
	return o, send(o)
}

// noMentions allows no mention to ping anyone.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// render turns a reply into Discord messages. It reports false when there
// is nothing to send.
func (a *Adapter) render(r bot.Reply) (outgoing, bool) {
	o := outgoing{
		parts:      splitText(r.Text, maxContent),
		components: a.components(r.Buttons),
		attachment: r.Attachment,
	}
	if len(o.parts) == 0 {
		if len(o.components) == 0 && o.attachment == nil {
			return o, false
		}
		o.parts = []string{""}
	}
	return o, true
}

// components lays buttons out in action rows: at most 5 a row (longer rows
// wrap) and 5 rows; buttons that do not fit, have no action or repeat one
// are left out and logged.
func (a *Adapter) components(rows [][]bot.Button) []discordgo.MessageComponent {
	out := []discordgo.MessageComponent{}
	seen := map[string]bool{}
	var row []discordgo.MessageComponent
	flushRow := func() {
		if len(row) > 0 {
			out = append(out, discordgo.ActionsRow{Components: row})
			row = nil
		}
	}
	for _, r := range rows {
		for _, b := range r {
			id := encodeCustomID(b.Action, b.Form)
			switch {
			case b.Action == "" || utf8.RuneCountInString(id) > maxCustomID:
				a.log.Warn("button left out: action empty or too long", "label", b.Label, "action_len", len(b.Action))
				continue
			case seen[id]:
				a.log.Warn("button left out: repeated action", "label", b.Label, "action", b.Action)
				continue
			}
			if len(row) == maxRowButtons {
				flushRow()
			}
			if len(out) == maxRows {
				a.log.Warn("button left out: more than 5 rows", "label", b.Label, "action", b.Action)
				continue
			}
			seen[id] = true
			style := discordgo.SecondaryButton
			label := b.Label
			if b.Suggested {
				style = discordgo.PrimaryButton
				if !strings.HasPrefix(label, "✓") {
					label = "✓ " + label
				}
			}
			row = append(row, discordgo.Button{Label: buttonLabel(label), Style: style, CustomID: id})
		}
		flushRow()
	}
	return out
}

// buttonLabel makes a label Discord accepts: one line, 1 to 80 characters.
func buttonLabel(s string) string {
	s = strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
	if s == "" {
		return "·"
	}
	if utf8.RuneCountInString(s) > maxButtonLabel {
		r := []rune(s)
		s = string(r[:maxButtonLabel-1]) + "…"
	}
	return s
}
