package discord

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot"
)

// commandRE matches a command typed as text: "/next", "/next@bot args".
var commandRE = regexp.MustCompile(`^/([A-Za-z0-9_-]{1,32})(?:@\S+)?(?:\s+([\s\S]*))?$`)

// onMessage handles MESSAGE_CREATE: text, voice messages and other
// attachments in DMs, and in guild channels when the MESSAGE_CONTENT
// intent is configured (without it Discord sends neither).
func (a *Adapter) onMessage(_ *discordgo.Session, mc *discordgo.MessageCreate) {
	if mc == nil || mc.Message == nil {
		return
	}
	m := mc.Message
	if m.Author == nil || m.Author.Bot || m.WebhookID != "" || a.isSelf(m.Author.ID) {
		return
	}
	if m.Type != discordgo.MessageTypeDefault && m.Type != discordgo.MessageTypeReply {
		return
	}
	// Without the message content intent, a guild message's content is
	// empty unless it mentions the bot (a reply to the bot's message
	// does): those are handed over, the others end at the empty text.
	guild := m.GuildID != ""
	text := m.Content
	if guild {
		text = a.stripSelfMention(text)
	}
	text = strings.TrimSpace(text)
	media := a.mediaOf(m)
	if text == "" && media == nil {
		return
	}
	ctx, rep, ok := a.begin()
	if !ok {
		return
	}
	defer a.end()
	ev := bot.Event{
		Kind:      bot.EventMessage,
		Chat:      a.chat(m.ChannelID, m.GuildID),
		User:      bot.User{Platform: bot.Discord, ID: m.Author.ID, Name: displayName(m.Author)},
		Text:      text,
		Media:     media,
		MessageID: m.ID,
		Admin:     !guild || a.messageAdmin(m),
		Time:      m.Timestamp,
	}
	if m.MessageReference != nil && (m.MessageReference.ChannelID == "" || m.MessageReference.ChannelID == m.ChannelID) {
		ev.ReplyTo = m.MessageReference.MessageID
	}
	if guild {
		// A message in a round's thread answers the round: it belongs to
		// the parent channel and replies to the question, whose ID the
		// thread's is.
		if parent, ok := a.roundThreadParent(ctx, m.ChannelID, true); ok {
			ev.Chat = a.chat(parent, m.GuildID)
			ev.ReplyTo = m.ChannelID
		}
	}
	if !guild && !media.Heard() {
		if sm := commandRE.FindStringSubmatch(text); sm != nil {
			ev.Kind, ev.Command, ev.Args, ev.Text = bot.EventCommand, strings.ToLower(sm[1]), strings.TrimSpace(sm[2]), ""
		}
	}
	told := false
	for _, r := range rep.Handle(ctx, ev) {
		o, ok := a.render(r)
		if !ok {
			continue
		}
		a.replyInChannel(ctx, rep, ev, m.ChannelID, r, o, &told)
	}
}

// isSelf reports whether id is the bot's user ID.
func (a *Adapter) isSelf(id string) bool {
	st := a.s.State
	st.RLock()
	defer st.RUnlock()
	return st.User != nil && st.User.ID == id
}

// stripSelfMention removes mentions of the bot ("@bot your answer").
func (a *Adapter) stripSelfMention(text string) string {
	st := a.s.State
	st.RLock()
	var id string
	if st.User != nil {
		id = st.User.ID
	}
	st.RUnlock()
	if id == "" {
		return text
	}
	return strings.NewReplacer("<@"+id+">", "", "<@!"+id+">", "").Replace(text)
}

// messageAdmin reports whether a guild message's author has Manage Server
// (or Administrator, or owns the guild), from the gateway's state.
func (a *Adapter) messageAdmin(m *discordgo.Message) bool {
	if m.Member == nil {
		return false
	}
	perms, err := a.s.State.MessagePermissions(m)
	return err == nil && perms&manageServer != 0
}

// replyInChannel sends a reply to an event as channel messages in where,
// the channel the event happened in (a round's thread, whose chat is its
// parent channel). Edits apply to the chat's messages. A private reply to a
// guild event goes by DM; when the DM fails (the member takes no DMs from
// the server), where gets the reply's Unreachable line instead, once per
// event (*told), replying to the member's message: never the private reply.
func (a *Adapter) replyInChannel(ctx context.Context, rep bot.Replier, ev bot.Event, where string, r bot.Reply, o outgoing, told *bool) {
	chat := ev.Chat
	if r.Edit != "" {
		id, err := a.editMessage(ctx, chat.ID, r.Edit, o)
		a.sent(ctx, rep, chat, r, id, err)
		return
	}
	if where == "" {
		where = chat.ID
	}
	replyTo := r.ReplyTo
	if r.Private && chat.Kind != bot.Private && ev.User.ID != "" {
		dm, err := a.dmChannel(ctx, ev.User.ID)
		if err == nil {
			var id string
			if id, err = a.sendMessage(ctx, dm, o, ""); err == nil {
				a.sent(ctx, rep, bot.Chat{Platform: bot.Discord, ID: dm, Kind: bot.Private}, r, id, nil)
				return
			}
		}
		if after, ok := retryLater(err); ok {
			a.later(ctx, rep, ev, r, after)
			return
		}
		if len(r.Unreachable) == 0 || *told {
			a.log.InfoContext(ctx, "private reply by dm failed", "chat", chat.Key(), "user", ev.User.Key(), "err", err)
			return
		}
		a.log.InfoContext(ctx, "private reply by dm failed, telling the channel", "chat", chat.Key(), "channel", where, "user", ev.User.Key(), "err", err)
		*told = true
		r = bot.Reply{Text: r.Unreachable, Kind: bot.KindInfo}
		var ok bool
		if o, ok = a.render(r); !ok {
			return
		}
		replyTo = ev.MessageID
	}
	id, err := a.sendMessage(ctx, where, o, replyTo)
	a.sent(ctx, rep, chat, r, id, err)
	if after, ok := retryLater(err); ok {
		a.later(ctx, rep, ev, r, after)
	}
	if err == nil && chat.Kind != bot.Private {
		a.startRoundThread(ctx, where, id, r)
	}
}

// sent logs a failed reply, or reports a tracked one to the core.
func (a *Adapter) sent(ctx context.Context, rep bot.Replier, chat bot.Chat, r bot.Reply, id string, err error) {
	if err != nil {
		a.log.ErrorContext(ctx, "send reply", "chat", chat.Key(), "err", err)
		return
	}
	if r.Track != "" && id != "" {
		rep.Sent(ctx, chat, r.Track, id)
	}
}

// later hands a reply Discord would not take now (rate limited past the
// budget, failing) back to the core, to deliver through its outbox after
// the wait: a private one by DM, any other to the event's channel. It
// does nothing when the replier cannot take replies back.
func (a *Adapter) later(ctx context.Context, rep bot.Replier, ev bot.Event, r bot.Reply, after time.Duration) {
	rd, ok := rep.(bot.Redeliverer)
	if !ok {
		return
	}
	chat := ev.Chat
	if r.Private && chat.Kind != bot.Private {
		dm, err := a.dmChannel(ctx, ev.User.ID)
		if err != nil {
			a.log.ErrorContext(ctx, "reply lost: no dm to deliver it later", "chat", chat.Key(), "err", err)
			return
		}
		chat = bot.Chat{Platform: bot.Discord, ID: dm, Kind: bot.Private}
	}
	r.Private = false
	if err := rd.Redeliver(ctx, chat, r, after); err != nil {
		a.log.ErrorContext(ctx, "reply lost: not kept for later", "chat", chat.Key(), "err", err)
	}
}
