package discordfake

import (
	"encoding/json"
	"net/http"
)

// handleGetCurrentUser is GET /users/@me.
func (s *Server) handleGetCurrentUser(*request) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	return jsonResponse(http.StatusOK, s.userWireMeLocked())
}

// handleGetUser is GET /users/{user_id}.
func (s *Server) handleGetUser(r *request) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.userLocked(r.param("user_id"))
	if !ok {
		return errorResponse(http.StatusNotFound, CodeUnknownUser, "Unknown User")
	}
	return jsonResponse(http.StatusOK, userWire(u))
}

// handleCreateDM is POST /users/@me/channels: the DM channel with
// recipient_id, the same one on every call.
func (s *Server) handleCreateDM(r *request) response {
	var body struct {
		RecipientID string `json:"recipient_id"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil {
		return errInvalidJSON()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.users[body.RecipientID]; !ok || body.RecipientID == s.bot.ID {
		return errorResponse(http.StatusBadRequest, CodeInvalidRecipients, "Invalid Recipient(s)")
	}
	cs := s.dmChannelLocked(body.RecipientID)
	s.notifyLocked()
	return jsonResponse(http.StatusOK, s.channelWireLocked(cs, true))
}
