package discordfake

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// Routes, named as in the request log and for fault injection: the method and
// the path after /api/v{version}, with {placeholders} for ids.
const (
	RouteGetGateway              = "GET /gateway"
	RouteGetGatewayBot           = "GET /gateway/bot"
	RouteGetCurrentUser          = "GET /users/@me"
	RouteGetUser                 = "GET /users/{user_id}"
	RouteCreateDM                = "POST /users/@me/channels"
	RouteGetChannel              = "GET /channels/{channel_id}"
	RouteGetMessages             = "GET /channels/{channel_id}/messages"
	RouteCreateMessage           = "POST /channels/{channel_id}/messages"
	RouteGetMessage              = "GET /channels/{channel_id}/messages/{message_id}"
	RouteEditMessage             = "PATCH /channels/{channel_id}/messages/{message_id}"
	RouteDeleteMessage           = "DELETE /channels/{channel_id}/messages/{message_id}"
	RouteTriggerTyping           = "POST /channels/{channel_id}/typing"
	RouteStartThread             = "POST /channels/{channel_id}/threads"
	RouteStartThreadFromMessage  = "POST /channels/{channel_id}/messages/{message_id}/threads"
	RouteGetGuild                = "GET /guilds/{guild_id}"
	RouteGetGuildChannels        = "GET /guilds/{guild_id}/channels"
	RouteGetGuildMember          = "GET /guilds/{guild_id}/members/{user_id}"
	RouteGetGuildRoles           = "GET /guilds/{guild_id}/roles"
	RouteGetGlobalCommands       = "GET /applications/{application_id}/commands"
	RouteCreateGlobalCommand     = "POST /applications/{application_id}/commands"
	RouteOverwriteGlobalCommands = "PUT /applications/{application_id}/commands"
	RouteDeleteGlobalCommand     = "DELETE /applications/{application_id}/commands/{command_id}"
	RouteGetGuildCommands        = "GET /applications/{application_id}/guilds/{guild_id}/commands"
	RouteCreateGuildCommand      = "POST /applications/{application_id}/guilds/{guild_id}/commands"
	RouteOverwriteGuildCommands  = "PUT /applications/{application_id}/guilds/{guild_id}/commands"
	RouteDeleteGuildCommand      = "DELETE /applications/{application_id}/guilds/{guild_id}/commands/{command_id}"
	RouteInteractionCallback     = "POST /interactions/{interaction_id}/{interaction_token}/callback"
	RouteExecuteWebhook          = "POST /webhooks/{webhook_id}/{webhook_token}"
	RouteGetWebhookMessage       = "GET /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"
	RouteEditWebhookMessage      = "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"
	RouteDeleteWebhookMessage    = "DELETE /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"

	// AnyRoute matches every REST route in fault injection.
	AnyRoute = "*"
)

// authMode says whether a route needs the bot token.
type authMode int

const (
	authBot      authMode = iota // Authorization: Bot <token> required
	authOptional                 // token in the path; a header, if sent, must be valid
)

// route is one REST endpoint of the fake.
type route struct {
	name   string
	method string
	segs   []string
	auth   authMode
	handle func(*Server, *request) response
}

// request is an incoming REST request matched to a route.
type request struct {
	*http.Request
	route   *route
	params  map[string]string
	version int
	body    []byte
}

// param returns the path parameter name (without braces).
func (r *request) param(name string) string { return r.params[name] }

// response is what a route handler answers.
type response struct {
	status      int
	contentType string
	body        []byte
	header      http.Header
}

// jsonResponse marshals v as the body.
func jsonResponse(status int, v any) response {
	b, err := json.Marshal(v)
	if err != nil {
		return response{status: http.StatusInternalServerError, contentType: "application/json",
			body: []byte(`{"message": "500: Internal Server Error", "code": 0}`)}
	}
	return response{status: status, contentType: "application/json", body: b}
}

// noContent is 204 No Content.
func noContent() response { return response{status: http.StatusNoContent} }

// newRoute parses a route name into a route.
func newRoute(name string, auth authMode, h func(*Server, *request) response) *route {
	method, path, _ := strings.Cut(name, " ")
	return &route{name: name, method: method, segs: strings.Split(strings.Trim(path, "/"), "/"), auth: auth, handle: h}
}

