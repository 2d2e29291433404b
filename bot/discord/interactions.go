package discord

import (
	"context"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/i18n"
)

// The answer form (a modal) a button marked Form opens.
const (
	formInputID   = "answer"
	formTitle     = "作答 / Answer"
	formLabel     = "你的回答 / Your answer"
	formMaxLength = 4000
)

// manageServer are the permissions that make a member an admin for the core.
const manageServer = discordgo.PermissionAdministrator | discordgo.PermissionManageGuild

// onInteraction handles INTERACTION_CREATE.
func (a *Adapter) onInteraction(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil {
		return
	}
	ctx, rep, ok := a.begin()
	if !ok {
		a.answerRestarting(ic.Interaction)
		return
	}
	defer a.end()
	a.handleInteraction(ctx, rep, ic.Interaction)
}

// answerRestarting answers an interaction that arrives while the adapter
// shuts down: the person is told to try again in a moment (only they see
// it), instead of Discord saying the interaction failed.
func (a *Adapter) answerRestarting(in *discordgo.Interaction) {
	lang := bot.MatchLang(string(in.Locale))
	if lang == "" {
		lang = i18n.Fallback
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := a.respond(ctx, in, func() *discordgo.InteractionResponse {
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{
				Content: escapeText(i18n.Default().Text(lang, "adapter.restarting"), true),
				Flags:   discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions(),
			},
		}
	})
	if err != nil {
		a.log.Warn("answer an interaction while shutting down", "err", err)
	}
}

// handleInteraction turns an interaction into an event, or opens the answer
// form for a form button, and answers it.
func (a *Adapter) handleInteraction(ctx context.Context, rep bot.Replier, in *discordgo.Interaction) {
	ev, ok := a.interactionEvent(in)
	if !ok {
		a.log.DebugContext(ctx, "interaction ignored", "type", int(in.Type))
		return
	}
	// In a round's thread, commands concern the channel's round (/reveal,
	// /top). Only what is known already is used: an interaction cannot wait
	// for a lookup.
	if in.GuildID != "" {
		if parent, ok := a.roundThreadParent(ctx, in.ChannelID, false); ok {
			ev.Chat = a.chat(parent, in.GuildID)
		}
	}
	switch in.Type {
	case discordgo.InteractionApplicationCommand:
		data, ok := in.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			return
		}
		ev.Kind = bot.EventCommand
		ev.Command = strings.ToLower(data.Name)
		ev.Args = commandArgs(a.argOrder[ev.Command], data.Options)
	case discordgo.InteractionMessageComponent:
		data, ok := in.Data.(discordgo.MessageComponentInteractionData)
		if !ok {
			return
		}
		action, form := decodeCustomID(data.CustomID)
		switch {
		case data.ComponentType != discordgo.ButtonComponent || action == "":
			a.acknowledge(ctx, in)
			return
		case form:
			a.openForm(ctx, in, action)
			return
		}
		ev.Kind, ev.Action, ev.MessageID = bot.EventAction, action, messageIDOf(in)
	case discordgo.InteractionModalSubmit:
		data, ok := in.Data.(discordgo.ModalSubmitInteractionData)
		if !ok {
			return
		}
		ev.Kind, ev.Action, ev.Text, ev.MessageID = bot.EventAction, data.CustomID, formText(data.Components), messageIDOf(in)
	default:
		return
	}
	a.answer(ctx, rep, in, ev)
}

// interactionEvent fills in who did it, where and when.
func (a *Adapter) interactionEvent(in *discordgo.Interaction) (bot.Event, bool) {
	u := in.User
	var perms int64
	if in.Member != nil {
		if in.Member.User != nil {
			u = in.Member.User
		}
		perms = in.Member.Permissions
	}
	if u == nil || u.ID == "" {
		return bot.Event{}, false
	}
	guild := in.GuildID != ""
	t, _ := discordgo.SnowflakeTimestamp(in.ID)
	return bot.Event{
		Chat:  a.chat(in.ChannelID, in.GuildID),
		User:  bot.User{Platform: bot.Discord, ID: u.ID, Name: displayName(u), Lang: string(in.Locale)},
		Admin: !guild || perms&manageServer != 0,
		Time:  t,
	}, true
}

