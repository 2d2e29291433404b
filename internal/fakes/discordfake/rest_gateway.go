package discordfake

import "net/http"

// handleGateway is GET /gateway: the websocket URL of this server.
func (s *Server) handleGateway(*request) response {
	return jsonResponse(http.StatusOK, map[string]any{"url": s.GatewayURL()})
}

// handleGatewayBot is GET /gateway/bot: the URL, one shard and the session
// start limit.
func (s *Server) handleGatewayBot(*request) response {
	return jsonResponse(http.StatusOK, map[string]any{
		"url":    s.GatewayURL(),
		"shards": 1,
		"session_start_limit": map[string]any{
			"total":           1000,
			"remaining":       999,
			"reset_after":     14400000,
			"max_concurrency": 1,
		},
	})
}
