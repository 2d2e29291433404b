package discordfake

import (
	"context"
	"fmt"
	"time"
)

// Interaction types, as on the wire.
const (
	InteractionApplicationCommand = 2
	InteractionMessageComponent   = 3
	InteractionModalSubmit        = 5
)

// Interaction response types, as on the wire.
const (
	ResponsePong                     = 1
	ResponseChannelMessageWithSource = 4
	ResponseDeferredChannelMessage   = 5
	ResponseDeferredUpdateMessage    = 6
	ResponseUpdateMessage            = 7
	ResponseModal                    = 9
)

// Interaction is an interaction the fake dispatched as INTERACTION_CREATE.
type Interaction struct {
	ID            string
	Token         string
	ApplicationID string
	// Type is InteractionApplicationCommand, InteractionMessageComponent
	// or InteractionModalSubmit.
	Type      int
	GuildID   string
	ChannelID string
	UserID    string
	// CommandName is set for application commands.
	CommandName string
	// CustomID is the component's or the modal's custom id.
	CustomID string
	// MessageID is the message the component was on; for a modal submit,
	// the message of the component interaction that opened the modal.
	MessageID    string
	DispatchedAt time.Time
}

// InteractionResponse is a recorded interaction callback.
type InteractionResponse struct {
	InteractionID string
	// Type is one of the Response constants.
	Type       int
	Flags      int
	Content    string
	Embeds     []Embed
	Components []Component
	Files      []File
	// CustomID and Title describe a modal (Type ResponseModal).
	CustomID string
	Title    string
	At       time.Time
}

// Ephemeral reports whether the response asked for an ephemeral message
// (flag 64).
func (r InteractionResponse) Ephemeral() bool { return r.Flags&FlagEphemeral != 0 }

// TextInputs returns the text inputs of a modal response, in order.
func (r InteractionResponse) TextInputs() []Component {
	var out []Component
	walkComponents(r.Components, func(c Component) {
		if c.Type == ComponentTextInput {
			out = append(out, c)
		}
	})
	return out
}

// clone returns a deep copy.
func (r InteractionResponse) clone() InteractionResponse {
	m := Message{Embeds: r.Embeds, Components: r.Components, Files: r.Files}.clone()
	r.Embeds, r.Components, r.Files = m.Embeds, m.Components, m.Files
	return r
}

// interactionState is the server side of an interaction.
type interactionState struct {
	rec      Interaction
	owners   map[string]string
	acked    bool
	response *InteractionResponse
	// originalID is the message @original designates: the response message
	// (types 4 and 5) or the component's message (types 6 and 7).
	originalID string
	// loading is set between a type 5 response and the first edit or
	// followup.
	loading   bool
	followups []string
	// submitted is set once a modal shown in response was submitted.
	submitted bool
}

// Interaction returns a dispatched interaction by id.
func (s *Server) Interaction(id string) (Interaction, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.interactions[id]
	if !ok {
		return Interaction{}, false
	}
	return st.rec, true
}

// Response returns the callback the bot made for an interaction.
func (s *Server) Response(interactionID string) (InteractionResponse, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.interactions[interactionID]
	if !ok || st.response == nil {
		return InteractionResponse{}, false
	}
	return st.response.clone(), true
}

// Responses returns every accepted interaction callback, in order.
func (s *Server) Responses() []InteractionResponse {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]InteractionResponse, 0, len(s.responses))
	for _, id := range s.responses {
		out = append(out, s.interactions[id].response.clone())
	}
	return out
}

// WaitResponse blocks until the bot made an accepted callback for an
// interaction and returns it.
func (s *Server) WaitResponse(ctx context.Context, interactionID string) (InteractionResponse, error) {
	var got InteractionResponse
	err := s.Wait(ctx, func() bool {
		var ok bool
		got, ok = s.Response(interactionID)
		return ok
	})
	if err != nil {
		return got, fmt.Errorf("wait for the response to interaction %s: %w", interactionID, err)
	}
	return got, nil
}

// Original returns the message @original designates for an interaction:
// the response message of a type 4 or 5 callback (Flags has FlagLoading
// until a deferred response is completed), or the component's message after
// a type 6 or 7 callback.
func (s *Server) Original(interactionID string) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.interactions[interactionID]
	if !ok || st.originalID == "" {
		return Message{}, false
	}
	return s.messages[st.originalID].clone(), true
}

// WaitOriginal blocks until an interaction's original response message
// exists and is not loading: a type 4 response, or a deferred one completed
// by an edit or the first followup. It returns the message.
func (s *Server) WaitOriginal(ctx context.Context, interactionID string) (Message, error) {
	var got Message
	err := s.Wait(ctx, func() bool {
		var ok bool
		got, ok = s.Original(interactionID)
		return ok && got.Flags&FlagLoading == 0
	})
	if err != nil {
		return got, fmt.Errorf("wait for the original response of interaction %s: %w", interactionID, err)
	}
	return got, nil
}

// Followups returns the followup messages of an interaction in order. The
// first followup after a deferred response completes the original message,
// as on Discord, so it has the original's id.
func (s *Server) Followups(interactionID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.interactions[interactionID]
	if !ok {
		return nil
	}
	out := make([]Message, 0, len(st.followups))
	for _, id := range st.followups {
		out = append(out, s.messages[id].clone())
	}
	return out
}

// WaitFollowups blocks until an interaction has at least n followups and
// returns them.
func (s *Server) WaitFollowups(ctx context.Context, interactionID string, n int) ([]Message, error) {
	var got []Message
	err := s.Wait(ctx, func() bool {
		got = s.Followups(interactionID)
		return len(got) >= n
	})
	if err != nil {
		return got, fmt.Errorf("wait for %d followups of interaction %s: %w", n, interactionID, err)
	}
	return got, nil
}

// SetInteractionDeadline changes, from now on, how long after dispatch an
// interaction callback is accepted (see WithInteractionDeadline).
func (s *Server) SetInteractionDeadline(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cfg.interactionDeadline = d
}
