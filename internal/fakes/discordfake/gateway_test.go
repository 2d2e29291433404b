package discordfake_test

import (
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

func TestOpenReachesReadyAndGuildCreate(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	guilds := make(chan *discordgo.GuildCreate, 1)
	intents := discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsMessageContent
	s := openSession(t, srv, intents, func(s *discordgo.Session) {
		s.AddHandler(func(_ *discordgo.Session, g *discordgo.GuildCreate) { guilds <- g })
	})

	ids := srv.Identifies()
	if len(ids) != 1 || ids[0].Intents != int64(intents) || ids[0].CloseCode != 0 {
		t.Fatalf("identifies = %+v, want one accepted with intents %d", ids, intents)
	}
	if s.State.User.ID != discordfake.DefaultBotID || !s.State.User.Bot {
		t.Errorf("ready user = %+v", s.State.User)
	}
	if s.State.Application == nil || s.State.Application.ID != discordfake.DefaultApplicationID {
		t.Errorf("ready application = %+v", s.State.Application)
	}
	if s.State.Version != 9 {
		t.Errorf("ready v = %d, want 9 (the version discordgo asks for)", s.State.Version)
	}

	g := receive(t, guilds)
	if g.ID != discordfake.DefaultGuildID || len(g.Channels) != 2 || len(g.Members) != 3 || len(g.Roles) != 2 {
		t.Fatalf("guild create = %s channels %d members %d roles %d", g.ID, len(g.Channels), len(g.Members), len(g.Roles))
	}
	ch, err := s.State.Channel(discordfake.DefaultChannelID)
	if err != nil || ch.GuildID != discordfake.DefaultGuildID || ch.Name != "general" {
		t.Fatalf("state channel = %+v, %v", ch, err)
	}
	perms, err := s.State.UserChannelPermissions(discordfake.DefaultBotID, discordfake.DefaultChannelID)
	if err != nil || perms&discordgo.PermissionSendMessages == 0 || perms&discordgo.PermissionManageThreads == 0 {
		t.Fatalf("bot permissions from state = %b, %v", perms, err)
	}

	ss := srv.Sessions()
	if len(ss) != 1 || !ss[0].Connected || ss[0].Seq != 2 {
		t.Fatalf("sessions = %+v, want one connected at seq 2 (READY, GUILD_CREATE)", ss)
	}

	// A guild added at run time arrives as GUILD_CREATE.
	srv.AddGuild(discordfake.Guild{ID: "2200000000000000001", Name: "Study group", OwnerID: discordfake.OtherUserID,
		Channels: []discordfake.Channel{{ID: "2200000000000000010", Name: "daily"}},
		Members:  []discordfake.Member{{User: discordfake.User{ID: discordfake.OtherUserID, Username: "bob"}}}})
	if g := receive(t, guilds); g.Name != "Study group" || len(g.Members) != 2 || len(g.Roles) != 1 {
		t.Fatalf("added guild = %s, %d members, %d roles", g.Name, len(g.Members), len(g.Roles))
	}
}

func TestHeartbeatsAreAcked(t *testing.T) {
	t.Parallel()
	srv := newServer(t, discordfake.WithHeartbeatInterval(20*time.Millisecond))
	s := openSession(t, srv, discordgo.IntentsGuilds, nil)
	ctx := testContext(t)
	if err := srv.WaitHeartbeats(ctx, 3); err != nil {
		t.Fatal(err)
	}
	s.RLock()
	acked := s.LastHeartbeatAck.After(s.LastHeartbeatSent.Add(-time.Second))
	s.RUnlock()
	if !acked {
		t.Error("discordgo saw no heartbeat ACK")
	}
	before := srv.Heartbeats()
	if srv.RequestHeartbeat() != 1 {
		t.Fatal("RequestHeartbeat reached no connection")
	}
	if err := srv.WaitHeartbeats(ctx, before+1); err != nil {
		t.Fatal(err)
	}
}

// TestReconnectAndResume drops the connection, sends RECONNECT and
// INVALID_SESSION, and checks that discordgo resumes (or re-identifies) and
// that events dispatched while it was away are delivered.
func TestReconnectAndResume(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	msgs := make(chan *discordgo.MessageCreate, 16)
	readies := make(chan *discordgo.Ready, 4)
	resumed := make(chan *discordgo.Resumed, 4)
	intents := discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsMessageContent
	s := openSession(t, srv, intents, func(s *discordgo.Session) {
		s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { msgs <- m })
		s.AddHandler(func(_ *discordgo.Session, r *discordgo.Resumed) { resumed <- r })
	})
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) { readies <- r })
	ctx := testContext(t)

	// An abrupt drop: discordgo notices the read error, reconnects and
	// resumes; the message posted meanwhile is replayed. Each drop waits
	// for discordgo's first heartbeat on the connection: a connection that
	// fails before it makes the late heartbeat goroutine close the next
	// connection too (bwmarrin/discordgo#406), losing events sent to it.
	if err := srv.WaitHeartbeats(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if srv.DropConnections() != 1 {
		t.Fatal("no connection to drop")
	}
	if _, err := srv.PostMessage(discordfake.IncomingMessage{ChannelID: discordfake.DefaultChannelID, Content: "while away"}); err != nil {
		t.Fatal(err)
	}
	if err := srv.WaitResumes(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if m := receive(t, msgs); m.Content != "while away" {
		t.Fatalf("replayed message = %q", m.Content)
	}
	receive(t, resumed)

	// Op 7 RECONNECT: discordgo closes with 1012 and resumes.
	if err := srv.WaitHeartbeats(ctx, 2); err != nil {
		t.Fatal(err)
	}
	if srv.SendReconnect() != 1 {
		t.Fatal("no connection for RECONNECT")
	}
	if err := srv.WaitResumes(ctx, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.PostMessage(discordfake.IncomingMessage{ChannelID: discordfake.DefaultChannelID, Content: "after reconnect"}); err != nil {
		t.Fatal(err)
	}
	if m := receive(t, msgs); m.Content != "after reconnect" {
		t.Fatalf("message after reconnect = %q", m.Content)
	}

	// Op 9 INVALID_SESSION (not resumable): discordgo identifies again on
	// the same connection and gets a new READY.
	if srv.SendInvalidSession(false) != 1 {
		t.Fatal("no connection for INVALID_SESSION")
	}
	r := receive(t, readies)
	if _, err := srv.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	ids := srv.Identifies()
	if len(ids) != 2 || r.SessionID != ids[1].SessionID {
		t.Fatalf("identifies = %+v, ready session %s", ids, r.SessionID)
	}
	if _, err := srv.PostMessage(discordfake.IncomingMessage{ChannelID: discordfake.DefaultChannelID, Content: "new session"}); err != nil {
		t.Fatal(err)
	}
	if m := receive(t, msgs); m.Content != "new session" {
		t.Fatalf("message on new session = %q", m.Content)
	}

	// Close sends 1000: the session ends and cannot be resumed.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	err := srv.Wait(ctx, func() bool {
		for _, gs := range srv.Sessions() {
			if !gs.Invalid || gs.Connected {
				return false
			}
		}
		return true
	})
	if err != nil {
		t.Fatalf("sessions after Close: %+v: %v", srv.Sessions(), err)
	}
	if _, err := srv.PostMessage(discordfake.IncomingMessage{ChannelID: discordfake.DefaultChannelID, Content: "x"}); err == nil {
		t.Error("PostMessage after Close: want ErrNoSession")
	}
}

func TestIdentifyWithWrongTokenFails(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	s := restSession(t, srv)
	s.Identify.Token = "Bot wrong" // REST uses the right token, IDENTIFY not
	s.ShouldReconnectOnError = false
	if err := s.Open(); err == nil {
		_ = s.Close()
		t.Fatal("Open with a wrong token succeeded")
	}
	ids := srv.Identifies()
	if len(ids) != 1 || ids[0].CloseCode != discordfake.CloseAuthenticationFailed {
		t.Fatalf("identifies = %+v, want one closed with 4004", ids)
	}
}

func TestDisallowedIntentFails(t *testing.T) {
	t.Parallel()
	srv := newServer(t, discordfake.WithAllowedPrivilegedIntents(0))
	s := restSession(t, srv)
	s.ShouldReconnectOnError = false
	s.Identify.Intents = discordgo.IntentsGuildMessages | discordgo.IntentsMessageContent
	if err := s.Open(); err == nil {
		_ = s.Close()
		t.Fatal("Open with a disallowed intent succeeded")
	}
	if ids := srv.Identifies(); len(ids) != 1 || ids[0].CloseCode != discordfake.CloseDisallowedIntents {
		t.Fatalf("identifies = %+v, want one closed with 4014", ids)
	}
}
