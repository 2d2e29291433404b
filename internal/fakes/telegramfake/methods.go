package telegramfake

import "strings"

// handlerFunc serves one Bot API method and returns its result or an error
// (an *apiError, errReset or errNoResponse).
type handlerFunc func(s *Server, c *call) (any, error)

// lookupMethod returns the canonical name and the handler of a method.
// Bot API method names are case-insensitive. The handler is nil for
// methods the fake does not implement, which answer 404 like unknown ones.
func lookupMethod(name string) (string, handlerFunc) {
	switch strings.ToLower(name) {
	case "getme":
		return "getMe", (*Server).getMe
	case "getupdates":
		return "getUpdates", (*Server).getUpdates
	case "setwebhook":
		return "setWebhook", (*Server).setWebhook
	case "deletewebhook":
		return "deleteWebhook", (*Server).deleteWebhook
	case "getwebhookinfo":
		return "getWebhookInfo", (*Server).getWebhookInfo
	case "sendmessage":
		return "sendMessage", (*Server).sendMessage
	case "editmessagetext":
		return "editMessageText", (*Server).editMessageText
	case "editmessagereplymarkup":
		return "editMessageReplyMarkup", (*Server).editMessageReplyMarkup
	case "deletemessage":
		return "deleteMessage", (*Server).deleteMessage
	case "answercallbackquery":
		return "answerCallbackQuery", (*Server).answerCallbackQuery
	case "setmycommands":
		return "setMyCommands", (*Server).setMyCommands
	case "getmycommands":
		return "getMyCommands", (*Server).getMyCommands
	case "deletemycommands":
		return "deleteMyCommands", (*Server).deleteMyCommands
	case "sendphoto":
		return "sendPhoto", (*Server).sendPhoto
	case "senddocument":
		return "sendDocument", (*Server).sendDocument
	case "sendchataction":
		return "sendChatAction", (*Server).sendChatAction
	case "getchat":
		return "getChat", (*Server).getChat
	case "getfile":
		return "getFile", (*Server).getFile
	case "getchatmember":
		return "getChatMember", (*Server).getChatMember
	case "getchatadministrators":
		return "getChatAdministrators", (*Server).getChatAdministrators
	}
	return name, nil
}

// getMe answers the bot user with its capabilities.
func (s *Server) getMe(*call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return map[string]any{
		"id":                          s.bot.ID,
		"is_bot":                      true,
		"first_name":                  s.bot.FirstName,
		"username":                    s.bot.Username,
		"can_join_groups":             true,
		"can_read_all_group_messages": !s.privacy,
		"supports_inline_queries":     false,
	}, nil
}

// validChatAction reports whether sendChatAction accepts the action.
func validChatAction(action string) bool {
	switch action {
	case "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
		"upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note":
		return true
	}
	return false
}

// sendChatAction records a chat action such as "typing".
func (s *Server) sendChatAction(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, err := s.sendableChatLocked(c.p.str("chat_id"))
	if err != nil {
		return nil, err
	}
	action := c.p.str("action")
	if !validChatAction(action) {
		return nil, badRequest("wrong parameter action in request")
	}
	cs.actions = append(cs.actions, action)
	s.notifyLocked()
	return true, nil
}
