package discordfake

import (
	"fmt"
	"slices"
	"time"
)

// OptionValue is an option value of a slash command invocation, as on the
// wire. A zero Type is filled in from the registered command's definition.
type OptionValue struct {
	Name    string        `json:"name"`
	Type    int           `json:"type"`
	Value   any           `json:"value,omitempty"`
	Options []OptionValue `json:"options,omitempty"`
}

// StringOption is a string option value (type 3).
func StringOption(name, value string) OptionValue {
	return OptionValue{Name: name, Type: 3, Value: value}
}

// IntegerOption is an integer option value (type 4).
func IntegerOption(name string, value int64) OptionValue {
	return OptionValue{Name: name, Type: 4, Value: value}
}

// BooleanOption is a boolean option value (type 5).
func BooleanOption(name string, value bool) OptionValue {
	return OptionValue{Name: name, Type: 5, Value: value}
}

// NumberOption is a floating point option value (type 10).
func NumberOption(name string, value float64) OptionValue {
	return OptionValue{Name: name, Type: 10, Value: value}
}

// SubcommandOption is a subcommand (type 1) with its own option values.
func SubcommandOption(name string, opts ...OptionValue) OptionValue {
	return OptionValue{Name: name, Type: 1, Options: opts}
}

// CommandInvocation describes a user running a slash command.
type CommandInvocation struct {
	// Name is the command's name; it must be registered for the channel's
	// guild or globally (ErrUnknownCommand otherwise).
	Name string
	// ChannelID is a guild channel or thread; empty means the DM channel
	// between the user and the bot (global commands only).
	ChannelID string
	// UserID defaults to DefaultUserID (or the first non-bot user).
	UserID  string
	Options []OptionValue
}

// ButtonClick describes a user clicking a button, or choosing Values in a
// select menu.
type ButtonClick struct {
	CustomID string
	// MessageID is the message carrying the component. Empty means the
	// newest message (in ChannelID, if set) with an enabled component of
	// that custom id.
	MessageID string
	ChannelID string
	// UserID defaults to DefaultUserID (or the first non-bot user).
	UserID string
	// Values are the chosen values of a select menu.
	Values []string
}

// ModalSubmission describes a user submitting a modal the bot showed.
type ModalSubmission struct {
	// InteractionID is the interaction the bot answered with the modal;
	// empty means the latest modal shown.
	InteractionID string
	// Values maps text input custom ids to the typed values. Inputs left
	// out are submitted empty.
	Values map[string]string
	// UserID defaults to the user of the interaction that got the modal.
	UserID string
}

// newInteractionLocked creates the state and base payload of an interaction
// in a channel by a user.
func (s *Server) newInteractionLocked(typ int, cs *channelState, userID string) (*interactionState, map[string]any) {
	id := s.ids.next()
	st := &interactionState{rec: Interaction{
		ID: id, Token: interactionToken(id), ApplicationID: s.appID, Type: typ,
		GuildID: cs.ch.GuildID, ChannelID: cs.ch.ID, UserID: userID,
	}}
	u, _ := s.userLocked(userID)
	locale := u.Locale
	if locale == "" {
		locale = "en-US"
	}
	ch := s.channelWireLocked(cs, true)
	w := map[string]any{
		"id":                    id,
		"application_id":        s.appID,
		"type":                  typ,
		"token":                 st.rec.Token,
		"version":               1,
		"channel_id":            cs.ch.ID,
		"channel":               ch,
		"locale":                locale,
		"entitlements":          []any{},
		"app_permissions":       perm(s.channelPermissionsLocked(cs, s.bot.ID)),
		"attachment_size_limit": 10 << 20,
	}
	if gs := s.guildOfLocked(cs); gs != nil {
		perms := s.channelPermissionsLocked(cs, userID)
		glocale := gs.guild.Locale
		if glocale == "" {
			glocale = "en-US"
		}
		st.owners = map[string]string{"0": gs.guild.ID}
		w["guild_id"] = gs.guild.ID
		w["guild"] = map[string]any{"id": gs.guild.ID, "locale": glocale, "features": []any{}}
		w["guild_locale"] = glocale
		w["member"] = memberWire(gs.members[userID], true, &perms)
		w["context"] = 0
	} else {
		st.owners = map[string]string{"0": "0"}
		w["user"] = userWire(u)
		w["context"] = 1
	}
	w["authorizing_integration_owners"] = st.owners
	return st, w
}

// registerAndDispatch stores an interaction and dispatches INTERACTION_CREATE
// to the sessions of its guild's shard (shard 0 for DMs). s.mu must be held;
// it is released.
func (s *Server) registerAndDispatch(st *interactionState, w map[string]any) (Interaction, error) {
	st.rec.DispatchedAt = time.Now()
	s.interactions[st.rec.ID] = st
	s.byToken[st.rec.Token] = st
	s.interOrder = append(s.interOrder, st.rec.ID)
	rec := st.rec
	s.notifyLocked()
	s.mu.Unlock()
	n, err := s.dispatch("INTERACTION_CREATE", func(gs *gwSession) (any, bool) {
		if rec.GuildID == "" {
			return w, gs.shard[0] == 0
		}
		return w, gs.ownsGuild(rec.GuildID)
	})
	if err == nil && n == 0 {
		err = ErrNoSession
	}
	if err != nil {
		return rec, fmt.Errorf("dispatch interaction: %w", err)
	}
	return rec, nil
}

