package discordfake_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

// TestBadRequestsAreAnswered sends malformed bodies to every route with a
// body: the fake must answer a 4xx, never fail or panic.
func TestBadRequestsAreAnswered(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	client := srv.HTTPClient()
	paths := []struct{ method, path string }{
		{"POST", "/users/@me/channels"},
		{"POST", "/channels/" + discordfake.DefaultChannelID + "/messages"},
		{"PATCH", "/channels/" + discordfake.DefaultChannelID + "/messages/1"},
		{"POST", "/channels/" + discordfake.DefaultChannelID + "/threads"},
		{"POST", "/channels/" + discordfake.DefaultChannelID + "/messages/1/threads"},
		{"PUT", "/applications/" + discordfake.DefaultApplicationID + "/commands"},
		{"POST", "/applications/" + discordfake.DefaultApplicationID + "/commands"},
		{"POST", "/interactions/1/x/callback"},
		{"POST", "/webhooks/" + discordfake.DefaultApplicationID + "/x"},
	}
	bodies := []struct{ ctype, body string }{
		{"application/json", ""},
		{"application/json", "{"},
		{"application/json", "null"},
		{"application/json", "[1,2]"},
		{"application/json", `{"content": 5, "components": "x", "flags": "a", "type": "z", "name": 3}`},
		{"application/json", `{"components": [{"type": 1, "components": [{"type": 2, "style": 99}]}], "content": "x"}`},
		{"application/json", `[{"name": "", "options": [{"type": 99}]}, 7]`},
		{"multipart/form-data; boundary=zz", "--zz\r\nbroken"},
		{"multipart/form-data", "no boundary"},
	}
	for _, p := range paths {
		for _, b := range bodies {
			req, _ := httpRequest(p.method, "https://discord.com/api/v10"+p.path)
			req.Body = http.NoBody
			if b.body != "" {
				req, _ = http.NewRequest(p.method, "https://discord.com/api/v10"+p.path, strings.NewReader(b.body))
				req.Header.Set("Authorization", "Bot "+testToken)
			}
			req.Header.Set("Content-Type", b.ctype)
			resp, err := client.Do(req)
			if err != nil {
				t.Fatalf("%s %s %q: %v", p.method, p.path, b.body, err)
			}
			resp.Body.Close()
			if resp.StatusCode < 400 || resp.StatusCode >= 500 || resp.Header.Get("Content-Type") != "application/json" {
				t.Errorf("%s %s %q = %d %s", p.method, p.path, b.body, resp.StatusCode, resp.Header.Get("Content-Type"))
			}
		}
	}
}

// TestGatewayProtocolErrors speaks the gateway protocol by hand and checks
// Discord's close codes.
func TestGatewayProtocolErrors(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	tests := []struct {
		name  string
		url   string
		frame string
		code  int
	}{
		{"not json", "?v=10&encoding=json", "{oops", discordfake.CloseDecodeError},
		{"unknown opcode", "?v=10", `{"op": 42, "d": null}`, discordfake.CloseUnknownOpcode},
		{"presence before identify", "?v=10", `{"op": 3, "d": {}}`, discordfake.CloseNotAuthenticated},
		{"identify with bad d", "?v=10", `{"op": 2, "d": "x"}`, discordfake.CloseDecodeError},
		{"identify without intents", "?v=10", `{"op": 2, "d": {"token": "` + testToken + `"}}`, discordfake.CloseInvalidIntents},
		{"resume with bad seq", "?v=10", `{"op": 6, "d": {"token": "` + testToken + `", "session_id": "s", "seq": "x"}}`, discordfake.CloseDecodeError},
		{"bad version", "?v=6", "", discordfake.CloseInvalidAPIVersion},
		{"etf encoding", "?v=10&encoding=etf", "", discordfake.CloseDecodeError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, _, err := websocket.DefaultDialer.Dial(srv.GatewayURL()+tt.url, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer ws.Close()
			_ = ws.SetReadDeadline(time.Now().Add(5 * time.Second))
			if tt.frame != "" {
				var hello struct {
					Op int `json:"op"`
					D  struct {
						HeartbeatInterval int `json:"heartbeat_interval"`
					} `json:"d"`
				}
				if err := ws.ReadJSON(&hello); err != nil || hello.Op != 10 || hello.D.HeartbeatInterval != 41250 {
					t.Fatalf("hello = %+v, %v", hello, err)
				}
				if err := ws.WriteMessage(websocket.TextMessage, []byte(tt.frame)); err != nil {
					t.Fatal(err)
				}
			}
			_, _, err = ws.ReadMessage()
			if !websocket.IsCloseError(err, tt.code) {
				t.Fatalf("read = %v, want close %d", err, tt.code)
			}
		})
	}

	// An unknown session gets op 9 INVALID_SESSION, and the connection stays
	// open for an IDENTIFY.
	ws, _, err := websocket.DefaultDialer.Dial(srv.GatewayURL()+"?v=10", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	_ = ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	var frame struct {
		Op int     `json:"op"`
		D  any     `json:"d"`
		S  *int64  `json:"s"`
		T  *string `json:"t"`
	}
	_ = ws.ReadJSON(&frame) // HELLO
	_ = ws.WriteJSON(map[string]any{"op": 6, "d": map[string]any{"token": testToken, "session_id": "gone", "seq": 3}})
	if err := ws.ReadJSON(&frame); err != nil || frame.Op != 9 || frame.D != false || frame.S != nil || frame.T != nil {
		t.Fatalf("resume of an unknown session = %+v, %v", frame, err)
	}
	_ = ws.WriteJSON(map[string]any{"op": 2, "d": map[string]any{"token": "Bot " + testToken, "intents": 513, "properties": map[string]string{"os": "linux"}}})
	if err := ws.ReadJSON(&frame); err != nil || frame.Op != 0 || *frame.T != "READY" || *frame.S != 1 {
		t.Fatalf("identify after invalid session = %+v, %v", frame, err)
	}
	if err := ws.ReadJSON(&frame); err != nil || *frame.T != "GUILD_CREATE" || *frame.S != 2 {
		t.Fatalf("after READY = %+v, %v", frame, err)
	}
	_ = ws.WriteJSON(map[string]any{"op": 1, "d": 2})
	if err := ws.ReadJSON(&frame); err != nil || frame.Op != 11 {
		t.Fatalf("heartbeat = %+v, %v", frame, err)
	}
}