// chat describes a channel: a DM is private, a guild channel or thread a
// group.
func (a *Adapter) chat(channelID, guildID string) bot.Chat {
	c := bot.Chat{Platform: bot.Discord, ID: channelID, Kind: bot.Private}
	if guildID != "" {
		c.Kind = bot.Group
		if ch, err := a.s.State.Channel(channelID); err == nil && ch != nil {
			a.s.State.RLock()
			c.Title = ch.Name
			a.s.State.RUnlock()
		}
	}
	return c
}

// displayName is the user's global display name, else the username.
func displayName(u *discordgo.User) string {
	if u.GlobalName != "" {
		return u.GlobalName
	}
	return u.Username
}

// messageIDOf returns the ID of the message whose component the
// interaction came from, if any.
func messageIDOf(in *discordgo.Interaction) string {
	if in.Message != nil {
		return in.Message.ID
	}
	return ""
}

// formText returns the answer typed into a form: the answer input's value,
// else the first text input's.
func formText(comps []discordgo.MessageComponent) string {
	var first *string
	var walk func([]discordgo.MessageComponent) (string, bool)
	walk = func(cs []discordgo.MessageComponent) (string, bool) {
		for _, c := range cs {
			var ti *discordgo.TextInput
			switch v := c.(type) {
			case *discordgo.ActionsRow:
				if s, ok := walk(v.Components); ok {
					return s, true
				}
			case discordgo.ActionsRow:
				if s, ok := walk(v.Components); ok {
					return s, true
				}
			case *discordgo.TextInput:
				ti = v
			case discordgo.TextInput:
				ti = &v
			}
			if ti == nil {
				continue
			}
			if ti.CustomID == formInputID {
				return ti.Value, true
			}
			if first == nil {
				v := ti.Value
				first = &v
			}
		}
		return "", false
	}
	if s, ok := walk(comps); ok {
		return s
	}
	if first != nil {
		return *first
	}
	return ""
}

// openForm answers a form button with the answer modal, whose custom ID is
// the button's action.
func (a *Adapter) openForm(ctx context.Context, in *discordgo.Interaction, action string) {
	err := a.respond(ctx, in, func() *discordgo.InteractionResponse {
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseModal,
			Data: &discordgo.InteractionResponseData{
				CustomID: action,
				Title:    formTitle,
				Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
					discordgo.TextInput{
						CustomID:  formInputID,
						Label:     formLabel,
						Style:     discordgo.TextInputParagraph,
						Required:  true,
						MinLength: 1,
						MaxLength: formMaxLength,
					},
				}}},
			},
		}
	})
	if err != nil {
		a.log.ErrorContext(ctx, "open answer form", "action", action, "err", err)
	}
}

// acknowledge answers an interaction the bot has nothing to say to, so the
// client does not report a failure.
func (a *Adapter) acknowledge(ctx context.Context, in *discordgo.Interaction) {
	err := a.respond(ctx, in, func() *discordgo.InteractionResponse {
		if in.Message != nil {
			return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
		}
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: "✓", Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()},
		}
	})
	if err != nil {
		a.log.ErrorContext(ctx, "acknowledge interaction", "err", err)
	}
}

// answer runs the core on an interaction's event and sends its replies,
// deferring the response when the core is slow.
func (a *Adapter) answer(ctx context.Context, rep bot.Replier, in *discordgo.Interaction, ev bot.Event) {
	ir := &interactionReply{a: a, in: in, ev: ev, rep: rep, guild: in.GuildID != "", fromMessage: messageIDOf(in)}
	done := make(chan []bot.Reply, 1)
	go func() { done <- rep.Handle(ctx, ev) }()
	t := time.NewTimer(a.opts.deferAfter)
	defer t.Stop()
	var replies []bot.Reply
	select {
	case replies = <-done:
	case <-t.C:
		ir.deferResponse(ctx)
		replies = <-done
	}
	ir.send(ctx, replies)
}

