package discordfake

import (
	"errors"
	"net/http"
	"strconv"
)

// JSON error codes the fake answers with. Values and messages are Discord's.
const (
	CodeGeneral                = 0
	CodeUnknownChannel         = 10003
	CodeUnknownGuild           = 10004
	CodeUnknownMember          = 10007
	CodeUnknownMessage         = 10008
	CodeUnknownUser            = 10013
	CodeUnknownWebhook         = 10015
	CodeUnknownApplication     = 10002
	CodeUnknownCommand         = 10063
	CodeUnknownInteraction     = 10062
	CodeInteractionAcked       = 40060
	CodeRequestTooLarge        = 40005
	CodeMissingAccess          = 50001
	CodeCannotEditOthers       = 50005
	CodeCannotExecuteOnDM      = 50003
	CodeEmptyMessage           = 50006
	CodeCannotMessageUser      = 50007
	CodeMissingPermissions     = 50013
	CodeInvalidWebhookToken    = 50027
	CodeInvalidRecipients      = 50033
	CodeInvalidFormBody        = 50035
	CodeInvalidJSON            = 50109
	CodeThreadAlreadyCreated   = 160004
	CodeCannotExecuteOnChannel = 50024
)

// Errors returned by the fake's test helpers.
var (
	// ErrNoSession is returned when an event is dispatched while no gateway
	// session exists (the bot never identified, or its session ended).
	ErrNoSession = errors.New("discordfake: no gateway session")
	// ErrUnknownChannel is returned for a channel id the fake does not know.
	ErrUnknownChannel = errors.New("discordfake: unknown channel")
	// ErrUnknownUser is returned for a user id the fake does not know.
	ErrUnknownUser = errors.New("discordfake: unknown user")
	// ErrNotMember is returned when a user acts in a guild they are not in.
	ErrNotMember = errors.New("discordfake: user is not a member of the guild")
	// ErrUnknownCommand is returned when a test invokes a slash command the
	// bot did not register for that guild or globally.
	ErrUnknownCommand = errors.New("discordfake: command not registered")
	// ErrCommandUnavailable is returned when a registered command cannot be
	// used there by that user (context, dm_permission or
	// default_member_permissions).
	ErrCommandUnavailable = errors.New("discordfake: command not available to this user here")
	// ErrNoComponent is returned when a test clicks a button that no message
	// carries, or a disabled one.
	ErrNoComponent = errors.New("discordfake: no such enabled component")
	// ErrNoModal is returned when a test submits a modal the bot never showed.
	ErrNoModal = errors.New("discordfake: no such modal")
	// ErrInvalidModalInput is returned when submitted modal values would not
	// pass the Discord client's own checks (unknown field, required field
	// empty, length out of bounds).
	ErrInvalidModalInput = errors.New("discordfake: invalid modal input")
	// ErrClosed is returned by waits and dispatches once the server is closed.
	ErrClosed = errors.New("discordfake: server closed")
)

// apiError is Discord's JSON error body.
type apiError struct {
	Message string     `json:"message"`
	Code    int        `json:"code"`
	Errors  formErrors `json:"errors,omitempty"`
}

// formErrors is the nested "errors" object of an Invalid Form Body error:
// keys are field names or array indexes, leaves are {"_errors": [...]}.
type formErrors map[string]any

// fieldError is one entry of an "_errors" list.
type fieldError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// add records an error at path (field names and indexes).
func (f formErrors) add(path []string, code, msg string) {
	node := f
	for _, p := range path {
		child, ok := node[p].(formErrors)
		if !ok {
			child = formErrors{}
			node[p] = child
		}
		node = child
	}
	list, _ := node["_errors"].([]fieldError)
	node["_errors"] = append(list, fieldError{Code: code, Message: msg})
}

// maxLen records BASE_TYPE_MAX_LENGTH at path.
func (f formErrors) maxLen(path []string, n int) {
	f.add(path, "BASE_TYPE_MAX_LENGTH", "Must be "+strconv.Itoa(n)+" or fewer in length.")
}

// required records BASE_TYPE_REQUIRED at path.
func (f formErrors) required(path []string) {
	f.add(path, "BASE_TYPE_REQUIRED", "This field is required")
}

// badLength records BASE_TYPE_BAD_LENGTH at path.
func (f formErrors) badLength(path []string, lo, hi int) {
	f.add(path, "BASE_TYPE_BAD_LENGTH", "Must be between "+strconv.Itoa(lo)+" and "+strconv.Itoa(hi)+" in length.")
}

// errorResponse is a Discord JSON error.
func errorResponse(status, code int, msg string) response {
	return jsonResponse(status, apiError{Message: msg, Code: code})
}

// plainError is Discord's answer for errors without a specific code, such as
// "404: Not Found".
func plainError(status int) response {
	return errorResponse(status, CodeGeneral, strconv.Itoa(status)+": "+http.StatusText(status))
}

// formErrorResponse is the 400 Invalid Form Body error.
func formErrorResponse(f formErrors) response {
	return jsonResponse(http.StatusBadRequest, apiError{Message: "Invalid Form Body", Code: CodeInvalidFormBody, Errors: f})
}

// errUnknownChannel and the functions below are frequently used Discord
// errors.
func errUnknownChannel() response {
	return errorResponse(http.StatusNotFound, CodeUnknownChannel, "Unknown Channel")
}

func errUnknownMessage() response {
	return errorResponse(http.StatusNotFound, CodeUnknownMessage, "Unknown Message")
}

func errUnknownGuild() response {
	return errorResponse(http.StatusNotFound, CodeUnknownGuild, "Unknown Guild")
}

func errEmptyMessage() response {
	return errorResponse(http.StatusBadRequest, CodeEmptyMessage, "Cannot send an empty message")
}

func errMissingPermissions() response {
	return errorResponse(http.StatusForbidden, CodeMissingPermissions, "Missing Permissions")
}

func errMissingAccess() response {
	return errorResponse(http.StatusForbidden, CodeMissingAccess, "Missing Access")
}

func errUnknownWebhook() response {
	return errorResponse(http.StatusNotFound, CodeUnknownWebhook, "Unknown Webhook")
}

func errUnknownInteraction() response {
	return errorResponse(http.StatusNotFound, CodeUnknownInteraction, "Unknown interaction")
}

func errInvalidJSON() response {
	return errorResponse(http.StatusBadRequest, CodeInvalidJSON, "The request body contains invalid JSON.")
}
