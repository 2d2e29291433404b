package discordfake_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

func TestAuthAndUnknownRoutes(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	client := srv.HTTPClient()
	tests := []struct {
		name, method, url, auth string
		status                  int
		body                    string
	}{
		{"no token", "GET", "https://discord.com/api/v10/users/@me", "", 401, `{"message":"401: Unauthorized","code":0}`},
		{"wrong token", "GET", "https://discord.com/api/v10/users/@me", "Bot nope", 401, `{"message":"401: Unauthorized","code":0}`},
		{"ok", "GET", "https://discord.com/api/v10/users/@me", "Bot " + testToken, 200, ""},
		{"unknown route", "GET", "https://discord.com/api/v10/nothing/here", "Bot " + testToken, 404, `{"message":"404: Not Found","code":0}`},
		{"wrong method", "DELETE", "https://discord.com/api/v10/users/@me", "Bot " + testToken, 405, `{"message":"405: Method Not Allowed","code":0}`},
		{"gateway needs no token", "GET", "https://discord.com/api/v10/gateway", "", 200, `{"url":"` + srv.GatewayURL() + `"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, tt.url, nil)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status || tt.body != "" && string(b) != tt.body {
				t.Fatalf("%s %s = %d %s, want %d %s", tt.method, tt.url, resp.StatusCode, b, tt.status, tt.body)
			}
			if tt.status == 200 && resp.Header.Get("X-RateLimit-Remaining") == "" {
				t.Error("no X-RateLimit-Remaining header")
			}
		})
	}
	if u, err := restSession(t, srv).User("@me"); err != nil || u.ID != discordfake.DefaultBotID {
		t.Fatalf("User(@me) = %+v, %v", u, err)
	}
}

func TestApplicationCommandBulkOverwrite(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	s := restSession(t, srv)
	minLen := 1
	cmds := []*discordgo.ApplicationCommand{
		{Name: "ask", Description: "Ask me a question", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "Topic", MinLength: &minLen},
		}},
		{Name: "stats", Description: "Your progress"},
	}
	got, err := s.ApplicationCommandBulkOverwrite(discordfake.DefaultApplicationID, "", cmds)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID == "" || got[0].ApplicationID != discordfake.DefaultApplicationID || got[0].Options[0].Name != "topic" {
		t.Fatalf("created = %+v", got)
	}
	guild, err := s.ApplicationCommandBulkOverwrite(discordfake.DefaultApplicationID, discordfake.DefaultGuildID, cmds[:1])
	if err != nil || len(guild) != 1 || guild[0].GuildID != discordfake.DefaultGuildID {
		t.Fatalf("guild commands = %+v, %v", guild, err)
	}

	// Overwriting again keeps the id of a command with the same name.
	again, err := s.ApplicationCommandBulkOverwrite(discordfake.DefaultApplicationID, "", cmds[:1])
	if err != nil || len(again) != 1 || again[0].ID != got[0].ID {
		t.Fatalf("overwrite = %+v, %v; want id %s kept", again, err, got[0].ID)
	}
	if rec := srv.Commands(""); len(rec) != 1 || rec[0].Name != "ask" || rec[0].Options[0].Type != 3 {
		t.Fatalf("recorded global commands = %+v", rec)
	}
	if rec := srv.Commands(discordfake.DefaultGuildID); len(rec) != 1 {
		t.Fatalf("recorded guild commands = %+v", rec)
	}
	list, err := s.ApplicationCommands(discordfake.DefaultApplicationID, discordfake.DefaultGuildID)
	if err != nil || len(list) != 1 {
		t.Fatalf("GET guild commands = %+v, %v", list, err)
	}

	// Invalid names are rejected with Invalid Form Body.
	_, err = s.ApplicationCommandBulkOverwrite(discordfake.DefaultApplicationID, "", []*discordgo.ApplicationCommand{{Name: "Bad Name", Description: "x"}})
	if status, code := restCode(t, err); status != 400 || code != discordfake.CodeInvalidFormBody {
		t.Fatalf("bad name = %d %d", status, code)
	}
	// A guild the bot is not in.
	_, err = s.ApplicationCommandBulkOverwrite(discordfake.DefaultApplicationID, "42", cmds)
	if status, code := restCode(t, err); status != 403 || code != discordfake.CodeMissingAccess {
		t.Fatalf("unknown guild = %d %d", status, code)
	}
}

func TestChannelMessages(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	s := restSession(t, srv)
	first, err := s.ChannelMessageSend(discordfake.DefaultChannelID, "Question 1: what is RPO?")
	if err != nil {
		t.Fatal(err)
	}
	if first.Author.ID != discordfake.DefaultBotID || first.Content != "Question 1: what is RPO?" || first.Timestamp.IsZero() {
		t.Fatalf("sent = %+v", first)
	}

	complex, err := s.ChannelMessageSendComplex(discordfake.DefaultChannelID, &discordgo.MessageSend{
		Content: "How well did you do?",
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Again", Style: discordgo.DangerButton, CustomID: "rate:again"},
			discordgo.Button{Label: "Good", Style: discordgo.SuccessButton, CustomID: "rate:good"},
			discordgo.Button{Label: "Docs", Style: discordgo.LinkButton, URL: "https://example.com"},
		}}},
		Embeds:    []*discordgo.MessageEmbed{{Title: "Feedback", Description: "covered 2/3"}},
		Files:     []*discordgo.File{{Name: "answer.md", ContentType: "text/markdown", Reader: strings.NewReader("# RPO")}},
		Reference: first.Reference(),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(complex.Components) != 1 || len(complex.Attachments) != 1 || complex.MessageReference == nil ||
		complex.ReferencedMessage == nil || complex.Type != discordgo.MessageTypeReply {
		t.Fatalf("complex = %+v", complex)
	}
	row := complex.Components[0].(*discordgo.ActionsRow)
	if b := row.Components[1].(*discordgo.Button); b.CustomID != "rate:good" {
		t.Fatalf("button = %+v", b)
	}

	msgs := srv.Messages(discordfake.DefaultChannelID)
	if len(msgs) != 2 {
		t.Fatalf("recorded %d messages", len(msgs))
	}
	m := msgs[1]
	if ids := m.CustomIDs(); len(ids) != 2 || ids[0] != "rate:again" || ids[1] != "rate:good" {
		t.Errorf("custom ids = %v", ids)
	}
	if len(m.Files) != 1 || string(m.Files[0].Data) != "# RPO" || m.Files[0].Name != "answer.md" {
		t.Errorf("files = %+v", m.Files)
	}
	if m.Reference == nil || m.Reference.MessageID != first.ID || m.Embeds[0].Title != "Feedback" {
		t.Errorf("reference/embeds = %+v %+v", m.Reference, m.Embeds)
	}

	// The attachment URL serves the bytes, as the CDN would.
	resp, err := srv.HTTPClient().Get(complex.Attachments[0].URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "# RPO" {
		t.Errorf("attachment body = %q", body)
	}

	// Edit, get, list, delete.
	edited, err := s.ChannelMessageEdit(discordfake.DefaultChannelID, first.ID, "Question 1 (edited)")
	if err != nil || edited.EditedTimestamp == nil || edited.Content != "Question 1 (edited)" {
		t.Fatalf("edit = %+v, %v", edited, err)
	}
	got, err := s.ChannelMessage(discordfake.DefaultChannelID, first.ID)
	if err != nil || got.Content != "Question 1 (edited)" {
		t.Fatalf("get = %+v, %v", got, err)
	}
	list, err := s.ChannelMessages(discordfake.DefaultChannelID, 10, "", "", "")
	if err != nil || len(list) != 2 || list[0].ID != complex.ID {
		t.Fatalf("list = %d messages, %v", len(list), err)
	}
	if err := s.ChannelMessageDelete(discordfake.DefaultChannelID, first.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ChannelMessage(discordfake.DefaultChannelID, first.ID); err == nil {
		t.Fatal("deleted message still readable")
	} else if status, code := restCode(t, err); status != 404 || code != discordfake.CodeUnknownMessage {
		t.Fatalf("get deleted = %d %d", status, code)
	}
	if err := s.ChannelTyping(discordfake.DefaultChannelID); err != nil || srv.Typing(discordfake.DefaultChannelID) != 1 {
		t.Fatalf("typing: %v, count %d", err, srv.Typing(discordfake.DefaultChannelID))
	}
	if _, err := s.ChannelMessageSend("404", "x"); err == nil {
		t.Fatal("send to unknown channel succeeded")
	} else if status, code := restCode(t, err); status != 404 || code != discordfake.CodeUnknownChannel {
		t.Fatalf("unknown channel = %d %d", status, code)
	}
}

func TestMessageValidation(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	s := restSession(t, srv)
	button := func(id, label string) discordgo.MessageComponent {
		return discordgo.Button{Label: label, Style: discordgo.PrimaryButton, CustomID: id}
	}
	row := func(bs ...discordgo.MessageComponent) discordgo.MessageComponent {
		return discordgo.ActionsRow{Components: bs}
	}
	var sixRows, sixButtons []discordgo.MessageComponent
	for i := range 6 {
		sixRows = append(sixRows, row(button("b"+string(rune('0'+i)), "ok")))
		sixButtons = append(sixButtons, button("c"+string(rune('0'+i)), "ok"))
	}
	tests := []struct {
		name   string
		msg    *discordgo.MessageSend
		code   int
		errKey string
	}{
		{"too long", &discordgo.MessageSend{Content: strings.Repeat("é", 2001)}, 50035, `"content":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 2000 or fewer in length."}]}`},
		{"empty", &discordgo.MessageSend{Content: "  "}, 50006, ""},
		{"six rows", &discordgo.MessageSend{Content: "x", Components: sixRows}, 50035, `"components":{"_errors"`},
		{"six buttons", &discordgo.MessageSend{Content: "x", Components: []discordgo.MessageComponent{row(sixButtons...)}}, 50035, `"components":{"0":{"components":{"_errors"`},
		{"long custom id", &discordgo.MessageSend{Content: "x", Components: []discordgo.MessageComponent{row(button(strings.Repeat("x", 101), "ok"))}}, 50035, `"custom_id":{"_errors"`},
		{"long label", &discordgo.MessageSend{Content: "x", Components: []discordgo.MessageComponent{row(button("id", strings.Repeat("x", 81)))}}, 50035, `"label":{"_errors"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.ChannelMessageSendComplex(discordfake.DefaultChannelID, tt.msg)
			status, code := restCode(t, err)
			if status != 400 || code != tt.code {
				t.Fatalf("got %d %d, want 400 %d (%v)", status, code, tt.code, err)
			}
			if !strings.Contains(err.Error(), tt.errKey) {
				t.Fatalf("error %v lacks %s", err, tt.errKey)
			}
		})
	}
	if n := len(srv.Messages(discordfake.DefaultChannelID)); n != 0 {
		t.Fatalf("%d invalid messages were recorded", n)
	}
	if _, err := s.ChannelMessageSend(discordfake.DefaultChannelID, strings.Repeat("é", 2000)); err != nil {
		t.Fatalf("2000 characters rejected: %v", err)
	}
}

func TestDirectMessages(t *testing.T) {
	t.Parallel()
	srv := newServer(t, discordfake.WithUser(discordfake.User{ID: "777", Username: "closed", RejectDMs: true}))
	s := restSession(t, srv)
	dm, err := s.UserChannelCreate(discordfake.DefaultUserID)
	if err != nil {
		t.Fatal(err)
	}
	if dm.Type != discordgo.ChannelTypeDM || len(dm.Recipients) != 1 || dm.Recipients[0].ID != discordfake.DefaultUserID {
		t.Fatalf("dm = %+v", dm)
	}
	again, err := s.UserChannelCreate(discordfake.DefaultUserID)
	if err != nil || again.ID != dm.ID {
		t.Fatalf("second create = %+v, %v; want the same channel", again, err)
	}
	if _, err := s.ChannelMessageSend(dm.ID, "Your daily question"); err != nil {
		t.Fatal(err)
	}
	if msgs := srv.Messages(dm.ID); len(msgs) != 1 || msgs[0].GuildID != "" {
		t.Fatalf("dm messages = %+v", msgs)
	}
	if ch, _ := srv.DMChannel(discordfake.DefaultUserID); ch.ID != dm.ID {
		t.Fatalf("DMChannel = %s, want %s", ch.ID, dm.ID)
	}

	closed, err := s.UserChannelCreate("777")
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.ChannelMessageSend(closed.ID, "hi")
	if status, code := restCode(t, err); status != 403 || code != discordfake.CodeCannotMessageUser {
		t.Fatalf("closed DMs = %d %d", status, code)
	}
	_, err = s.UserChannelCreate("999")
	if status, code := restCode(t, err); status != 400 || code != discordfake.CodeInvalidRecipients {
		t.Fatalf("unknown recipient = %d %d", status, code)
	}
}

func TestThreads(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	s := restSession(t, srv)
	q, err := s.ChannelMessageSend(discordfake.DefaultChannelID, "Question of the day")
	if err != nil {
		t.Fatal(err)
	}
	th, err := s.MessageThreadStartComplex(discordfake.DefaultChannelID, q.ID, &discordgo.ThreadStart{Name: "Answers", AutoArchiveDuration: 1440})
	if err != nil {
		t.Fatal(err)
	}
	if th.ID != q.ID || th.Type != discordgo.ChannelTypeGuildPublicThread || th.ParentID != discordfake.DefaultChannelID || th.ThreadMetadata == nil {
		t.Fatalf("thread = %+v", th)
	}
	if _, err := s.ChannelMessageSend(th.ID, "Reply in thread"); err != nil {
		t.Fatal(err)
	}
	if msgs := srv.Messages(th.ID); len(msgs) != 1 || msgs[0].GuildID != discordfake.DefaultGuildID {
		t.Fatalf("thread messages = %+v", msgs)
	}
	_, err = s.MessageThreadStartComplex(discordfake.DefaultChannelID, q.ID, &discordgo.ThreadStart{Name: "Again"})
	if status, code := restCode(t, err); status != 400 || code != discordfake.CodeThreadAlreadyCreated {
		t.Fatalf("second thread = %d %d", status, code)
	}

	private, err := s.ThreadStartComplex(discordfake.DefaultChannelID, &discordgo.ThreadStart{Name: "Mock interview", Type: discordgo.ChannelTypeGuildPrivateThread})
	if err != nil || private.Type != discordgo.ChannelTypeGuildPrivateThread {
		t.Fatalf("private thread = %+v, %v", private, err)
	}
	if got := srv.Threads(discordfake.DefaultChannelID); len(got) != 2 {
		t.Fatalf("threads = %+v", got)
	}
	if ch, err := s.Channel(private.ID); err != nil || ch.ParentID != discordfake.DefaultChannelID {
		t.Fatalf("GET thread = %+v, %v", ch, err)
	}
}

func TestGuildRoutes(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	s := restSession(t, srv)
	g, err := s.Guild(discordfake.DefaultGuildID)
	if err != nil || g.Name != "Interview Club" || g.OwnerID != discordfake.DefaultUserID {
		t.Fatalf("guild = %+v, %v", g, err)
	}
	m, err := s.GuildMember(discordfake.DefaultGuildID, discordfake.OtherUserID)
	if err != nil || m.User.Username != "bob" {
		t.Fatalf("member = %+v, %v", m, err)
	}
	roles, err := s.GuildRoles(discordfake.DefaultGuildID)
	if err != nil || len(roles) != 2 || roles[0].Permissions != discordfake.PermissionsEveryone {
		t.Fatalf("roles = %+v, %v", roles, err)
	}
	ch, err := s.Channel(discordfake.SecondChannelID)
	if err != nil || ch.Name != "interviews" || ch.GuildID != discordfake.DefaultGuildID {
		t.Fatalf("channel = %+v, %v", ch, err)
	}
	_, err = s.GuildMember(discordfake.DefaultGuildID, "1")
	if status, code := restCode(t, err); status != 404 || code != discordfake.CodeUnknownMember {
		t.Fatalf("unknown member = %d %d", status, code)
	}
}

func TestBotPermissionsAreEnforced(t *testing.T) {
	t.Parallel()
	bot := discordfake.User{ID: discordfake.DefaultBotID, Username: "interviewbot"}
	g := discordfake.DefaultGuild(bot)
	g.Channels = append(g.Channels,
		discordfake.Channel{ID: "500", Type: discordfake.ChannelTypeGuildText, Name: "read-only",
			Overwrites: []discordfake.Overwrite{{ID: g.ID, Type: 0, Deny: discordfake.PermissionSendMessages}}},
		discordfake.Channel{ID: "501", Type: discordfake.ChannelTypeGuildText, Name: "hidden",
			Overwrites: []discordfake.Overwrite{{ID: g.ID, Type: 0, Deny: discordfake.PermissionViewChannel}}},
	)
	srv := newServer(t, discordfake.WithGuild(g))
	s := restSession(t, srv)
	_, err := s.ChannelMessageSend("500", "x")
	if status, code := restCode(t, err); status != 403 || code != discordfake.CodeMissingPermissions {
		t.Fatalf("read-only channel = %d %d", status, code)
	}
	_, err = s.ChannelMessageSend("501", "x")
	if status, code := restCode(t, err); status != 403 || code != discordfake.CodeMissingAccess {
		t.Fatalf("hidden channel = %d %d", status, code)
	}
}

func TestRequestLog(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	s := restSession(t, srv)
	if _, err := s.ChannelMessageSend(discordfake.DefaultChannelID, "logged"); err != nil {
		t.Fatal(err)
	}
	reqs, err := srv.WaitRequests(testContext(t), discordfake.RouteCreateMessage, 1)
	if err != nil {
		t.Fatal(err)
	}
	r := reqs[0]
	var body struct{ Content string }
	if err := json.Unmarshal(r.Body, &body); err != nil || body.Content != "logged" ||
		r.Status != 200 || r.APIVersion != 9 || r.Method != "POST" || !bytes.Contains(r.Response, []byte(`"logged"`)) {
		t.Fatalf("request = %+v (%s)", r, r.Body)
	}
}
