// Package discordfake is a fake Discord for tests: the REST API (v9, which
// discordgo v0.29.0 uses, and v10) served by net/http/httptest and a gateway
// websocket, both on 127.0.0.1, speaking Discord's real JSON wire format so
// that github.com/bwmarrin/discordgo runs against it unmodified.
//
// # Pointing discordgo at the fake
//
// discordgo's endpoints are package variables fixed to https://discord.com;
// they are left alone. Instead the session's http.Client rewrites the
// scheme and host of every Discord request to the fake's URL:
//
//	srv := discordfake.New("token")
//	defer srv.Close()
//	s, _ := discordgo.New("Bot token")
//	s.Client = srv.HTTPClient() // or &http.Client{Transport: &discordfake.RewriteTransport{Base: u}}
//	err := s.Open()
//
// Open discovers the gateway with GET /api/v9/gateway, which answers with the
// fake's ws:// URL, so the websocket needs no rewriting. The production
// adapter does the same with the discord.api_url setting as the base.
//
// # What the fake does
//
// The gateway sends HELLO, accepts IDENTIFY (checking the token and the
// intents, and recording them), dispatches READY and one GUILD_CREATE per
// guild, acknowledges heartbeats, answers RESUME by replaying missed
// dispatches then RESUMED (INVALID_SESSION for an unknown or ended session),
// and keeps sequence numbers per session. Tests can drop connections
// (DropConnections), send RECONNECT (SendReconnect), INVALID_SESSION
// (SendInvalidSession) or a heartbeat request (RequestHeartbeat).
//
// Tests play users with PostMessage (MESSAGE_CREATE, with guild message
// content blanked for sessions without the MESSAGE_CONTENT intent, as
// Discord does; attachments are served from the fake's CDN URL, voice
// messages carry flag 8192 and duration_secs and waveform on their audio), SlashCommand, ClickButton and SubmitModal
// (INTERACTION_CREATE); AllowCommand lifts a command's default member
// permissions in a guild, as a guild admin can. The bot's own REST calls
// are validated with Discord's limits and error bodies (Invalid Form Body
// 50035, empty message 50006, interaction already acknowledged 40060,
// unknown interaction 10062 after the 3 s deadline...) and recorded:
// messages per channel with components and files, interaction responses,
// followups, registered commands and every request. Wait helpers block on
// change notifications until an expected outcome arrives.
//
// Faults are scripted per route: 429s for a bucket or global (with Discord's
// body and headers), 5xx with a JSON or HTML body, or a request that never
// answers. Normal responses carry X-RateLimit-* headers that never make
// discordgo's limiter wait.
//
// A Server starts with a default guild (DefaultGuild) holding #general,
// #interviews, alice (the owner), bob and the bot; WithGuild replaces it.
package discordfake
