package discord

import (
	"context"
	"strings"
	"unicode"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot"
)

// Round threads: a question put to a whole group (bot.KindRound) gets a
// public thread started from its message, for discussion and answers. The
// thread's ID is the question message's ID, so a message in the thread is
// mapped back to the round (see onMessage).
const (
	// maxThreadName is Discord's limit on a thread name.
	maxThreadName = 100
	// roundThreadArchive is the thread's auto-archive duration in minutes:
	// a day, the rhythm of daily questions.
	roundThreadArchive = 1440
)

// startRoundThread starts the public thread of a round question posted as
// message messageID in channelID. Only KindRound replies get one. Failures
// are logged: the round works through the Answer button without a thread.
func (a *Adapter) startRoundThread(ctx context.Context, channelID, messageID string, r bot.Reply) {
	if r.Kind != bot.KindRound || r.Edit != "" || channelID == "" || messageID == "" {
		return
	}
	if parent, ok := a.threads.get(channelID); ok && parent != "" {
		return // a round's thread: no thread in a thread
	}
	if typ, known := a.stateChannelType(channelID); known && typ != discordgo.ChannelTypeGuildText && typ != discordgo.ChannelTypeGuildNews {
		a.log.DebugContext(ctx, "no round thread in this channel type", "channel", channelID, "type", int(typ))
		return
	}
	name := cut(strings.Join(strings.Fields(r.Title), " "), maxThreadName)
	if name == "" {
		name = roundThreadName(r.Text)
	}
	data := &discordgo.ThreadStart{Name: name, AutoArchiveDuration: roundThreadArchive}
	var th *discordgo.Channel
	err := a.do(ctx, "start round thread", func(opts ...discordgo.RequestOption) error {
		var err error
		th, err = a.s.MessageThreadStartComplex(channelID, messageID, data, opts...)
		return err
	})
	switch {
	case hasCode(err, codeThreadExists):
		// Someone started a thread on the question first; it is the round's
		// thread all the same.
		a.threads.put(messageID, channelID)
		a.log.InfoContext(ctx, "round thread exists already", "channel", channelID, "message", messageID)
	case err != nil:
		a.log.WarnContext(ctx, "start round thread", "channel", channelID, "message", messageID, "err", err)
	case th != nil && th.ID != "":
		a.threads.put(th.ID, channelID)
		a.log.DebugContext(ctx, "round thread started", "channel", channelID, "thread", th.ID)
	}
}

// roundThreadName names a round's thread when the reply has no Title: the
// first line of the reply after its heading (the heading itself when there
// is no other line), as plain text on one line, at most 100 characters.
func roundThreadName(t bot.Text) string {
	var lines []string
	for _, l := range normalizeText(t) {
		var b strings.Builder
		for _, sp := range l.Spans {
			b.WriteString(sp.Text)
		}
		if s := strings.Join(strings.FieldsFunc(b.String(), unicode.IsSpace), " "); s != "" {
			lines = append(lines, s)
		}
	}
	name := "Round"
	switch {
	case len(lines) > 1:
		name = lines[1]
	case len(lines) == 1:
		name = lines[0]
	}
	return cut(name, maxThreadName)
}

// stateChannelType returns a channel's type from the gateway's state, and
// whether the state knows the channel.
func (a *Adapter) stateChannelType(channelID string) (discordgo.ChannelType, bool) {
	ch, err := a.s.State.Channel(channelID)
	if err != nil || ch == nil {
		return 0, false
	}
	a.s.State.RLock()
	defer a.s.State.RUnlock()
	return ch.Type, true
}
