package discordfake

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// commandNameRE is Discord's pattern for command and option names.
var commandNameRE = regexp.MustCompile(`^[-_'\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// Limits of application commands.
const (
	maxCommands           = 100
	maxCommandOptions     = 25
	maxCommandDescription = 100
	maxChoices            = 25
)

// commandIn is a command object as the bot sends it.
type commandIn struct {
	Name                     string          `json:"name"`
	Description              string          `json:"description"`
	Type                     int             `json:"type"`
	Options                  []CommandOption `json:"options"`
	DefaultMemberPermissions json.RawMessage `json:"default_member_permissions"`
	DMPermission             *bool           `json:"dm_permission"`
	Contexts                 []int           `json:"contexts"`
	NSFW                     *bool           `json:"nsfw"`
}

// commandScopeLocked checks the application id and guild of a command route and
// returns the scope key ("" for global).
func (s *Server) commandScopeLocked(r *request) (string, *response) {
	if r.param("application_id") != s.appID {
		resp := errMissingAccess()
		return "", &resp
	}
	g := r.param("guild_id")
	if g != "" && s.guilds[g] == nil {
		resp := errMissingAccess()
		return "", &resp
	}
	return g, nil
}

// parseCommand decodes and validates one command object; errors go under p.
func parseCommand(fe formErrors, p []string, raw json.RawMessage) *ApplicationCommand {
	var in commandIn
	var wire map[string]any
	if json.Unmarshal(raw, &in) != nil || json.Unmarshal(raw, &wire) != nil || wire == nil {
		fe.add(p, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
		return nil
	}
	if in.Type == 0 {
		in.Type = 1
	}
	c := &ApplicationCommand{Type: in.Type, Name: in.Name, Description: in.Description, Options: in.Options,
		DMPermission: in.DMPermission, Contexts: in.Contexts, Raw: append(json.RawMessage(nil), raw...), wire: wire}
	if in.NSFW != nil {
		c.NSFW = *in.NSFW
	}
	if v := strings.Trim(string(in.DefaultMemberPermissions), `"`); v != "" && v != "null" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			fe.add(path(p, "default_member_permissions"), "NUMBER_TYPE_COERCE", "Value \""+v+"\" is not snowflake.")
		}
		c.DefaultMemberPermissions = &n
	}
	validCommandName(fe, path(p, "name"), in.Name, in.Type == 1)
	switch {
	case in.Type < 1 || in.Type > 4:
		fe.add(path(p, "type"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4}.")
	case in.Type == 1:
		validDescription(fe, path(p, "description"), in.Description)
	case in.Description != "":
		fe.add(path(p, "description"), "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION_INVALID", "Context menu commands cannot have description")
	}
	validateOptions(fe, path(p, "options"), in.Options)
	return c
}

