package discordfake

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// channelMessageFlags are the flags a bot may set on a channel message.
const channelMessageFlags = FlagSuppressEmbeds | FlagSuppressNotifications | FlagIsComponentsV2

// checkSendLocked checks that the bot may post in a channel, with files.
func (s *Server) checkSendLocked(cs *channelState, withFiles bool) *response {
	if cs.ch.Type == ChannelTypeDM {
		for _, id := range cs.ch.RecipientIDs {
			if u, ok := s.users[id]; ok && (u.RejectDMs || u.Bot) {
				resp := errorResponse(http.StatusForbidden, CodeCannotMessageUser, "Cannot send messages to this user")
				return &resp
			}
		}
		return nil
	}
	perms := s.channelPermissionsLocked(cs, s.bot.ID)
	need := PermissionSendMessages
	if cs.ch.IsThread() {
		need = PermissionSendMessagesInThreads
	}
	if withFiles {
		need |= PermissionAttachFiles
	}
	switch {
	case perms&PermissionViewChannel == 0:
		resp := errMissingAccess()
		return &resp
	case perms&need != need:
		resp := errMissingPermissions()
		return &resp
	case cs.ch.Type == ChannelTypeGuildCategory || cs.ch.Type == ChannelTypeGuildVoice:
		resp := errorResponse(http.StatusBadRequest, CodeCannotExecuteOnChannel, "Cannot execute action on this channel type")
		return &resp
	}
	return nil
}

// checkViewLocked checks that the bot can see a channel.
func (s *Server) checkViewLocked(cs *channelState) *response {
	if cs.ch.GuildID != "" && s.channelPermissionsLocked(cs, s.bot.ID)&PermissionViewChannel == 0 {
		resp := errMissingAccess()
		return &resp
	}
	return nil
}

// resolveReferenceLocked validates a reply's message_reference. It returns
// the reference to store (nil if dropped).
func (s *Server) resolveReferenceLocked(fe formErrors, channelID string, ref *MessageReference) *MessageReference {
	if ref == nil || ref.MessageID == "" || ref.Type != 0 {
		return ref
	}
	target, ok := s.messages[ref.MessageID]
	refChannel := ref.ChannelID
	if refChannel == "" {
		refChannel = channelID
	}
	if !ok || target.Deleted || target.Ephemeral() || target.ChannelID != refChannel {
		if ref.FailIfNotExists == nil || *ref.FailIfNotExists {
			fe.add([]string{"message_reference"}, "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message")
		}
		return nil
	}
	out := *ref
	out.ChannelID = target.ChannelID
	out.GuildID = target.GuildID
	return &out
}

// handleCreateMessage is POST /channels/{channel_id}/messages.
func (s *Server) handleCreateMessage(r *request) response {
	body, bad := readMessageBody(r)
	s.mu.Lock()
	cs := s.channels[r.param("channel_id")]
	if cs == nil {
		s.mu.Unlock()
		return errUnknownChannel()
	}
	if bad != nil {
		s.mu.Unlock()
		return *bad
	}
	if resp := s.checkSendLocked(cs, len(body.files) > 0); resp != nil {
		s.mu.Unlock()
		return *resp
	}
	fe := formErrors{}
	validateMessage(fe, nil, &body)
	ref := s.resolveReferenceLocked(fe, cs.ch.ID, body.Reference)
	if len(fe) > 0 {
		s.mu.Unlock()
		return formErrorResponse(fe)
	}
	if emptyMessage(body.Content, body.Embeds, body.Components, len(body.files), &body) {
		s.mu.Unlock()
		return errEmptyMessage()
	}
	m := &Message{
		ChannelID:  cs.ch.ID,
		AuthorID:   s.bot.ID,
		Content:    body.Content,
		Embeds:     cloneEmbeds(body.Embeds),
		Components: cloneComponents(body.Components),
		Flags:      body.Flags & channelMessageFlags,
		TTS:        body.TTS,
		Reference:  ref,
		Files:      s.withFileIDs(body.files),
		MentionIDs: s.mentionsLocked(body.Content),
	}
	if ref != nil {
		m.Type = 19
	}
	s.storeMessageLocked(m)
	s.sent = append(s.sent, m.ID)
	wire, gw, cp := s.messageWireLocked(m, false), s.messageWireLocked(m, true), m.clone()
	s.notifyLocked()
	s.mu.Unlock()
	s.dispatchMessageEvent("MESSAGE_CREATE", gw, cp)
	return jsonResponse(http.StatusOK, wire)
}

// lookupMessageLocked finds a live, non-ephemeral message of a channel.
func (s *Server) lookupMessageLocked(r *request) (*channelState, *Message, *response) {
	cs := s.channels[r.param("channel_id")]
	if cs == nil {
		resp := errUnknownChannel()
		return nil, nil, &resp
	}
	if resp := s.checkViewLocked(cs); resp != nil {
		return nil, nil, resp
	}
	m, ok := s.messages[r.param("message_id")]
	if !ok || m.ChannelID != cs.ch.ID || m.Deleted || m.Ephemeral() {
		resp := errUnknownMessage()
		return nil, nil, &resp
	}
	return cs, m, nil
}

// handleGetMessage is GET /channels/{channel_id}/messages/{message_id}.
func (s *Server) handleGetMessage(r *request) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, m, bad := s.lookupMessageLocked(r)
	if bad != nil {
		return *bad
	}
	return jsonResponse(http.StatusOK, s.messageWireLocked(m, false))
}