// interactionReply sends the replies to one interaction: the first as the
// callback (or into the deferred response), the others as followups.
type interactionReply struct {
	a     *Adapter
	in    *discordgo.Interaction
	ev    bot.Event
	rep   bot.Replier
	guild bool
	// fromMessage is the message of the clicked component, if any.
	fromMessage string
	// acked is set once the callback is made.
	acked bool
	// onMessage is set when @original designates fromMessage (after an
	// UPDATE_MESSAGE or DEFERRED_UPDATE_MESSAGE callback).
	onMessage bool
	// loading is set while a deferred response awaits its content;
	// loadingEphemeral tells whether it was deferred as ephemeral.
	loading          bool
	loadingEphemeral bool
	// fallback is set when the interaction cannot be answered any more:
	// replies go to the channel as plain messages.
	fallback bool
	// told is set once the channel got the Unreachable line of a private
	// reply sent there.
	told bool
}

// deferResponse acknowledges the interaction before the replies are ready:
// a component's message stays as it is (DEFERRED_UPDATE_MESSAGE), a
// command shows "thinking" (DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE),
// ephemeral in a guild, where most replies are private.
func (ir *interactionReply) deferResponse(ctx context.Context) {
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	if ir.fromMessage == "" {
		var flags discordgo.MessageFlags
		if ir.guild {
			flags = discordgo.MessageFlagsEphemeral
		}
		resp = &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Flags: flags},
		}
	}
	if err := ir.a.respond(ctx, ir.in, func() *discordgo.InteractionResponse { return resp }); err != nil {
		ir.a.log.WarnContext(ctx, "defer interaction response", "chat", ir.ev.Chat.Key(), "err", err)
		ir.fallback = true
		return
	}
	ir.acked = true
	if ir.fromMessage != "" {
		ir.onMessage = true
	} else {
		ir.loading, ir.loadingEphemeral = true, ir.guild
	}
	ir.a.log.DebugContext(ctx, "interaction response deferred", "chat", ir.ev.Chat.Key())
}

// send delivers the replies in order and reports tracked ones.
func (ir *interactionReply) send(ctx context.Context, replies []bot.Reply) {
	for _, r := range replies {
		o, ok := ir.a.render(r)
		if !ok {
			continue
		}
		if ir.fallback {
			ir.a.replyInChannel(ctx, ir.rep, ir.ev, ir.in.ChannelID, r, o, &ir.told)
			continue
		}
		if r.Kind == bot.KindRound && r.Edit == "" && ir.guild && ir.in.ChannelID != ir.ev.Chat.ID {
			ir.roundInParent(ctx, r, o)
			continue
		}
		id, err := ir.reply(ctx, r, o)
		if err != nil {
			ir.a.log.ErrorContext(ctx, "reply to interaction", "chat", ir.ev.Chat.Key(), "err", err)
			switch after, later := retryLater(err); {
			case ir.fallback: // the callback failed: nothing was sent
				ir.a.replyInChannel(ctx, ir.rep, ir.ev, ir.in.ChannelID, r, o, &ir.told)
			case later && r.Edit == "":
				ir.a.later(ctx, ir.rep, ir.ev, r, after)
			}
			continue
		}
		if r.Track != "" && id != "" {
			ir.rep.Sent(ctx, ir.ev.Chat, r.Track, id)
		}
		if ir.guild && !r.Private {
			ir.a.startRoundThread(ctx, ir.in.ChannelID, id, r)
		}
	}
	ir.finish(ctx)
}

// roundInParent puts a round's question asked from an old round's thread
// to the thread's channel, where it gets a thread of its own, and answers
// the interaction with a link to it, for the asker alone.
func (ir *interactionReply) roundInParent(ctx context.Context, r bot.Reply, o outgoing) {
	channel := ir.ev.Chat.ID
	id, err := ir.a.sendMessage(ctx, channel, o, "")
	if err != nil {
		ir.a.log.ErrorContext(ctx, "post round in the channel", "chat", ir.ev.Chat.Key(), "err", err)
		return
	}
	if r.Track != "" {
		ir.rep.Sent(ctx, ir.ev.Chat, r.Track, id)
	}
	ir.a.startRoundThread(ctx, channel, id, r)
	link := outgoing{parts: []string{"↪ https://discord.com/channels/" + ir.in.GuildID + "/" + channel + "/" + id}, components: []discordgo.MessageComponent{}}
	if _, err := ir.post(ctx, link, 0, discordgo.MessageFlagsEphemeral, false); err != nil {
		ir.a.log.WarnContext(ctx, "point to the round", "chat", ir.ev.Chat.Key(), "err", err)
	}
}

