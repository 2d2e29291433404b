package telegram_test

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/telegram"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
	"github.com/interviewbot/interviewbot/internal/testkit"
)

// token is the bot token of the tests; its secret part must never show up
// in logs or errors.
const token = "123456:SECRET-token_abcdefXYZ"

// The people and chats of the tests.
var (
	alice = telegramfake.User{ID: 1001, FirstName: "Alice", LastName: "Liddell", Username: "alice", LanguageCode: "zh-hans"}
	bob   = telegramfake.User{ID: 1002, FirstName: "Bob", Username: "bob", LanguageCode: "en"}
	carol = telegramfake.User{ID: 1003, Username: "carol"}
	dm    = telegramfake.PrivateChat(alice)
	group = telegramfake.Supergroup(-1001234567890, "Study group")
)

// fastRetry keeps retry tests short.
var fastRetry = telegram.RetryPolicy{
	MaxTries: 5, BaseDelay: 10 * time.Millisecond, MaxDelay: 50 * time.Millisecond,
	MaxElapsed: 10 * time.Second, AttemptTimeout: 5 * time.Second,
}

// newServer starts a fake Bot API in strict HTML mode.
func newServer(t *testing.T, opts ...telegramfake.Option) *telegramfake.Server {
	t.Helper()
	srv := telegramfake.New(token, append([]telegramfake.Option{telegramfake.WithStrictHTML()}, opts...)...)
	t.Cleanup(srv.Close)
	return srv
}

// testConfig returns a configuration for the fake with generous limits and
// a debug logger writing to logs.
func testConfig(srv *telegramfake.Server, logs *testkit.SyncBuffer) telegram.Config {
	return telegram.Config{
		Token:       token,
		APIEndpoint: srv.Endpoint(),
		Limits:      telegram.Limits{Global: 1000, PerChat: 1000, PerGroup: 60000},
		Logger:      slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
}

// newAdapter returns an adapter for the fake; edit may change the
// configuration first.
func newAdapter(t *testing.T, srv *telegramfake.Server, edit func(*telegram.Config), opts ...telegram.Option) (*telegram.Adapter, *testkit.SyncBuffer) {
	t.Helper()
	logs := &testkit.SyncBuffer{}
	cfg := testConfig(srv, logs)
	if edit != nil {
		edit(&cfg)
	}
	opts = append([]telegram.Option{telegram.WithRetryPolicy(fastRetry), telegram.WithDrainTimeout(2 * time.Second)}, opts...)
	a, err := telegram.New(cfg, opts...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { assertNoToken(t, "logs", logs.String()) })
	return a, logs
}

// running is an adapter running in the background.
type running struct {
	t      *testing.T
	a      *telegram.Adapter
	logs   *testkit.SyncBuffer
	cancel context.CancelFunc
	done   chan error
}

// start runs an adapter with the replier against the fake and waits until
// it long-polls. It is stopped at the end of the test. Any bot.Replier can
// be plugged in, the real core included.
func start(t *testing.T, srv *telegramfake.Server, r bot.Replier, edit func(*telegram.Config), opts ...telegram.Option) *running {
	t.Helper()
	h := launch(t, srv, r, edit, opts...)
	if err := srv.WaitPolling(waitCtx(t)); err != nil {
		t.Fatalf("adapter does not poll: %v\nlogs:\n%s", err, h.logs.String())
	}
	return h
}

// launch runs an adapter in the background without waiting for it.
func launch(t *testing.T, srv *telegramfake.Server, r bot.Replier, edit func(*telegram.Config), opts ...telegram.Option) *running {
	t.Helper()
	a, logs := newAdapter(t, srv, edit, opts...)
	ctx, cancel := context.WithCancel(context.Background())
	h := &running{t: t, a: a, logs: logs, cancel: cancel, done: make(chan error, 1)}
	go func() { h.done <- a.Run(ctx, r) }()
	t.Cleanup(func() { h.stop() })
	return h
}

// stop cancels Run and returns its error; Run must return within 3 s.
func (h *running) stop() error {
	h.t.Helper()
	h.cancel()
	select {
	case err := <-h.done:
		h.done <- err // later calls see it too
		return err
	case <-time.After(3 * time.Second):
		h.t.Fatalf("Run did not return within 3 s of the cancel")
		return nil
	}
}

// waitCtx returns a context for waiting on the fake, ending with the test
// or after 10 s.
func waitCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// assertNoToken fails when s contains the token or its secret part.
func assertNoToken(t *testing.T, what, s string) {
	t.Helper()
	_, secret, _ := strings.Cut(token, ":")
	if strings.Contains(s, token) || strings.Contains(s, secret) {
		t.Errorf("%s contain the token:\n%s", what, s)
	}
}

// sentCall is one call of Replier.Sent.
type sentCall struct {
	Chat      bot.Chat
	Track     string
	MessageID string
}

// scripted is a small stand-in for the core: /next asks a question with
// buttons and Track, a text answer edits the question message and gets
// feedback, a button press is acknowledged, other commands get an info
// reply. handle, when set, replaces the script.
type scripted struct {
	handle func(ctx context.Context, ev bot.Event) []bot.Reply

	mu     sync.Mutex
	events []bot.Event
	sent   []sentCall
	evCh   chan bot.Event
}

// newScripted returns the scripted replier.
func newScripted() *scripted { return &scripted{evCh: make(chan bot.Event, 100)} }

// Handle records the event and answers it.
func (s *scripted) Handle(ctx context.Context, ev bot.Event) []bot.Reply {
	s.mu.Lock()
	s.events = append(s.events, ev)
	s.mu.Unlock()
	select {
	case s.evCh <- ev:
	default:
	}
	if s.handle != nil {
		return s.handle(ctx, ev)
	}
	return s.script(ev)
}

// Sent records a tracked message.
func (s *scripted) Sent(_ context.Context, chat bot.Chat, track, messageID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, sentCall{Chat: chat, Track: track, MessageID: messageID})
}

