package telegramfake

import (
	"slices"
	"strconv"
	"strings"
)

// chatState is everything the fake knows about one chat.
type chatState struct {
	chat     Chat
	nextID   int
	messages map[int]*storedMessage
	members  map[int64]string
	blocked  bool
	actions  []string
}

// storedMessage is a message of a chat, from a user or from the bot.
type storedMessage struct {
	msg    wireMessage
	record *SentMessage // nil for messages from users
}

// AddChat makes a chat known so the bot can send to it (as if the user had
// started the bot or added it to the group). Simulated messages add their
// chat automatically.
func (s *Server) AddChat(chat Chat) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chatLocked(chat)
	s.notifyLocked()
}

// SetMember sets the status of a user (or of the bot itself, Bot()) in a
// chat: StatusCreator, StatusAdministrator, StatusMember, StatusRestricted,
// StatusLeft or StatusKicked. The bot as administrator sees every group
// message even in privacy mode; the bot kicked or left gets 403 on sends.
func (s *Server) SetMember(chat Chat, user User, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.chatLocked(chat)
	if user.ID != s.bot.ID {
		s.users[user.ID] = user
	}
	cs.members[user.ID] = status
	s.notifyLocked()
}

// SetBlocked marks a private chat as blocked by its user: sends to it then
// answer 403 "Forbidden: bot was blocked by the user".
func (s *Server) SetBlocked(chatID int64, blocked bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cs, ok := s.chats[chatID]; ok {
		cs.blocked = blocked
	}
}

// ChatActions returns the chat actions (typing …) the bot sent to a chat.
func (s *Server) ChatActions(chatID int64) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cs, ok := s.chats[chatID]; ok {
		return slices.Clone(cs.actions)
	}
	return nil
}

// chatLocked returns the state of a chat, registering it if needed and
// refreshing its description when the caller gives more details.
func (s *Server) chatLocked(chat Chat) *chatState {
	chat = chat.withDefaults()
	cs, ok := s.chats[chat.ID]
	if !ok {
		cs = &chatState{chat: chat, nextID: 1, messages: make(map[int]*storedMessage), members: make(map[int64]string)}
		s.chats[chat.ID] = cs
		return cs
	}
	if chat.Title != "" || chat.FirstName != "" || chat.Username != "" {
		cs.chat = chat
	}
	return cs
}

// resolveChatLocked finds the chat a chat_id parameter names: a numeric id
// or "@username".
func (s *Server) resolveChatLocked(id string) (*chatState, error) {
	id = strings.TrimSpace(id)
	if id == "" {
		return nil, badRequest("chat_id is empty")
	}
	if name, ok := strings.CutPrefix(id, "@"); ok {
		for _, cs := range s.chats {
			if cs.chat.Username != "" && strings.EqualFold(cs.chat.Username, name) {
				return cs, nil
			}
		}
		return nil, badRequest("chat not found")
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return nil, badRequest("chat not found")
	}
	cs, ok := s.chats[n]
	if !ok {
		return nil, badRequest("chat not found")
	}
	return cs, nil
}

// sendableChatLocked resolves a chat the bot wants to post to and checks
// that the bot may.
func (s *Server) sendableChatLocked(id string) (*chatState, error) {
	cs, err := s.resolveChatLocked(id)
	if err != nil {
		return nil, err
	}
	if cs.chat.Type == ChatPrivate && cs.blocked {
		return nil, forbidden("bot was blocked by the user")
	}
	if cs.chat.isGroup() {
		kind := "group chat"
		if cs.chat.Type == ChatSupergroup {
			kind = "supergroup chat"
		}
		switch cs.members[s.bot.ID] {
		case StatusKicked:
			return nil, forbidden("bot was kicked from the " + kind)
		case StatusLeft:
			return nil, forbidden("bot is not a member of the " + kind)
		}
	}
	return cs, nil
}

// memberStatusLocked returns a user's status in a chat.
func (s *Server) memberStatusLocked(cs *chatState, userID int64) (string, bool) {
	if st, ok := cs.members[userID]; ok {
		return st, true
	}
	if userID == s.bot.ID {
		return StatusMember, true
	}
	if _, known := s.users[userID]; !known {
		return "", false
	}
	if cs.chat.Type == ChatPrivate && cs.chat.ID != userID {
		return StatusLeft, true
	}
	if cs.chat.Type == ChatPrivate {
		return StatusMember, true
	}
	return StatusLeft, true
}

// memberJSON returns a ChatMember object.
func memberJSON(u User, status string) map[string]any {
	m := map[string]any{"user": u, "status": status}
	switch status {
	case StatusCreator:
		m["is_anonymous"] = false
	case StatusAdministrator:
		m["is_anonymous"] = false
		m["can_be_edited"] = false
		for _, right := range []string{"can_manage_chat", "can_delete_messages", "can_manage_video_chats",
			"can_restrict_members", "can_change_info", "can_invite_users", "can_pin_messages"} {
			m[right] = true
		}
		m["can_promote_members"] = false
	case StatusKicked:
		m["until_date"] = 0
	}
	return m
}

// userLocked returns a known user, the bot included.
func (s *Server) userLocked(id int64) User {
	if id == s.bot.ID {
		return s.botUserLocked()
	}
	return s.users[id]
}

// getChat answers the chat's description.
func (s *Server) getChat(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, err := s.resolveChatLocked(c.p.str("chat_id"))
	if err != nil {
		return nil, err
	}
	return cs.chat, nil
}

// getChatMember answers one user's membership.
func (s *Server) getChatMember(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, err := s.resolveChatLocked(c.p.str("chat_id"))
	if err != nil {
		return nil, err
	}
	uid, ok := c.p.int("user_id")
	if !ok || uid <= 0 {
		return nil, badRequest("invalid user_id specified")
	}
	st, ok := s.memberStatusLocked(cs, uid)
	if !ok {
		return nil, badRequest("user not found")
	}
	return memberJSON(s.userLocked(uid), st), nil
}

// getChatAdministrators answers the creator and the administrators.
func (s *Server) getChatAdministrators(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, err := s.resolveChatLocked(c.p.str("chat_id"))
	if err != nil {
		return nil, err
	}
	if cs.chat.Type == ChatPrivate {
		return nil, badRequest("there are no administrators in the private chat")
	}
	var ids []int64
	for id, st := range cs.members {
		if st == StatusCreator || st == StatusAdministrator {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b int64) int {
		ca, cb := cs.members[a] == StatusCreator, cs.members[b] == StatusCreator
		switch {
		case ca && !cb:
			return -1
		case cb && !ca:
			return 1
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	})
	out := make([]map[string]any, 0, len(ids))
	for _, id := range ids {
		out = append(out, memberJSON(s.userLocked(id), cs.members[id]))
	}
	return out, nil
}