// validCommandName checks a command or option name; chat input names are
// lowercase.
func validCommandName(fe formErrors, p []string, name string, chatInput bool) {
	if !commandNameRE.MatchString(name) || (chatInput && strings.ToLower(name) != name) {
		fe.add(p, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
	}
}

// validDescription checks a command or option description.
func validDescription(fe formErrors, p []string, d string) {
	if n := runes(d); n < 1 || n > maxCommandDescription {
		fe.badLength(p, 1, maxCommandDescription)
	}
}

// validateOptions checks command options, recursively.
func validateOptions(fe formErrors, p []string, opts []CommandOption) {
	if len(opts) > maxCommandOptions {
		fe.maxLen(p, maxCommandOptions)
	}
	optional := false
	for i, o := range opts {
		op := path(p, strconv.Itoa(i))
		validCommandName(fe, path(op, "name"), o.Name, true)
		validDescription(fe, path(op, "description"), o.Description)
		if o.Type < 1 || o.Type > 11 {
			fe.add(path(op, "type"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.")
		}
		if o.Required && optional {
			fe.add(path(op, "required"), "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options")
		}
		optional = optional || !o.Required
		if len(o.Choices) > maxChoices {
			fe.maxLen(path(op, "choices"), maxChoices)
		}
		validateOptions(fe, path(op, "options"), o.Options)
	}
}

// storeCommandLocked gives a command its ids (keeping the id of a command
// with the same name and type in the scope) and its answer object.
func (s *Server) storeCommandLocked(scope string, c *ApplicationCommand, old []*ApplicationCommand) {
	c.ID = s.ids.next()
	for _, o := range old {
		if o.Name == c.Name && o.Type == c.Type {
			c.ID = o.ID
		}
	}
	c.ApplicationID, c.GuildID, c.Version = s.appID, scope, s.ids.next()
	w := c.wire
	w["id"], w["application_id"], w["version"], w["type"] = c.ID, s.appID, c.Version, c.Type
	w["default_member_permissions"] = nil
	if c.DefaultMemberPermissions != nil {
		w["default_member_permissions"] = perm(*c.DefaultMemberPermissions)
	}
	w["nsfw"] = c.NSFW
	if _, ok := w["description"]; !ok {
		w["description"] = ""
	}
	if scope != "" {
		w["guild_id"] = scope
		delete(w, "dm_permission")
	} else if c.DMPermission == nil {
		w["dm_permission"] = true
	}
	if _, ok := w["integration_types"]; !ok || w["integration_types"] == nil {
		w["integration_types"] = []int{0}
	}
}

// commandsWireLocked renders a scope's commands.
func (s *Server) commandsWireLocked(scope string) []any {
	out := []any{}
	for _, c := range s.commands[scope] {
		out = append(out, c.wire)
	}
	return out
}

// handleGetCommands is GET /applications/{application_id}/commands and its
// guild variant.
func (s *Server) handleGetCommands(r *request) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	scope, bad := s.commandScopeLocked(r)
	if bad != nil {
		return *bad
	}
	return jsonResponse(http.StatusOK, s.commandsWireLocked(scope))
}

// handleOverwriteCommands is PUT /applications/{application_id}/commands and
// its guild variant: the scope's commands become exactly the body's.
func (s *Server) handleOverwriteCommands(r *request) response {
	var raws []json.RawMessage
	if err := json.Unmarshal(r.body, &raws); err != nil {
		return errInvalidJSON()
	}
	if raws == nil {
		fe := formErrors{}
		fe.add(nil, "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType")
		return formErrorResponse(fe)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	scope, bad := s.commandScopeLocked(r)
	if bad != nil {
		return *bad
	}
	fe := formErrors{}
	if len(raws) > maxCommands {
		fe.maxLen(nil, maxCommands)
	}
	cmds := make([]*ApplicationCommand, 0, len(raws))
	seen := map[string]bool{}
	for i, raw := range raws {
		c := parseCommand(fe, []string{strconv.Itoa(i)}, raw)
		if c == nil {
			continue
		}
		key := strconv.Itoa(c.Type) + "/" + c.Name
		if seen[key] {
			fe.add([]string{strconv.Itoa(i), "name"}, "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique")
		}
		seen[key] = true
		cmds = append(cmds, c)
	}
	if len(fe) > 0 {
		return formErrorResponse(fe)
	}
	old := s.commands[scope]
	for _, c := range cmds {
		s.storeCommandLocked(scope, c, old)
	}
	s.commands[scope] = cmds
	s.commandWrite[scope]++
	s.notifyLocked()
	return jsonResponse(http.StatusOK, s.commandsWireLocked(scope))
}

// handleCreateCommand is POST /applications/{application_id}/commands and
// its guild variant: create, or update the command with the same name (201
// for a new command, 200 for an update).
func (s *Server) handleCreateCommand(r *request) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	scope, bad := s.commandScopeLocked(r)
	if bad != nil {
		return *bad
	}
	fe := formErrors{}
	c := parseCommand(fe, nil, r.body)
	if len(fe) > 0 || c == nil {
		return formErrorResponse(fe)
	}
	old := s.commands[scope]
	s.storeCommandLocked(scope, c, old)
	status := http.StatusCreated
	var next []*ApplicationCommand
	for _, o := range old {
		if o.ID == c.ID {
			status = http.StatusOK
			continue
		}
		next = append(next, o)
	}
	s.commands[scope] = append(next, c)
	s.commandWrite[scope]++
	s.notifyLocked()
	return jsonResponse(status, c.wire)
}

// handleDeleteCommand is DELETE
// /applications/{application_id}/commands/{command_id} and its guild variant.
func (s *Server) handleDeleteCommand(r *request) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	scope, bad := s.commandScopeLocked(r)
	if bad != nil {
		return *bad
	}
	old := s.commands[scope]
	var next []*ApplicationCommand
	for _, c := range old {
		if c.ID != r.param("command_id") {
			next = append(next, c)
		}
	}
	if len(next) == len(old) {
		return errorResponse(http.StatusNotFound, CodeUnknownCommand, "Unknown application command")
	}
	s.commands[scope] = next
	s.commandWrite[scope]++
	s.notifyLocked()
	return noContent()
}
