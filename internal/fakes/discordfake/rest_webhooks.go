package discordfake

import (
	"net/http"
	"slices"
)

// webhookInteractionLocked resolves the interaction of a webhook route:
// {webhook_id} must be the application id and {webhook_token} the token of
// an acknowledged interaction.
func (s *Server) webhookInteractionLocked(r *request) (*interactionState, *response) {
	if r.param("webhook_id") != s.appID {
		resp := errUnknownWebhook()
		return nil, &resp
	}
	st := s.byToken[r.param("webhook_token")]
	if st == nil {
		resp := errorResponse(http.StatusUnauthorized, CodeInvalidWebhookToken, "Invalid Webhook Token")
		return nil, &resp
	}
	if !st.acked {
		resp := errUnknownWebhook()
		return nil, &resp
	}
	return st, nil
}

// webhookMessageLocked resolves {message_id}: @original or a followup.
func (s *Server) webhookMessageLocked(st *interactionState, id string) (*Message, *response) {
	if id == "@original" {
		id = st.originalID
	} else if !slices.Contains(st.followups, id) {
		id = ""
	}
	m := s.messages[id]
	if id == "" || m == nil || m.Deleted {
		resp := errUnknownMessage()
		return nil, &resp
	}
	return m, nil
}

// handleExecuteWebhook is POST /webhooks/{application_id}/{token}: a
// followup message. After a deferred response, the first followup completes
// the original message. With ?wait=true the message is returned, else 204.
func (s *Server) handleExecuteWebhook(r *request) response {
	body, bad := readMessageBody(r)
	s.mu.Lock()
	st, resp := s.webhookInteractionLocked(r)
	if resp != nil {
		s.mu.Unlock()
		return *resp
	}
	if bad != nil {
		s.mu.Unlock()
		return *bad
	}
	fe := formErrors{}
	validateMessage(fe, nil, &body)
	if len(fe) > 0 {
		s.mu.Unlock()
		return formErrorResponse(fe)
	}
	if emptyMessage(body.Content, body.Embeds, body.Components, len(body.files), &body) {
		s.mu.Unlock()
		return errEmptyMessage()
	}
	event := "MESSAGE_CREATE"
	var m *Message
	if orig := s.messages[st.originalID]; st.loading && orig != nil {
		m, event = orig, "MESSAGE_UPDATE"
		m.Flags &^= FlagLoading
		st.loading = false
	} else {
		m = &Message{ChannelID: st.rec.ChannelID, AuthorID: s.bot.ID, InteractionID: st.rec.ID,
			WebhookID: s.appID, Flags: body.Flags & responseMessageFlags}
		if st.rec.Type == InteractionApplicationCommand {
			m.Type = 20
		}
		s.storeMessageLocked(m)
	}
	m.Content = body.Content
	m.Embeds = cloneEmbeds(body.Embeds)
	m.Components = cloneComponents(body.Components)
	m.TTS = body.TTS
	m.Files = append(m.Files, s.withFileIDs(body.files)...)
	m.MentionIDs = s.mentionsLocked(body.Content)
	st.followups = append(st.followups, m.ID)
	wire, gw, cp := s.messageWireLocked(m, false), s.messageWireLocked(m, true), m.clone()
	s.notifyLocked()
	s.mu.Unlock()
	s.dispatchMessageEvent(event, gw, cp)
	if r.URL.Query().Get("wait") != "true" {
		return noContent()
	}
	return jsonResponse(http.StatusOK, wire)
}

// handleGetWebhookMessage is GET /webhooks/{application_id}/{token}/messages/{message_id}.
func (s *Server) handleGetWebhookMessage(r *request) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, resp := s.webhookInteractionLocked(r)
	if resp != nil {
		return *resp
	}
	m, resp := s.webhookMessageLocked(st, r.param("message_id"))
	if resp != nil {
		return *resp
	}
	return jsonResponse(http.StatusOK, s.messageWireLocked(m, false))
}

// handleEditWebhookMessage is PATCH
// /webhooks/{application_id}/{token}/messages/{message_id}: edit the
// original response (completing a deferred one) or a followup.
func (s *Server) handleEditWebhookMessage(r *request) response {
	body, bad := readMessageBody(r)
	s.mu.Lock()
	st, resp := s.webhookInteractionLocked(r)
	if resp != nil {
		s.mu.Unlock()
		return *resp
	}
	m, resp := s.webhookMessageLocked(st, r.param("message_id"))
	if resp != nil {
		s.mu.Unlock()
		return *resp
	}
	if bad != nil {
		s.mu.Unlock()
		return *bad
	}
	if resp := s.applyEditLocked(m, &body, nil); resp != nil {
		s.mu.Unlock()
		return *resp
	}
	if m.ID == st.originalID {
		st.loading = false
	}
	wire, gw, cp := s.messageWireLocked(m, false), s.messageWireLocked(m, true), m.clone()
	s.notifyLocked()
	s.mu.Unlock()
	s.dispatchMessageEvent("MESSAGE_UPDATE", gw, cp)
	return jsonResponse(http.StatusOK, wire)
}

// handleDeleteWebhookMessage is DELETE
// /webhooks/{application_id}/{token}/messages/{message_id}.
func (s *Server) handleDeleteWebhookMessage(r *request) response {
	s.mu.Lock()
	st, resp := s.webhookInteractionLocked(r)
	if resp != nil {
		s.mu.Unlock()
		return *resp
	}
	m, resp := s.webhookMessageLocked(st, r.param("message_id"))
	if resp != nil {
		s.mu.Unlock()
		return *resp
	}
	m.Deleted = true
	cp := m.clone()
	s.notifyLocked()
	s.mu.Unlock()
	s.dispatchMessageDelete(cp)
	return noContent()
}
