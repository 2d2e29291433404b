package discordfake

import (
	"encoding/json"
	"net/http"
	"time"
)

// responseMessageFlags are the flags an interaction response or followup
// may set.
const responseMessageFlags = FlagEphemeral | FlagSuppressEmbeds | FlagSuppressNotifications | FlagIsComponentsV2

// callbackBody is the body of an interaction callback.
type callbackBody struct {
	Type int             `json:"type"`
	Data json.RawMessage `json:"data"`
}

// handleInteractionCallback is POST
// /interactions/{interaction_id}/{interaction_token}/callback: the one
// allowed response to an interaction, within the deadline.
func (s *Server) handleInteractionCallback(r *request) response {
	payload, files, err := splitBody(r)
	if err != nil {
		return errInvalidJSON()
	}
	var cb callbackBody
	if err := json.Unmarshal(payload, &cb); err != nil {
		return errInvalidJSON()
	}
	data := messageBody{present: map[string]bool{}}
	if len(cb.Data) > 0 && string(cb.Data) != "null" {
		if data, err = decodeMessageBody(cb.Data); err != nil {
			return errInvalidJSON()
		}
	}
	data.files = files

	s.mu.Lock()
	st := s.interactions[r.param("interaction_id")]
	switch {
	case st == nil || st.rec.Token != r.param("interaction_token"):
		s.mu.Unlock()
		return errUnknownInteraction()
	case st.acked:
		s.mu.Unlock()
		return errorResponse(http.StatusBadRequest, CodeInteractionAcked, "Interaction has already been acknowledged.")
	case time.Since(st.rec.DispatchedAt) > s.cfg.interactionDeadline:
		s.mu.Unlock()
		return errUnknownInteraction()
	}
	data.files = s.withFileIDs(data.files)
	if resp := s.validateCallbackLocked(st, &cb, &data); resp != nil {
		s.mu.Unlock()
		return *resp
	}
	var events []func()
	switch cb.Type {
	case ResponseChannelMessageWithSource, ResponseDeferredChannelMessage:
		events = append(events, s.createOriginalLocked(st, cb.Type, &data))
	case ResponseDeferredUpdateMessage:
		st.originalID = st.rec.MessageID
	case ResponseUpdateMessage:
		st.originalID = st.rec.MessageID
		m := s.messages[st.originalID]
		if resp := s.applyEditLocked(m, &data, []string{"data"}); resp != nil {
			s.mu.Unlock()
			return *resp
		}
		gw, cp := s.messageWireLocked(m, true), m.clone()
		events = append(events, func() { s.dispatchMessageEvent("MESSAGE_UPDATE", gw, cp) })
	}
	st.acked = true
	st.response = &InteractionResponse{
		InteractionID: st.rec.ID, Type: cb.Type, Flags: data.Flags, Content: data.Content,
		Embeds: cloneEmbeds(data.Embeds), Components: cloneComponents(data.Components),
		Files: Message{Files: data.files}.clone().Files, CustomID: data.CustomID, Title: data.Title, At: time.Now(),
	}
	s.responses = append(s.responses, st.rec.ID)
	s.notifyLocked()
	s.mu.Unlock()
	for _, ev := range events {
		ev()
	}
	return noContent()
}

// validateCallbackLocked checks the response type against the interaction
// and the data against Discord's limits.
func (s *Server) validateCallbackLocked(st *interactionState, cb *callbackBody, data *messageBody) *response {
	fe := formErrors{}
	typeInvalid := func() {
		fe.add([]string{"type"}, "INTERACTION_RESPONSE_TYPE_INVALID", "Invalid interaction response type")
	}
	fromComponent := st.rec.Type == InteractionMessageComponent ||
		(st.rec.Type == InteractionModalSubmit && st.rec.MessageID != "")
	switch cb.Type {
	case ResponsePong, ResponseDeferredChannelMessage:
	case ResponseChannelMessageWithSource:
		validateMessage(fe, []string{"data"}, data)
	case ResponseDeferredUpdateMessage:
		if !fromComponent {
			typeInvalid()
		}
	case ResponseUpdateMessage:
		if !fromComponent {
			typeInvalid()
		}
		validateMessage(fe, []string{"data"}, data)
	case ResponseModal:
		if st.rec.Type == InteractionModalSubmit {
			typeInvalid()
		}
		validateModal(fe, []string{"data"}, data)
	default:
		fe.add([]string{"type"}, "BASE_TYPE_CHOICES", "Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.")
	}
	if len(fe) > 0 {
		resp := formErrorResponse(fe)
		return &resp
	}
	if cb.Type == ResponseChannelMessageWithSource && emptyMessage(data.Content, data.Embeds, data.Components, len(data.files), data) {
		resp := errEmptyMessage()
		return &resp
	}
	return nil
}

// createOriginalLocked creates the original response message of a type 4
// (content) or 5 (loading) callback and returns its event dispatch.
func (s *Server) createOriginalLocked(st *interactionState, typ int, data *messageBody) func() {
	m := &Message{
		ChannelID:     st.rec.ChannelID,
		AuthorID:      s.bot.ID,
		InteractionID: st.rec.ID,
		WebhookID:     s.appID,
	}
	if st.rec.Type == InteractionApplicationCommand {
		m.Type = 20
	}
	if typ == ResponseDeferredChannelMessage {
		m.Flags = FlagLoading | data.Flags&FlagEphemeral
		st.loading = true
	} else {
		m.Content = data.Content
		m.Embeds = cloneEmbeds(data.Embeds)
		m.Components = cloneComponents(data.Components)
		m.Flags = data.Flags & responseMessageFlags
		m.TTS = data.TTS
		m.Files = s.withFileIDs(data.files)
		m.MentionIDs = s.mentionsLocked(data.Content)
	}
	s.storeMessageLocked(m)
	st.originalID = m.ID
	gw, cp := s.messageWireLocked(m, true), m.clone()
	return func() { s.dispatchMessageEvent("MESSAGE_CREATE", gw, cp) }
}