// actorLocked resolves the channel and user of a test interaction.
func (s *Server) actorLocked(channelID, userID string) (*channelState, string, error) {
	if userID == "" {
		userID = s.defaultUserLocked()
	}
	if _, ok := s.users[userID]; !ok || userID == s.bot.ID {
		return nil, "", fmt.Errorf("user %q: %w", userID, ErrUnknownUser)
	}
	var cs *channelState
	if channelID == "" {
		cs = s.dmChannelLocked(userID)
	} else if cs = s.channels[channelID]; cs == nil {
		return nil, "", fmt.Errorf("channel %s: %w", channelID, ErrUnknownChannel)
	}
	if err := s.checkParticipantLocked(cs, userID); err != nil {
		return nil, "", fmt.Errorf("user %s in channel %s: %w", userID, cs.ch.ID, err)
	}
	return cs, userID, nil
}

// SlashCommand dispatches an APPLICATION_COMMAND interaction, as when a user
// runs a registered slash command. In a guild the payload carries the member
// with computed permissions; in a DM, the user. It returns the interaction,
// whose id and token identify the bot's response.
func (s *Server) SlashCommand(c CommandInvocation) (Interaction, error) {
	s.mu.Lock()
	cs, userID, err := s.actorLocked(c.ChannelID, c.UserID)
	if err != nil {
		s.mu.Unlock()
		return Interaction{}, fmt.Errorf("slash command /%s: %w", c.Name, err)
	}
	cmd := s.findCommandLocked(cs.ch.GuildID, c.Name, 1)
	if cmd == nil {
		s.mu.Unlock()
		return Interaction{}, fmt.Errorf("slash command /%s: %w", c.Name, ErrUnknownCommand)
	}
	if !s.commandUsableLocked(cmd, cs, userID) {
		s.mu.Unlock()
		return Interaction{}, fmt.Errorf("slash command /%s: %w", c.Name, ErrCommandUnavailable)
	}
	st, w := s.newInteractionLocked(InteractionApplicationCommand, cs, userID)
	st.rec.CommandName = cmd.Name
	data := map[string]any{"id": cmd.ID, "name": cmd.Name, "type": cmd.Type}
	if cmd.GuildID != "" {
		data["guild_id"] = cmd.GuildID
	}
	if len(c.Options) > 0 {
		data["options"] = fillOptionTypes(c.Options, cmd.Options)
	}
	w["data"] = data
	return s.registerAndDispatch(st, w)
}

// commandUsableLocked applies contexts, dm_permission,
// default_member_permissions and the guild's overwrites (AllowCommand).
func (s *Server) commandUsableLocked(cmd *ApplicationCommand, cs *channelState, userID string) bool {
	ctx := 0
	if cs.ch.GuildID == "" {
		ctx = 1
	}
	if cmd.Contexts != nil && !slices.Contains(cmd.Contexts, ctx) {
		return false
	}
	if ctx == 1 {
		return cmd.DMPermission == nil || *cmd.DMPermission
	}
	if cmd.DefaultMemberPermissions == nil || s.commandAllowedLocked(cs.ch.GuildID, cmd.Name, userID) {
		return true
	}
	perms := s.channelPermissionsLocked(cs, userID)
	need := *cmd.DefaultMemberPermissions
	if perms&PermissionAdministrator != 0 || perms == PermissionAll {
		return true
	}
	return need != 0 && perms&need == need
}

// fillOptionTypes copies values, taking missing types from the definitions.
func fillOptionTypes(vals []OptionValue, defs []CommandOption) []OptionValue {
	out := make([]OptionValue, len(vals))
	for i, v := range vals {
		var sub []CommandOption
		for _, d := range defs {
			if d.Name == v.Name {
				if v.Type == 0 {
					v.Type = d.Type
				}
				sub = d.Options
			}
		}
		if v.Options != nil {
			v.Options = fillOptionTypes(v.Options, sub)
		}
		out[i] = v
	}
	return out
}

// findComponent returns the component with a custom id on m.
func findComponent(m *Message, customID string) (Component, bool) {
	var found Component
	ok := false
	walkComponents(m.Components, func(c Component) {
		if c.CustomID == customID && c.Type != ComponentActionRow {
			found, ok = c, true
		}
	})
	return found, ok
}

