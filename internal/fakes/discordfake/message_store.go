package discordfake

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"time"
)

// mentionRE matches user mentions: <@id> and the legacy <@!id>.
var mentionRE = regexp.MustCompile(`<@!?(\d+)>`)

// mentionsLocked returns the known users mentioned in content.
func (s *Server) mentionsLocked(content string) []string {
	var ids []string
	for _, m := range mentionRE.FindAllStringSubmatch(content, -1) {
		if _, ok := s.users[m[1]]; ok && !slices.Contains(ids, m[1]) {
			ids = append(ids, m[1])
		}
	}
	return ids
}

// withFileIDs returns a copy of files where each file without an
// attachment id has got one.
func (s *Server) withFileIDs(files []File) []File {
	if files == nil {
		return nil
	}
	out := make([]File, len(files))
	for i, f := range files {
		if f.ID == "" {
			f.ID = s.ids.next()
		}
		out[i] = f
	}
	return out
}

// storeMessageLocked adds a new message to its channel.
func (s *Server) storeMessageLocked(m *Message) {
	if m.ID == "" {
		m.ID = s.ids.next()
	}
	if m.Timestamp.IsZero() {
		m.Timestamp = time.Now()
	}
	s.messages[m.ID] = m
	s.msgOrder = append(s.msgOrder, m.ID)
	if cs := s.channels[m.ChannelID]; cs != nil {
		cs.messageIDs = append(cs.messageIDs, m.ID)
		m.GuildID = cs.ch.GuildID
	}
}

// markEditedLocked stamps an edit.
func markEditedLocked(m *Message) {
	now := time.Now()
	m.EditedTimestamp = &now
	m.Edits++
}

// dispatchMessageEvent sends MESSAGE_CREATE or MESSAGE_UPDATE for m (wire
// rendered with forGateway) to the sessions whose intents cover it, blanking
// content, embeds, attachments and components for sessions without the
// MESSAGE_CONTENT intent, unless the message is a DM, is the bot's own, or
// mentions the bot, as Discord does. Ephemeral messages are not dispatched.
// Having no gateway session is not an error here.
func (s *Server) dispatchMessageEvent(event string, wire map[string]any, m Message) {
	if m.Ephemeral() {
		return
	}
	botID := s.bot.ID
	exempt := m.GuildID == "" || m.AuthorID == botID || slices.Contains(m.MentionIDs, botID)
	_, _ = s.dispatch(event, func(gs *gwSession) (any, bool) {
		if !messageIntentOK(gs, m.GuildID) {
			return nil, false
		}
		if exempt || gs.intents&IntentMessageContent != 0 {
			return wire, true
		}
		blank := maps.Clone(wire)
		blank["content"] = ""
		blank["embeds"] = []any{}
		blank["attachments"] = []any{}
		blank["components"] = []any{}
		delete(blank, "poll")
		return blank, true
	})
}

// dispatchMessageDelete sends MESSAGE_DELETE.
func (s *Server) dispatchMessageDelete(m Message) {
	if m.Ephemeral() {
		return
	}
	data := map[string]any{"id": m.ID, "channel_id": m.ChannelID}
	if m.GuildID != "" {
		data["guild_id"] = m.GuildID
	}
	_, _ = s.dispatch("MESSAGE_DELETE", func(gs *gwSession) (any, bool) {
		return data, messageIntentOK(gs, m.GuildID)
	})
}

// messageIntentOK reports whether a session receives message events of a
// guild (or of DMs when guildID is "").
func messageIntentOK(gs *gwSession, guildID string) bool {
	if guildID == "" {
		return gs.intents&IntentDirectMessages != 0 && gs.shard[0] == 0
	}
	return gs.intents&IntentGuildMessages != 0 && gs.ownsGuild(guildID)
}

// Message returns a message by id, whoever created it.
func (s *Server) Message(id string) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.messages[id]
	if !ok {
		return Message{}, false
	}
	return m.clone(), true
}

// Messages returns the messages the bot created in a channel through the
// channel message routes (not interaction responses or followups), in
// creation order, including deleted ones (Deleted set).
func (s *Server) Messages(channelID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, id := range s.sent {
		if m := s.messages[id]; m.ChannelID == channelID {
			out = append(out, m.clone())
		}
	}
	return out
}

// AllMessages returns every message of a channel in creation order: the
// bot's, users' (PostMessage) and interaction responses and followups,
// ephemeral and deleted ones included.
func (s *Server) AllMessages(channelID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.channels[channelID]
	if cs == nil {
		return nil
	}
	out := make([]Message, 0, len(cs.messageIDs))
	for _, id := range cs.messageIDs {
		out = append(out, s.messages[id].clone())
	}
	return out
}

// SentMessages returns every message the bot created through the channel
// message routes, in all channels, in creation order.
func (s *Server) SentMessages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, 0, len(s.sent))
	for _, id := range s.sent {
		out = append(out, s.messages[id].clone())
	}
	return out
}

// WaitMessages blocks until the bot created at least n messages in a channel
// (as Messages counts them) and returns them all.
func (s *Server) WaitMessages(ctx context.Context, channelID string, n int) ([]Message, error) {
	var got []Message
	err := s.Wait(ctx, func() bool {
		got = s.Messages(channelID)
		return len(got) >= n
	})
	if err != nil {
		return got, fmt.Errorf("wait for %d messages in %s: %w", n, channelID, err)
	}
	return got, nil
}

// WaitSentMessages blocks until the bot created at least n messages in any
// channels and returns them all.
func (s *Server) WaitSentMessages(ctx context.Context, n int) ([]Message, error) {
	var got []Message
	err := s.Wait(ctx, func() bool {
		got = s.SentMessages()
		return len(got) >= n
	})
	if err != nil {
		return got, fmt.Errorf("wait for %d sent messages: %w", n, err)
	}
	return got, nil
}