// routeTable lists the fake's REST endpoints. Literal segments such as @me
// come before placeholders that would also match them.
func routeTable() []*route {
	return []*route{
		newRoute(RouteGetGateway, authOptional, (*Server).handleGateway),
		newRoute(RouteGetGatewayBot, authBot, (*Server).handleGatewayBot),
		newRoute(RouteGetCurrentUser, authBot, (*Server).handleGetCurrentUser),
		newRoute(RouteCreateDM, authBot, (*Server).handleCreateDM),
		newRoute(RouteGetUser, authBot, (*Server).handleGetUser),
		newRoute(RouteGetChannel, authBot, (*Server).handleGetChannel),
		newRoute(RouteGetMessages, authBot, (*Server).handleGetMessages),
		newRoute(RouteCreateMessage, authBot, (*Server).handleCreateMessage),
		newRoute(RouteGetMessage, authBot, (*Server).handleGetMessage),
		newRoute(RouteEditMessage, authBot, (*Server).handleEditMessage),
		newRoute(RouteDeleteMessage, authBot, (*Server).handleDeleteMessage),
		newRoute(RouteTriggerTyping, authBot, (*Server).handleTyping),
		newRoute(RouteStartThread, authBot, (*Server).handleStartThread),
		newRoute(RouteStartThreadFromMessage, authBot, (*Server).handleStartThreadFromMessage),
		newRoute(RouteGetGuild, authBot, (*Server).handleGetGuild),
		newRoute(RouteGetGuildChannels, authBot, (*Server).handleGetGuildChannels),
		newRoute(RouteGetGuildMember, authBot, (*Server).handleGetGuildMember),
		newRoute(RouteGetGuildRoles, authBot, (*Server).handleGetGuildRoles),
		newRoute(RouteGetGlobalCommands, authBot, (*Server).handleGetCommands),
		newRoute(RouteCreateGlobalCommand, authBot, (*Server).handleCreateCommand),
		newRoute(RouteOverwriteGlobalCommands, authBot, (*Server).handleOverwriteCommands),
		newRoute(RouteDeleteGlobalCommand, authBot, (*Server).handleDeleteCommand),
		newRoute(RouteGetGuildCommands, authBot, (*Server).handleGetCommands),
		newRoute(RouteCreateGuildCommand, authBot, (*Server).handleCreateCommand),
		newRoute(RouteOverwriteGuildCommands, authBot, (*Server).handleOverwriteCommands),
		newRoute(RouteDeleteGuildCommand, authBot, (*Server).handleDeleteCommand),
		newRoute(RouteInteractionCallback, authOptional, (*Server).handleInteractionCallback),
		newRoute(RouteExecuteWebhook, authOptional, (*Server).handleExecuteWebhook),
		newRoute(RouteGetWebhookMessage, authOptional, (*Server).handleGetWebhookMessage),
		newRoute(RouteEditWebhookMessage, authOptional, (*Server).handleEditWebhookMessage),
		newRoute(RouteDeleteWebhookMessage, authOptional, (*Server).handleDeleteWebhookMessage),
	}
}

// match finds the route for method and the path below /api/v{n}. It returns
// a nil route and whether some route matched the path with another method.
func match(routes []*route, method, path string) (*route, map[string]string, bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	pathMatched := false
	for _, rt := range routes {
		params, ok := matchSegs(rt.segs, segs)
		if !ok {
			continue
		}
		if rt.method != method {
			pathMatched = true
			continue
		}
		return rt, params, false
	}
	return nil, nil, pathMatched
}

// matchSegs matches path segments against a route pattern.
func matchSegs(pattern, segs []string) (map[string]string, bool) {
	if len(pattern) != len(segs) {
		return nil, false
	}
	params := map[string]string{}
	for i, p := range pattern {
		if strings.HasPrefix(p, "{") {
			if segs[i] == "" {
				return nil, false
			}
			params[strings.Trim(p, "{}")] = segs[i]
			continue
		}
		if p != segs[i] {
			return nil, false
		}
	}
	return params, true
}

// splitAPIPath splits "/api/v10/users/@me" into version 10 and "/users/@me".
// Versions 9 (what discordgo v0.29.0 uses) and 10 are accepted.
func splitAPIPath(p string) (int, string, bool) {
	rest, ok := strings.CutPrefix(p, "/api/v")
	if !ok {
		return 0, "", false
	}
	num, tail, _ := strings.Cut(rest, "/")
	v, err := strconv.Atoi(num)
	if err != nil || (v != 9 && v != 10) {
		return 0, "", false
	}
	return v, "/" + tail, true
}
