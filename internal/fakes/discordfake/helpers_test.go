package discordfake_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

const testToken = "test-token"

// newServer starts a fake closed at the end of the test.
func newServer(t *testing.T, opts ...discordfake.Option) *discordfake.Server {
	t.Helper()
	srv := discordfake.New(testToken, opts...)
	t.Cleanup(srv.Close)
	return srv
}

// restSession is a discordgo session pointed at srv, without a gateway
// connection: enough for REST calls.
func restSession(t *testing.T, srv *discordfake.Server) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New("Bot " + srv.Token())
	if err != nil {
		t.Fatalf("discordgo.New: %v", err)
	}
	s.Client = srv.HTTPClient()
	return s
}

// openSession opens a gateway session with intents and waits for READY.
// setup runs before Open, to add handlers. The session is closed at the end
// of the test (discordgo's Close sleeps 1 s, so tests run in parallel).
func openSession(t *testing.T, srv *discordfake.Server, intents discordgo.Intent, setup func(*discordgo.Session)) *discordgo.Session {
	t.Helper()
	s := restSession(t, srv)
	s.Identify.Intents = intents
	ready := make(chan *discordgo.Ready, 4)
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) { ready <- r })
	if setup != nil {
		setup(s)
	}
	if err := s.Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { closeAll(s) })
	select {
	case <-ready:
	case <-time.After(5 * time.Second):
		t.Fatal("no READY")
	}
	return s
}

// closeAll closes sessions concurrently, paying discordgo's 1 s close sleep
// once.
func closeAll(sessions ...*discordgo.Session) {
	var wg sync.WaitGroup
	for _, s := range sessions {
		wg.Add(1)
		// discordgo's heartbeat goroutine can race with Close and start
		// a reconnect; turning reconnects off first prevents that.
		s.ShouldReconnectOnError = false
		go func() {
			defer wg.Done()
			_ = s.Close()
		}()
	}
	wg.Wait()
}

// testContext is a context bounded by a few seconds.
func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// receive waits for one value from ch.
func receive[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(5 * time.Second):
		var zero T
		t.Fatalf("timed out waiting for %T", zero)
		return zero
	}
}

// restCode returns the HTTP status and Discord JSON code of a REST error.
func restCode(t *testing.T, err error) (int, int) {
	t.Helper()
	var re *discordgo.RESTError
	if !errors.As(err, &re) {
		t.Fatalf("error %v (%T) is not a *discordgo.RESTError", err, err)
	}
	code := -1
	if re.Message != nil {
		code = re.Message.Code
	}
	return re.Response.StatusCode, code
}

// httpRequest builds a request carrying the test bot token.
func httpRequest(method, url string) (*http.Request, error) {
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bot "+testToken)
	return req, nil
}