// reply sends one reply and returns the ID of the message with its buttons.
func (ir *interactionReply) reply(ctx context.Context, r bot.Reply, o outgoing) (string, error) {
	var flags discordgo.MessageFlags
	if r.Private && ir.guild {
		flags = discordgo.MessageFlagsEphemeral
	}
	if r.Edit != "" {
		return ir.edit(ctx, r, o)
	}
	return ir.post(ctx, o, 0, flags, r.Track != "" || r.Kind == bot.KindRound)
}

// post sends parts of o from the from'th on as new messages: the callback
// if none was made, the deferred response if one awaits, else followups.
func (ir *interactionReply) post(ctx context.Context, o outgoing, from int, flags discordgo.MessageFlags, wantID bool) (string, error) {
	switch {
	case !ir.acked:
		var err error
		o, err = ir.a.withFile(ctx, o, from, func(o outgoing) error {
			return ir.a.respond(ctx, ir.in, func() *discordgo.InteractionResponse {
				return &discordgo.InteractionResponse{
					Type: discordgo.InteractionResponseChannelMessageWithSource,
					Data: responseData(o, from, flags),
				}
			})
		})
		if err != nil {
			ir.fallback = true
			return "", err
		}
		ir.acked = true
		if !o.last(from) {
			return ir.a.followups(ctx, ir.in, o, from+1, flags)
		}
		if !wantID {
			return "", nil
		}
		return ir.a.originalID(ctx, ir.in)
	case ir.loading:
		ir.loading = false
		if (flags&discordgo.MessageFlagsEphemeral != 0) == ir.loadingEphemeral {
			id, err := ir.a.editOriginal(ctx, ir.in, o, from)
			if err != nil || o.last(from) {
				return id, err
			}
			return ir.a.followups(ctx, ir.in, o, from+1, flags)
		}
		// The deferred response has the wrong visibility: complete it (a
		// followup would take its place and visibility) and delete it.
		if _, err := ir.a.editOriginal(ctx, ir.in, outgoing{parts: []string{"✓"}, components: []discordgo.MessageComponent{}}, 0); err != nil {
			ir.a.log.WarnContext(ctx, "complete deferred response", "err", err)
		} else if err := ir.a.deleteOriginal(ctx, ir.in); err != nil {
			ir.a.log.WarnContext(ctx, "delete deferred response", "err", err)
		}
	}
	return ir.a.followups(ctx, ir.in, o, from, flags)
}

// edit replaces a message: the clicked one through the interaction
// (UPDATE_MESSAGE when it is the first reply), any other with a channel
// message edit. Only the last part of o goes in: a message sent in parts
// is edited where its buttons are.
func (ir *interactionReply) edit(ctx context.Context, r bot.Reply, o outgoing) (string, error) {
	o = o.tail()
	if r.Edit == ir.fromMessage {
		switch {
		case !ir.acked:
			var err error
			o, err = ir.a.withFile(ctx, o, 0, func(o outgoing) error {
				return ir.a.respond(ctx, ir.in, func() *discordgo.InteractionResponse {
					return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: responseData(o, 0, 0)}
				})
			})
			if err != nil {
				ir.fallback = true
				return "", err
			}
			ir.acked, ir.onMessage = true, true
			return r.Edit, nil
		case ir.onMessage:
			if _, err := ir.a.editOriginal(ctx, ir.in, o, 0); err != nil {
				return "", err
			}
			return r.Edit, nil
		}
	}
	return ir.a.editMessage(ctx, ir.ev.Chat.ID, r.Edit, o)
}

// finish makes sure the interaction is answered and no deferred response
// is left loading.
func (ir *interactionReply) finish(ctx context.Context) {
	if ir.fallback {
		return
	}
	if !ir.acked {
		ir.a.acknowledge(ctx, ir.in)
	}
	if ir.loading {
		ir.loading = false
		if err := ir.a.deleteOriginal(ctx, ir.in); err != nil {
			ir.a.log.WarnContext(ctx, "delete unused deferred response", "err", err)
		}
	}
}
