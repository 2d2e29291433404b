package discordfake

import "net/http"

// guildForBotLocked returns the guild named in the path, if the bot is in it.
func (s *Server) guildForBotLocked(r *request) (*guildState, *response) {
	gs := s.guilds[r.param("guild_id")]
	if gs == nil {
		resp := errUnknownGuild()
		return nil, &resp
	}
	return gs, nil
}

// handleGetGuild is GET /guilds/{guild_id}.
func (s *Server) handleGetGuild(r *request) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	gs, bad := s.guildForBotLocked(r)
	if bad != nil {
		return *bad
	}
	return jsonResponse(http.StatusOK, s.guildWireLocked(gs))
}

// handleGetGuildChannels is GET /guilds/{guild_id}/channels (threads
// excluded, as on Discord).
func (s *Server) handleGetGuildChannels(r *request) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	gs, bad := s.guildForBotLocked(r)
	if bad != nil {
		return *bad
	}
	out := []any{}
	for _, id := range gs.channelIDs {
		if c := s.channels[id]; !c.ch.IsThread() {
			out = append(out, s.channelWireLocked(c, true))
		}
	}
	return jsonResponse(http.StatusOK, out)
}

// handleGetGuildMember is GET /guilds/{guild_id}/members/{user_id}.
func (s *Server) handleGetGuildMember(r *request) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	gs, bad := s.guildForBotLocked(r)
	if bad != nil {
		return *bad
	}
	m, ok := gs.members[r.param("user_id")]
	if !ok {
		return errorResponse(http.StatusNotFound, CodeUnknownMember, "Unknown Member")
	}
	return jsonResponse(http.StatusOK, memberWire(m, true, nil))
}

// handleGetGuildRoles is GET /guilds/{guild_id}/roles.
func (s *Server) handleGetGuildRoles(r *request) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	gs, bad := s.guildForBotLocked(r)
	if bad != nil {
		return *bad
	}
	out := make([]any, 0, len(gs.guild.Roles))
	for _, role := range gs.guild.Roles {
		out = append(out, roleWire(role))
	}
	return jsonResponse(http.StatusOK, out)
}
