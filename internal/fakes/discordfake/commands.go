package discordfake

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
)

// ApplicationCommand is a command the bot registered, globally (GuildID
// empty) or for a guild.
type ApplicationCommand struct {
	ID            string
	ApplicationID string
	GuildID       string
	Version       string
	// Type is 1 for slash (CHAT_INPUT) commands, 2 user and 3 message
	// context menu commands.
	Type        int
	Name        string
	Description string
	Options     []CommandOption
	// DefaultMemberPermissions is nil when everyone may use the command.
	DefaultMemberPermissions *int64
	// DMPermission is the deprecated dm_permission, nil if not sent.
	DMPermission *bool
	// Contexts lists where the command can be used (0 guild, 1 bot DM,
	// 2 private channel); nil if not sent.
	Contexts []int
	NSFW     bool
	// Raw is the command object as the bot sent it.
	Raw json.RawMessage
	// wire is the object the server answers with.
	wire map[string]any
}

// CommandOption is an option of a registered command, as on the wire.
type CommandOption struct {
	Type         int             `json:"type"`
	Name         string          `json:"name"`
	Description  string          `json:"description"`
	Required     bool            `json:"required,omitempty"`
	Choices      []CommandChoice `json:"choices,omitempty"`
	Options      []CommandOption `json:"options,omitempty"`
	ChannelTypes []int           `json:"channel_types,omitempty"`
	MinValue     *float64        `json:"min_value,omitempty"`
	MaxValue     *float64        `json:"max_value,omitempty"`
	MinLength    *int            `json:"min_length,omitempty"`
	MaxLength    *int            `json:"max_length,omitempty"`
	Autocomplete bool            `json:"autocomplete,omitempty"`
}

// CommandChoice is a predefined choice of a command option.
type CommandChoice struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
}

// Option returns the option of the command named name.
func (c ApplicationCommand) Option(name string) (CommandOption, bool) {
	for _, o := range c.Options {
		if o.Name == name {
			return o, true
		}
	}
	return CommandOption{}, false
}

// clone returns a copy sharing nothing with the server state.
func (c *ApplicationCommand) clone() ApplicationCommand {
	out := *c
	out.Options = slices.Clone(c.Options)
	out.Contexts = slices.Clone(c.Contexts)
	out.Raw = slices.Clone(c.Raw)
	out.wire = nil
	return out
}

// Commands returns the commands registered for a guild, or globally when
// guildID is "".
func (s *Server) Commands(guildID string) []ApplicationCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []ApplicationCommand
	for _, c := range s.commands[guildID] {
		out = append(out, c.clone())
	}
	return out
}

// WaitCommands blocks until the bot wrote the commands of a scope (guild id,
// or "" for global) at least once, by bulk overwrite or create, and returns
// them.
func (s *Server) WaitCommands(ctx context.Context, guildID string) ([]ApplicationCommand, error) {
	err := s.Wait(ctx, func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.commandWrite[guildID] > 0
	})
	if err != nil {
		return nil, fmt.Errorf("wait for commands of scope %q: %w", guildID, err)
	}
	return s.Commands(guildID), nil
}

// findCommandLocked returns the command usable under a name in a guild
// (guild commands first) or, for "", among global commands.
func (s *Server) findCommandLocked(guildID, name string, typ int) *ApplicationCommand {
	scopes := []string{""}
	if guildID != "" {
		scopes = []string{guildID, ""}
	}
	for _, scope := range scopes {
		for _, c := range s.commands[scope] {
			if c.Name == name && c.Type == typ {
				return c
			}
		}
	}
	return nil
}

// commandAllowKey names a command permission overwrite: a command (by
// name) in a guild, for a user or role.
type commandAllowKey struct{ guildID, name, id string }

// AllowCommand lets a user, a role, or every member (id is then the
// guild's ID, its @everyone role) use a command in a guild whatever the
// command's default_member_permissions, as a guild admin does in Server
// Settings → Integrations. It applies to the guild's command of that name
// or the global one.
func (s *Server) AllowCommand(guildID, name, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commandAllow[commandAllowKey{guildID, name, id}] = true
	s.notifyLocked()
}

// commandAllowedLocked reports whether an AllowCommand overwrite lets a
// member use a command.
func (s *Server) commandAllowedLocked(guildID, name, userID string) bool {
	gs := s.guilds[guildID]
	if gs == nil {
		return false
	}
	ids := []string{userID, guildID}
	if m := gs.members[userID]; m != nil {
		ids = append(ids, m.RoleIDs...)
	}
	for _, id := range ids {
		if s.commandAllow[commandAllowKey{guildID, name, id}] {
			return true
		}
	}
	return false
}