// handleGetMessages is GET /channels/{channel_id}/messages: newest first,
// limit (1-100, default 50) and before/after/around a message id.
func (s *Server) handleGetMessages(r *request) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.channels[r.param("channel_id")]
	if cs == nil {
		return errUnknownChannel()
	}
	if resp := s.checkViewLocked(cs); resp != nil {
		return *resp
	}
	q := r.URL.Query()
	limit := 50
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			fe := formErrors{}
			fe.add([]string{"limit"}, "NUMBER_TYPE_MAX", "int value should be less than or equal to 100.")
			return formErrorResponse(fe)
		}
		limit = n
	}
	before, after := q.Get("before"), q.Get("after")
	var out []any
	for i := len(cs.messageIDs) - 1; i >= 0 && len(out) < limit; i-- {
		m := s.messages[cs.messageIDs[i]]
		if m.Deleted || m.Ephemeral() {
			continue
		}
		if before != "" && !idLess(m.ID, before) || after != "" && !idLess(after, m.ID) {
			continue
		}
		out = append(out, s.messageWireLocked(m, false))
	}
	return jsonResponse(http.StatusOK, nonNilAny(out))
}

// idLess compares snowflakes numerically.
func idLess(a, b string) bool {
	x, _ := strconv.ParseUint(a, 10, 64)
	y, _ := strconv.ParseUint(b, 10, 64)
	return x < y
}

// applyEditLocked applies the fields present in an edit body to m and
// validates the result. It returns a non-nil response on failure.
func (s *Server) applyEditLocked(m *Message, body *messageBody, prefix []string) *response {
	fe := formErrors{}
	validateMessage(fe, prefix, body)
	if len(fe) > 0 {
		resp := formErrorResponse(fe)
		return &resp
	}
	next := *m
	if body.has("content") {
		next.Content = body.Content
		next.MentionIDs = s.mentionsLocked(body.Content)
	}
	if body.has("embeds") {
		next.Embeds = cloneEmbeds(body.Embeds)
	}
	if body.has("components") {
		next.Components = cloneComponents(body.Components)
	}
	if body.has("flags") {
		next.Flags = m.Flags&^FlagSuppressEmbeds | body.Flags&FlagSuppressEmbeds
	}
	if body.has("attachments") {
		keepIDs := attachmentIDs(body.Attachment)
		var keep []File
		for _, f := range m.Files {
			if keepIDs[f.ID] {
				keep = append(keep, f)
			}
		}
		next.Files = keep
	}
	next.Files = append(slices.Clone(next.Files), s.withFileIDs(body.files)...)
	next.Flags &^= FlagLoading
	if emptyMessage(next.Content, next.Embeds, next.Components, len(next.Files), nil) {
		resp := errEmptyMessage()
		return &resp
	}
	*m = next
	markEditedLocked(m)
	return nil
}

// handleEditMessage is PATCH /channels/{channel_id}/messages/{message_id}.
func (s *Server) handleEditMessage(r *request) response {
	body, bad := readMessageBody(r)
	s.mu.Lock()
	_, m, resp := s.lookupMessageLocked(r)
	if resp != nil {
		s.mu.Unlock()
		return *resp
	}
	if m.AuthorID != s.bot.ID || m.WebhookID != "" {
		s.mu.Unlock()
		return errorResponse(http.StatusForbidden, CodeCannotEditOthers, "Cannot edit a message authored by another user")
	}
	if bad != nil {
		s.mu.Unlock()
		return *bad
	}
	if resp := s.applyEditLocked(m, &body, nil); resp != nil {
		s.mu.Unlock()
		return *resp
	}
	wire, gw, cp := s.messageWireLocked(m, false), s.messageWireLocked(m, true), m.clone()
	s.notifyLocked()
	s.mu.Unlock()
	s.dispatchMessageEvent("MESSAGE_UPDATE", gw, cp)
	return jsonResponse(http.StatusOK, wire)
}

// handleDeleteMessage is DELETE /channels/{channel_id}/messages/{message_id}.
func (s *Server) handleDeleteMessage(r *request) response {
	s.mu.Lock()
	cs, m, resp := s.lookupMessageLocked(r)
	if resp != nil {
		s.mu.Unlock()
		return *resp
	}
	if m.AuthorID != s.bot.ID {
		if cs.ch.GuildID == "" {
			s.mu.Unlock()
			return errorResponse(http.StatusForbidden, CodeCannotExecuteOnDM, "Cannot execute action on a DM channel")
		}
		if s.channelPermissionsLocked(cs, s.bot.ID)&PermissionManageMessages == 0 {
			s.mu.Unlock()
			return errMissingPermissions()
		}
	}
	m.Deleted = true
	cp := m.clone()
	s.notifyLocked()
	s.mu.Unlock()
	s.dispatchMessageDelete(cp)
	return noContent()
}

// handleTyping is POST /channels/{channel_id}/typing.
func (s *Server) handleTyping(r *request) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.channels[r.param("channel_id")]
	if cs == nil {
		return errUnknownChannel()
	}
	if resp := s.checkSendLocked(cs, false); resp != nil {
		return *resp
	}
	s.typing[cs.ch.ID]++
	s.notifyLocked()
	return noContent()
}

// attachmentIDs returns the ids listed in an "attachments" array, whether
// sent as strings or numbers.
func attachmentIDs(raws []json.RawMessage) map[string]bool {
	ids := map[string]bool{}
	for _, raw := range raws {
		var a struct {
			ID json.RawMessage `json:"id"`
		}
		if json.Unmarshal(raw, &a) == nil && a.ID != nil {
			ids[strings.Trim(string(a.ID), `"`)] = true
		}
	}
	return ids
}
