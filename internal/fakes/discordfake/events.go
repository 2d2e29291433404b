package discordfake

import (
	"fmt"
	"slices"
)

// IncomingMessage is a message a test user posts, see PostMessage.
type IncomingMessage struct {
	// ChannelID is a guild channel or thread; empty means the DM channel
	// between the author and the bot.
	ChannelID string
	// AuthorID defaults to DefaultUserID (or the first non-bot user).
	AuthorID string
	Content  string
	Embeds   []Embed
	// Files become the message's attachments.
	Files []File
	// Flags are the message's flags: FlagIsVoiceMessage for a voice
	// message (one audio/ogg file with DurationSecs and Waveform, no
	// content).
	Flags int
	// Stickers are posted with the message.
	Stickers []StickerItem
	// ReplyTo is the id of a message in the same channel this one replies to.
	ReplyTo string
}

// PostMessage stores a message from a user and dispatches MESSAGE_CREATE, as
// when someone types in Discord. Mentions of the form <@id> in Content are
// resolved. Sessions without the MESSAGE_CONTENT intent get a guild
// message's content, embeds, attachments and components blanked unless the
// bot is mentioned; DMs keep their content. Sessions without the
// GUILD_MESSAGES (guild) or DIRECT_MESSAGES (DM) intent do not get it. The
// message is stored even when the error is ErrNoSession.
func (s *Server) PostMessage(in IncomingMessage) (Message, error) {
	s.mu.Lock()
	if in.AuthorID == "" {
		in.AuthorID = s.defaultUserLocked()
	}
	if _, ok := s.users[in.AuthorID]; !ok {
		s.mu.Unlock()
		return Message{}, fmt.Errorf("post message as %q: %w", in.AuthorID, ErrUnknownUser)
	}
	var cs *channelState
	if in.ChannelID == "" {
		cs = s.dmChannelLocked(in.AuthorID)
	} else if cs = s.channels[in.ChannelID]; cs == nil {
		s.mu.Unlock()
		return Message{}, fmt.Errorf("post message in %s: %w", in.ChannelID, ErrUnknownChannel)
	}
	if err := s.checkParticipantLocked(cs, in.AuthorID); err != nil {
		s.mu.Unlock()
		return Message{}, fmt.Errorf("post message in %s: %w", cs.ch.ID, err)
	}
	m := &Message{
		ChannelID:  cs.ch.ID,
		AuthorID:   in.AuthorID,
		Content:    in.Content,
		Embeds:     cloneEmbeds(in.Embeds),
		Files:      s.withFileIDs(in.Files),
		Flags:      in.Flags,
		Stickers:   append([]StickerItem(nil), in.Stickers...),
		MentionIDs: s.mentionsLocked(in.Content),
	}
	if in.ReplyTo != "" {
		if ref, ok := s.messages[in.ReplyTo]; ok && ref.ChannelID == cs.ch.ID {
			m.Type = 19
			m.Reference = &MessageReference{MessageID: ref.ID, ChannelID: ref.ChannelID, GuildID: ref.GuildID}
			if ref.AuthorID != in.AuthorID && !slices.Contains(m.MentionIDs, ref.AuthorID) {
				m.MentionIDs = append(m.MentionIDs, ref.AuthorID) // replies ping the author
			}
		}
	}
	s.storeMessageLocked(m)
	gw, cp := s.messageWireLocked(m, true), m.clone()
	s.notifyLocked()
	s.mu.Unlock()
	if !s.hasLiveSession() {
		return cp, fmt.Errorf("post message: %w", ErrNoSession)
	}
	s.dispatchMessageEvent("MESSAGE_CREATE", gw, cp)
	return cp, nil
}

// checkParticipantLocked checks that a user can act in a channel: a member
// of its guild, or the recipient of a DM.
func (s *Server) checkParticipantLocked(cs *channelState, userID string) error {
	if cs.ch.GuildID == "" {
		if !slices.Contains(cs.ch.RecipientIDs, userID) {
			return ErrNotMember
		}
		return nil
	}
	gs := s.guilds[cs.ch.GuildID]
	if gs == nil || gs.members[userID] == nil {
		return ErrNotMember
	}
	if s.channelPermissionsLocked(cs, userID)&PermissionViewChannel == 0 {
		return ErrNotMember
	}
	return nil
}

// Dispatch sends an arbitrary gateway event (op 0, t = event) with data
// marshaled as JSON to every live session, regardless of intents.
func (s *Server) Dispatch(event string, data any) error {
	if _, err := s.dispatch(event, func(*gwSession) (any, bool) { return data, true }); err != nil {
		return fmt.Errorf("dispatch %s: %w", event, err)
	}
	return nil
}
