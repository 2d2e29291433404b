package discord

import (
	"context"
	"errors"
	"fmt"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot"
)

// Send delivers a reply to a chat outside of any event (a scheduled push)
// and returns the ID of the message that carries the reply's buttons: the
// last one when the text was split. For a private chat, chat.ID is the DM
// channel's ID. Reply.Edit edits that message instead; Reply.Private has no
// effect, there being no interaction to answer ephemerally. A round
// question (bot.KindRound) in a guild channel gets a thread started from
// its message; the returned ID stays the message's, which is also the
// thread's. Failures that can never succeed wrap bot.ErrUndeliverable.
func (a *Adapter) Send(ctx context.Context, chat bot.Chat, r bot.Reply) (string, error) {
	if chat.ID == "" {
		return "", fmt.Errorf("discord: send: empty chat id: %w", bot.ErrUndeliverable)
	}
	o, ok := a.render(r)
	if !ok {
		return "", fmt.Errorf("discord: send: empty reply: %w", bot.ErrUndeliverable)
	}
	if r.Edit != "" {
		return a.editMessage(ctx, chat.ID, r.Edit, o)
	}
	id, err := a.sendMessage(ctx, chat.ID, o, r.ReplyTo)
	if err == nil && chat.Kind != bot.Private {
		a.startRoundThread(ctx, chat.ID, id, r)
	}
	return id, err
}

// sendMessage posts the parts of o in a channel, the first replying to
// replyTo if set, and returns the ID of the last.
func (a *Adapter) sendMessage(ctx context.Context, channelID string, o outgoing, replyTo string) (string, error) {
	return a.sendParts(ctx, channelID, o, 0, replyTo)
}

// sendParts posts the parts of o from the from'th on.
func (a *Adapter) sendParts(ctx context.Context, channelID string, o outgoing, from int, replyTo string) (string, error) {
	var id string
	for i := from; i < len(o.parts); i++ {
		var ref *discordgo.MessageReference
		if i == from && replyTo != "" {
			no := false
			ref = &discordgo.MessageReference{MessageID: replyTo, ChannelID: channelID, FailIfNotExists: &no}
		}
		var m *discordgo.Message
		var err error
		o, err = a.withFile(ctx, o, i, func(o outgoing) error {
			return a.do(ctx, "send message", func(opts ...discordgo.RequestOption) error {
				var err error
				m, err = a.s.ChannelMessageSendComplex(channelID, &discordgo.MessageSend{
					Content:         o.parts[i],
					Components:      o.componentsFor(i),
					Files:           o.filesFor(i),
					AllowedMentions: noMentions(),
					Reference:       ref,
				}, opts...)
				return err
			})
		})
		if err != nil {
			return id, err
		}
		if m != nil {
			id = m.ID
		}
	}
	return id, nil
}

// editMessage replaces a message's content and buttons with the last part
// of o: a message sent in parts is edited where its buttons are, the parts
// before it left as they are (an edit changes a question's last lines). It
// returns the message's ID.
func (a *Adapter) editMessage(ctx context.Context, channelID, messageID string, o outgoing) (string, error) {
	o = o.tail()
	o, err := a.withFile(ctx, o, 0, func(o outgoing) error {
		content := o.parts[0]
		comps := o.componentsFor(0)
		return a.do(ctx, "edit message", func(opts ...discordgo.RequestOption) error {
			_, err := a.s.ChannelMessageEditComplex(&discordgo.MessageEdit{
				ID:              messageID,
				Channel:         channelID,
				Content:         &content,
				Components:      &comps,
				Files:           o.filesFor(0),
				AllowedMentions: noMentions(),
			}, opts...)
			return err
		})
	})
	return messageID, err
}

