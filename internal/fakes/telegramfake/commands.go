package telegramfake

import (
	"fmt"
	"slices"
	"strings"
)

// commandKeyLocked validates the scope and language_code parameters and
// returns the key of the command list they name.
func (s *Server) commandKeyLocked(p params) (string, error) {
	var scope CommandScope
	if _, err := p.json("scope", &scope); err != nil {
		return "", badRequest("can't parse BotCommandScope JSON object")
	}
	lang := p.str("language_code")
	if lang != "" && (len(lang) != 2 || strings.ToLower(lang) != lang || !isAlnum(lang[0]) || !isAlnum(lang[1])) {
		return "", badRequest("invalid language code specified")
	}
	return s.scopeKeyLocked(scope, lang)
}

// scopeKeyLocked checks a scope and returns the key of its command list.
func (s *Server) scopeKeyLocked(scope CommandScope, lang string) (string, error) {
	switch scope.Type {
	case "", "default", "all_private_chats", "all_group_chats", "all_chat_administrators":
		if scope.Type == "" {
			scope.Type = "default"
		}
		scope.ChatID, scope.UserID = 0, 0
	case "chat", "chat_administrators", "chat_member":
		if _, ok := s.chats[scope.ChatID]; !ok {
			return "", badRequest("chat not found")
		}
		if scope.Type != "chat_member" {
			scope.UserID = 0
		} else if scope.UserID == 0 {
			return "", badRequest("invalid user_id specified")
		}
	default:
		return "", badRequest("wrong bot command scope type specified")
	}
	return fmt.Sprintf("%s/%d/%d/%s", scope.Type, scope.ChatID, scope.UserID, lang), nil
}

// validCommandName reports a command Telegram accepts: 1-32 lowercase
// letters, digits and underscores.
func validCommandName(c string) bool {
	if c == "" || len(c) > 32 {
		return false
	}
	for i := 0; i < len(c); i++ {
		if ch := c[i]; !(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '_') {
			return false
		}
	}
	return true
}

// setMyCommands registers the command list of a scope and language.
func (s *Server) setMyCommands(c *call) (any, error) {
	var cmds []BotCommand
	if ok, err := c.p.json("commands", &cmds); err != nil || !ok {
		return nil, badRequest("can't parse commands JSON array")
	}
	if len(cmds) > 100 {
		return nil, badRequest("too many commands specified")
	}
	for i, cmd := range cmds {
		name := strings.TrimPrefix(strings.TrimSpace(cmd.Command), "/")
		if !validCommandName(name) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		desc := strings.TrimSpace(cmd.Description)
		if desc == "" || utf16Count(desc) > 256 {
			return nil, badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
		}
		cmds[i] = BotCommand{Command: name, Description: desc}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key, err := s.commandKeyLocked(c.p)
	if err != nil {
		return nil, err
	}
	if len(cmds) == 0 {
		delete(s.commands, key)
	} else {
		s.commands[key] = cmds
	}
	s.notifyLocked()
	return true, nil
}

// getMyCommands answers the command list of exactly the given scope and
// language (no fallback, as in Telegram).
func (s *Server) getMyCommands(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, err := s.commandKeyLocked(c.p)
	if err != nil {
		return nil, err
	}
	return append([]BotCommand{}, s.commands[key]...), nil
}

// deleteMyCommands removes the command list of a scope and language.
func (s *Server) deleteMyCommands(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, err := s.commandKeyLocked(c.p)
	if err != nil {
		return nil, err
	}
	delete(s.commands, key)
	s.notifyLocked()
	return true, nil
}

// Commands returns the commands registered for a scope (the zero value is
// the default scope) and language code ("" for all languages).
func (s *Server) Commands(scope CommandScope, languageCode string) []BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, err := s.scopeKeyLocked(scope, languageCode)
	if err != nil {
		return nil
	}
	return slices.Clone(s.commands[key])
}