// question returns the id of the last question tracked in a chat.
func (s *scripted) question(chat bot.Chat) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.sent) - 1; i >= 0; i-- {
		if s.sent[i].Chat.ID == chat.ID {
			return s.sent[i].MessageID
		}
	}
	return ""
}

// sentCalls returns the Sent calls so far.
func (s *scripted) sentCalls() []sentCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sentCall(nil), s.sent...)
}

// allEvents returns the events so far.
func (s *scripted) allEvents() []bot.Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]bot.Event(nil), s.events...)
}

// next waits for the next event.
func (s *scripted) next(t *testing.T) bot.Event {
	t.Helper()
	select {
	case ev := <-s.evCh:
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s")
		return bot.Event{}
	}
}

// questionText is the question /next asks.
const questionText = "Q1. What are RPO & RTO? <explain>"

// script is the default behaviour.
func (s *scripted) script(ev bot.Event) []bot.Reply {
	switch ev.Kind {
	case bot.EventCommand:
		if ev.Command != "next" {
			return []bot.Reply{{Text: bot.TextOf("ok /" + ev.Command + " " + ev.Args)}}
		}
		var q bot.Text
		q.Add(bot.B("Q1. "), bot.P("What are RPO & RTO? <explain>"))
		return []bot.Reply{{
			Text: q, Kind: bot.KindQuestion, Track: "q1",
			Buttons: [][]bot.Button{
				{{Label: "Hint", Action: "hint:q1"}, {Label: "Answer", Action: "form:q1", Form: true}},
				{{Label: "Skip", Action: "skip:q1"}, {Label: "Reveal", Action: "reveal:q1"}},
			},
		}}
	case bot.EventMessage:
		var replies []bot.Reply
		if q := s.question(ev.Chat); q != "" {
			replies = append(replies, bot.Reply{Edit: q, Text: bot.TextOf(questionText + " (answered)")})
		}
		var fb bot.Text
		fb.Add(bot.B("Coverage 50%"), bot.P(" — you wrote: "), bot.C(ev.Text))
		fb.Blank()
		fb.AddQuote(bot.P("RPO bounds the data lost; RTO bounds the downtime."))
		replies = append(replies, bot.Reply{
			Text: fb, Kind: bot.KindFeedback, ReplyTo: ev.MessageID,
			Buttons: [][]bot.Button{{{Label: "Again", Action: "rate:1"}, {Label: "Good", Action: "rate:3", Suggested: true}}},
		})
		return replies
	case bot.EventAction:
		return []bot.Reply{{Text: bot.TextOf("pressed " + ev.Action)}}
	}
	return nil
}