// ClickButton dispatches a MESSAGE_COMPONENT interaction for a button (or a
// select menu, with Values) of a message. The payload carries the message
// and data.custom_id and data.component_type. It fails with ErrNoComponent
// if no live message has that enabled component.
func (s *Server) ClickButton(b ButtonClick) (Interaction, error) {
	s.mu.Lock()
	var m *Message
	if b.MessageID != "" {
		m = s.messages[b.MessageID]
	} else {
		for i := len(s.msgOrder) - 1; i >= 0 && m == nil; i-- {
			c := s.messages[s.msgOrder[i]]
			if b.ChannelID != "" && c.ChannelID != b.ChannelID {
				continue
			}
			if comp, ok := findComponent(c, b.CustomID); ok && !comp.Disabled && !c.Deleted {
				m = c
			}
		}
	}
	var comp Component
	ok := false
	if m != nil && !m.Deleted {
		comp, ok = findComponent(m, b.CustomID)
	}
	if !ok || comp.Disabled {
		s.mu.Unlock()
		return Interaction{}, fmt.Errorf("click %q: %w", b.CustomID, ErrNoComponent)
	}
	cs, userID, err := s.actorLocked(m.ChannelID, b.UserID)
	if err != nil {
		s.mu.Unlock()
		return Interaction{}, fmt.Errorf("click %q: %w", b.CustomID, err)
	}
	st, w := s.newInteractionLocked(InteractionMessageComponent, cs, userID)
	st.rec.CustomID, st.rec.MessageID = b.CustomID, m.ID
	data := map[string]any{"custom_id": b.CustomID, "component_type": comp.Type}
	if comp.Type != ComponentButton {
		data["values"] = nonNil(b.Values)
	}
	w["data"] = data
	w["message"] = s.messageWireLocked(m, false)
	return s.registerAndDispatch(st, w)
}

// SubmitModal dispatches a MODAL_SUBMIT interaction for a modal the bot
// showed: data.custom_id and one action row per text input with its value.
// Values are checked as the Discord client would (known inputs, required
// ones filled, lengths), failing with ErrInvalidModalInput. A modal can be
// submitted once.
func (s *Server) SubmitModal(sub ModalSubmission) (Interaction, error) {
	s.mu.Lock()
	var origin *interactionState
	if sub.InteractionID != "" {
		origin = s.interactions[sub.InteractionID]
	} else {
		for i := len(s.responses) - 1; i >= 0 && origin == nil; i-- {
			if st := s.interactions[s.responses[i]]; st.response.Type == ResponseModal && !st.submitted {
				origin = st
			}
		}
	}
	if origin == nil || origin.response == nil || origin.response.Type != ResponseModal || origin.submitted {
		s.mu.Unlock()
		return Interaction{}, fmt.Errorf("submit modal: %w", ErrNoModal)
	}
	modal := origin.response
	rows, err := modalRows(modal, sub.Values)
	if err != nil {
		s.mu.Unlock()
		return Interaction{}, fmt.Errorf("submit modal %q: %w", modal.CustomID, err)
	}
	userID := sub.UserID
	if userID == "" {
		userID = origin.rec.UserID
	}
	cs, userID, err := s.actorLocked(origin.rec.ChannelID, userID)
	if err != nil {
		s.mu.Unlock()
		return Interaction{}, fmt.Errorf("submit modal %q: %w", modal.CustomID, err)
	}
	origin.submitted = true
	st, w := s.newInteractionLocked(InteractionModalSubmit, cs, userID)
	st.rec.CustomID = modal.CustomID
	w["data"] = map[string]any{"custom_id": modal.CustomID, "components": rows}
	if origin.rec.Type == InteractionMessageComponent {
		if m := s.messages[origin.rec.MessageID]; m != nil && !m.Deleted {
			st.rec.MessageID = m.ID
			w["message"] = s.messageWireLocked(m, false)
		}
	}
	return s.registerAndDispatch(st, w)
}

// modalRows builds the submitted components from a modal and values.
func modalRows(modal *InteractionResponse, values map[string]string) ([]any, error) {
	inputs := modal.TextInputs()
	for k := range values {
		if !slices.ContainsFunc(inputs, func(c Component) bool { return c.CustomID == k }) {
			return nil, fmt.Errorf("no text input %q: %w", k, ErrInvalidModalInput)
		}
	}
	rows := make([]any, 0, len(inputs))
	for _, in := range inputs {
		v := values[in.CustomID]
		n := runes(v)
		required := in.Required == nil || *in.Required
		switch {
		case required && n == 0:
			return nil, fmt.Errorf("text input %q is required: %w", in.CustomID, ErrInvalidModalInput)
		case n > 0 && in.MinLength != nil && n < *in.MinLength:
			return nil, fmt.Errorf("text input %q shorter than %d: %w", in.CustomID, *in.MinLength, ErrInvalidModalInput)
		case in.MaxLength != nil && n > *in.MaxLength, n > maxTextInputValue:
			return nil, fmt.Errorf("text input %q too long: %w", in.CustomID, ErrInvalidModalInput)
		}
		rows = append(rows, map[string]any{
			"type":       ComponentActionRow,
			"components": []any{map[string]any{"type": ComponentTextInput, "custom_id": in.CustomID, "value": v}},
		})
	}
	return rows, nil
}