// dmChannel returns the ID of the DM channel with a user, opening it once.
func (a *Adapter) dmChannel(ctx context.Context, userID string) (string, error) {
	a.mu.Lock()
	id, ok := a.dms[userID]
	a.mu.Unlock()
	if ok {
		return id, nil
	}
	var ch *discordgo.Channel
	err := a.do(ctx, "open dm", func(opts ...discordgo.RequestOption) error {
		var err error
		ch, err = a.s.UserChannelCreate(userID, opts...)
		return err
	})
	if err != nil {
		return "", err
	}
	if ch == nil || ch.ID == "" {
		return "", errors.New("discord: open dm: no channel in the answer")
	}
	a.mu.Lock()
	a.dms[userID] = ch.ID
	a.mu.Unlock()
	return ch.ID, nil
}

// respond makes the interaction callback, built anew for each try (files
// are read once). A callback retried after an answer that got lost may find
// the interaction acknowledged already: that is success.
func (a *Adapter) respond(ctx context.Context, in *discordgo.Interaction, build func() *discordgo.InteractionResponse) error {
	tried := false
	return a.do(ctx, "respond to interaction", func(opts ...discordgo.RequestOption) error {
		err := a.s.InteractionRespond(in, build(), opts...)
		if tried && hasCode(err, codeInteractionAcked) {
			return nil
		}
		tried = true
		return err
	})
}

// originalID returns the ID of an interaction's original response message.
func (a *Adapter) originalID(ctx context.Context, in *discordgo.Interaction) (string, error) {
	var m *discordgo.Message
	err := a.do(ctx, "get original response", func(opts ...discordgo.RequestOption) error {
		var err error
		m, err = a.s.InteractionResponse(in, opts...)
		return err
	})
	if err != nil || m == nil {
		return "", err
	}
	return m.ID, nil
}

// editOriginal replaces the original response (after a deferred response,
// or the clicked message after an update) with part i of o.
func (a *Adapter) editOriginal(ctx context.Context, in *discordgo.Interaction, o outgoing, i int) (string, error) {
	var m *discordgo.Message
	_, err := a.withFile(ctx, o, i, func(o outgoing) error {
		content := o.parts[i]
		comps := o.componentsFor(i)
		return a.do(ctx, "edit original response", func(opts ...discordgo.RequestOption) error {
			var err error
			m, err = a.s.InteractionResponseEdit(in, &discordgo.WebhookEdit{
				Content:         &content,
				Components:      &comps,
				Files:           o.filesFor(i),
				AllowedMentions: noMentions(),
			}, opts...)
			return err
		})
	})
	if err != nil || m == nil {
		return "", err
	}
	return m.ID, nil
}

// deleteOriginal deletes an interaction's original response.
func (a *Adapter) deleteOriginal(ctx context.Context, in *discordgo.Interaction) error {
	return a.do(ctx, "delete original response", func(opts ...discordgo.RequestOption) error {
		return a.s.InteractionResponseDelete(in, opts...)
	})
}

// followups posts parts of o from the from'th on as followup messages and
// returns the ID of the last.
func (a *Adapter) followups(ctx context.Context, in *discordgo.Interaction, o outgoing, from int, flags discordgo.MessageFlags) (string, error) {
	var id string
	for i := from; i < len(o.parts); i++ {
		var m *discordgo.Message
		var err error
		o, err = a.withFile(ctx, o, i, func(o outgoing) error {
			return a.do(ctx, "send followup", func(opts ...discordgo.RequestOption) error {
				var err error
				m, err = a.s.FollowupMessageCreate(in, true, &discordgo.WebhookParams{
					Content:         o.parts[i],
					Components:      o.componentsFor(i),
					Files:           o.filesFor(i),
					AllowedMentions: noMentions(),
					Flags:           flags,
				}, opts...)
				return err
			})
		})
		if err != nil {
			return id, err
		}
		if m != nil {
			id = m.ID
		}
	}
	return id, nil
}

// responseData is the message of a type 4 or 7 callback: part i of o.
func responseData(o outgoing, i int, flags discordgo.MessageFlags) *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{
		Content:         o.parts[i],
		Components:      o.componentsFor(i),
		Files:           o.filesFor(i),
		AllowedMentions: noMentions(),
		Flags:           flags,
	}
}
