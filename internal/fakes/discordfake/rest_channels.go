package discordfake

import (
	"encoding/json"
	"net/http"
)

// handleGetChannel is GET /channels/{channel_id}.
func (s *Server) handleGetChannel(r *request) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.channels[r.param("channel_id")]
	if cs == nil {
		return errUnknownChannel()
	}
	if resp := s.checkViewLocked(cs); resp != nil {
		return *resp
	}
	return jsonResponse(http.StatusOK, s.channelWireLocked(cs, true))
}

// threadBody is the body of both thread creation routes.
type threadBody struct {
	Name                string `json:"name"`
	AutoArchiveDuration int    `json:"auto_archive_duration"`
	Type                *int   `json:"type"`
	Invitable           *bool  `json:"invitable"`
	RateLimitPerUser    int    `json:"rate_limit_per_user"`
}

// validateThread checks name and auto_archive_duration.
func validateThread(fe formErrors, b *threadBody) {
	switch n := runes(b.Name); {
	case n == 0:
		fe.required([]string{"name"})
	case n > 100:
		fe.maxLen([]string{"name"}, 100)
	}
	switch b.AutoArchiveDuration {
	case 0:
		b.AutoArchiveDuration = 4320
	case 60, 1440, 4320, 10080:
	default:
		fe.add([]string{"auto_archive_duration"}, "BASE_TYPE_CHOICES", "Value must be one of {60, 1440, 4320, 10080}.")
	}
}

// createThreadLocked checks permissions and stores a new thread of parent.
func (s *Server) createThreadLocked(parent *channelState, id string, typ int, b threadBody, starter string) (*channelState, *response) {
	if parent.ch.Type != ChannelTypeGuildText && parent.ch.Type != ChannelTypeAnnouncement {
		resp := errorResponse(http.StatusBadRequest, CodeCannotExecuteOnChannel, "Cannot execute action on this channel type")
		return nil, &resp
	}
	perms := s.channelPermissionsLocked(parent, s.bot.ID)
	need := PermissionCreatePublicThreads
	if typ == ChannelTypePrivateThread {
		need = PermissionCreatePrivateThreads
	}
	if perms&PermissionViewChannel == 0 {
		resp := errMissingAccess()
		return nil, &resp
	}
	if perms&need == 0 {
		resp := errMissingPermissions()
		return nil, &resp
	}
	t := &channelState{ch: Channel{
		ID: id, Type: typ, GuildID: parent.ch.GuildID, Name: b.Name, ParentID: parent.ch.ID,
		OwnerID: s.bot.ID, AutoArchiveDuration: b.AutoArchiveDuration, StarterMessageID: starter,
	}}
	s.channels[id] = t
	if gs := s.guilds[parent.ch.GuildID]; gs != nil {
		gs.channelIDs = append(gs.channelIDs, id)
	}
	return t, nil
}

// dispatchThreadCreate sends THREAD_CREATE to sessions with the GUILDS
// intent.
func (s *Server) dispatchThreadCreate(wire map[string]any, guildID string) {
	data := make(map[string]any, len(wire)+1)
	for k, v := range wire {
		data[k] = v
	}
	data["newly_created"] = true
	_, _ = s.dispatch("THREAD_CREATE", func(gs *gwSession) (any, bool) {
		return data, gs.intents&IntentGuilds != 0 && gs.ownsGuild(guildID)
	})
}

// handleStartThread is POST /channels/{channel_id}/threads (a thread without
// a starter message). type defaults to a private thread in API v9 and is
// required in v10, as on Discord.
func (s *Server) handleStartThread(r *request) response {
	var b threadBody
	if err := json.Unmarshal(r.body, &b); err != nil {
		return errInvalidJSON()
	}
	s.mu.Lock()
	parent := s.channels[r.param("channel_id")]
	if parent == nil {
		s.mu.Unlock()
		return errUnknownChannel()
	}
	fe := formErrors{}
	validateThread(fe, &b)
	typ := ChannelTypePrivateThread
	switch {
	case b.Type != nil && (*b.Type == ChannelTypePublicThread || *b.Type == ChannelTypePrivateThread):
		typ = *b.Type
	case b.Type != nil:
		fe.add([]string{"type"}, "BASE_TYPE_CHOICES", "Value must be one of {10, 11, 12}.")
	case r.version >= 10:
		fe.required([]string{"type"})
	}
	if len(fe) > 0 {
		s.mu.Unlock()
		return formErrorResponse(fe)
	}
	t, bad := s.createThreadLocked(parent, s.ids.next(), typ, b, "")
	if bad != nil {
		s.mu.Unlock()
		return *bad
	}
	wire := s.channelWireLocked(t, true)
	s.notifyLocked()
	s.mu.Unlock()
	s.dispatchThreadCreate(wire, t.ch.GuildID)
	return jsonResponse(http.StatusCreated, wire)
}

// handleStartThreadFromMessage is POST
// /channels/{channel_id}/messages/{message_id}/threads: a public thread
// whose id is the starter message's id.
func (s *Server) handleStartThreadFromMessage(r *request) response {
	var b threadBody
	if err := json.Unmarshal(r.body, &b); err != nil {
		return errInvalidJSON()
	}
	s.mu.Lock()
	parent, m, bad := s.lookupMessageLocked(r)
	if bad != nil {
		s.mu.Unlock()
		return *bad
	}
	if m.ThreadID != "" {
		s.mu.Unlock()
		return errorResponse(http.StatusBadRequest, CodeThreadAlreadyCreated, "A thread has already been created for this message")
	}
	fe := formErrors{}
	validateThread(fe, &b)
	if len(fe) > 0 {
		s.mu.Unlock()
		return formErrorResponse(fe)
	}
	typ := ChannelTypePublicThread
	if parent.ch.Type == ChannelTypeAnnouncement {
		typ = 10
	}
	t, bad := s.createThreadLocked(parent, m.ID, typ, b, m.ID)
	if bad != nil {
		s.mu.Unlock()
		return *bad
	}
	m.ThreadID = t.ch.ID
	wire := s.channelWireLocked(t, true)
	s.notifyLocked()
	s.mu.Unlock()
	s.dispatchThreadCreate(wire, t.ch.GuildID)
	return jsonResponse(http.StatusCreated, wire)
}
