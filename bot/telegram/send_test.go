package telegram_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf16"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/telegram"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// aliceChat is Alice's private chat as the core knows it.
var aliceChat = bot.Chat{Platform: bot.Telegram, ID: "1001", Kind: bot.Private}

// sendOnce sends a reply with Send and returns the message id.
func sendOnce(t *testing.T, a *telegram.Adapter, chat bot.Chat, r bot.Reply) string {
	t.Helper()
	id, err := a.Send(waitCtx(t), chat, r)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	return id
}

func TestSendRetries429(t *testing.T) {
	srv := newServer(t)
	srv.AddChat(dm)
	a, _ := newAdapter(t, srv, nil)
	srv.Fail("sendMessage", 1, telegramfake.TooManyRequests(1))
	begin := time.Now()
	id := sendOnce(t, a, aliceChat, bot.Reply{Text: bot.TextOf("after the flood")})
	if d := time.Since(begin); d < 900*time.Millisecond {
		t.Errorf("retried after %v, want retry_after (1 s)", d)
	}
	msgs := srv.Messages(alice.ID)
	if len(msgs) != 1 || strconv.Itoa(msgs[0].MessageID) != id || srv.CallCount("sendMessage") != 2 {
		t.Errorf("messages %+v, id %q, calls %d", msgs, id, srv.CallCount("sendMessage"))
	}
}

func TestSendRetriesServerErrors(t *testing.T) {
	srv := newServer(t)
	srv.AddChat(dm)
	a, _ := newAdapter(t, srv, nil)
	srv.Fail("sendMessage", 1, telegramfake.ServerError(502))
	srv.Fail("sendMessage", 1, telegramfake.ProxyError(503))
	srv.Fail("sendMessage", 1, telegramfake.ResetConnection())
	sendOnce(t, a, aliceChat, bot.Reply{Text: bot.TextOf("eventually")})
	if n := srv.CallCount("sendMessage"); n != 4 || len(srv.Messages(alice.ID)) != 1 {
		t.Errorf("%d calls, %d messages; want 4 calls, 1 message", n, len(srv.Messages(alice.ID)))
	}
}

func TestSendGivesUp(t *testing.T) {
	srv := newServer(t)
	srv.AddChat(dm)
	a, logs := newAdapter(t, srv, nil)
	srv.Fail("sendMessage", -1, telegramfake.ServerError(500))
	_, err := a.Send(waitCtx(t), aliceChat, bot.Reply{Text: bot.TextOf("never")})
	var ae *telegram.APIError
	if !errors.As(err, &ae) || ae.Code != 500 || errors.Is(err, bot.ErrUndeliverable) {
		t.Errorf("err = %v, want a 500 APIError that may succeed later", err)
	}
	if n := srv.CallCount("sendMessage"); n != 5 {
		t.Errorf("%d attempts, want 5", n)
	}
	assertNoToken(t, "error", err.Error())
	assertNoToken(t, "logs", logs.String())

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := a.Send(ctx, aliceChat, bot.Reply{Text: bot.TextOf("x")}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Send = %v, want context.Canceled", err)
	}
}

func TestSendUndeliverable(t *testing.T) {
	srv := newServer(t)
	srv.AddChat(dm)
	srv.SetBlocked(alice.ID, true)
	srv.SetMember(group, srv.Bot(), telegramfake.StatusKicked)
	a, _ := newAdapter(t, srv, nil)
	for _, chat := range []bot.Chat{
		aliceChat, // blocked: 403
		{Platform: bot.Telegram, ID: strconv.FormatInt(group.ID, 10), Kind: bot.Group}, // kicked: 403
		{Platform: bot.Telegram, ID: "4242", Kind: bot.Private},                        // chat not found: 400
		{Platform: bot.Telegram, ID: "not-a-number"},
		{Platform: bot.Discord, ID: "1001"},
	} {
		_, err := a.Send(waitCtx(t), chat, bot.Reply{Text: bot.TextOf("hello")})
		if !errors.Is(err, bot.ErrUndeliverable) {
			t.Errorf("chat %s: err = %v, want ErrUndeliverable", chat.Key(), err)
		}
	}
	if n := srv.CallCount("sendMessage"); n != 3 {
		t.Errorf("%d sendMessage calls, want 3 (permanent errors are not retried)", n)
	}
	if _, err := a.Send(waitCtx(t), aliceChat, bot.Reply{}); !errors.Is(err, bot.ErrUndeliverable) {
		t.Errorf("empty reply: err = %v", err)
	}
}

// visible returns s without whitespace, to compare texts across cuts.
func visible(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func TestSendSplitsLongMessages(t *testing.T) {
	srv := newServer(t)
	srv.AddChat(dm)
	a, _ := newAdapter(t, srv, nil)
	var text bot.Text
	for i := range 12 {
		text.Add(bot.B("Point "+strconv.Itoa(i)+": "), bot.P(strings.Repeat("备份与恢复的要点，数据丢失窗口。", 40)))
		text.AddQuote(bot.I(strings.Repeat("Recovery time bounds the outage. ", 10)))
		text.Blank()
	}
	text.Add(bot.C(strings.Repeat("x", 5000)))
	kb := [][]bot.Button{{{Label: "Next", Action: "next"}}}
	id := sendOnce(t, a, aliceChat, bot.Reply{Text: text, Buttons: kb})

	msgs := srv.Messages(alice.ID)
	if len(msgs) < 4 {
		t.Fatalf("%d messages, want ≥ 4", len(msgs))
	}
	var all strings.Builder
	for i, m := range msgs {
		if n := len(utf16.Encode([]rune(m.PlainText))); n >= 4096 {
			t.Errorf("message %d: %d UTF-16 units", i, n)
		}
		if m.ParseMode != "HTML" {
			t.Errorf("message %d: parse mode %q", i, m.ParseMode)
		}
		if (m.Keyboard != nil) != (i == len(msgs)-1) {
			t.Errorf("message %d: keyboard %v (want it on the last message only)", i, m.Keyboard)
		}
		all.WriteString(m.PlainText)
	}
	want := strings.ReplaceAll(text.Plain(), "> ", "")
	if visible(all.String()) != visible(want) {
		t.Error("the messages do not make up the text in order")
	}
	if id != strconv.Itoa(msgs[len(msgs)-1].MessageID) {
		t.Errorf("Send returned %s, want the last message %d", id, msgs[len(msgs)-1].MessageID)
	}
}

// hostile is user text that breaks careless HTML rendering.
const hostile = `<b>not bold</b> & <script>alert("x")</script> &amp; &lt; <a href="javascript:x">link</a> 😀👨‍👩‍👧 'q' "q" \ </blockquote>`

func TestHostileTextIsEscaped(t *testing.T) {
	srv := newServer(t)
	r := newScripted()
	r.handle = func(_ context.Context, ev bot.Event) []bot.Reply {
		var echo bot.Text
		echo.Add(bot.P(ev.Text))
		echo.Add(bot.B(ev.Text), bot.I(ev.Text), bot.C(ev.Text), bot.Span{Text: ev.Text, Style: bot.Spoiler})
		echo.AddQuote(bot.P(ev.Text))
		return []bot.Reply{{Text: echo, Buttons: [][]bot.Button{{{Label: ev.Text[:20], Action: "x"}}}}}
	}
	start(t, srv, r, nil)
	srv.SendText(dm, alice, hostile)
	msgs, err := srv.WaitMessages(waitCtx(t), alice.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := hostile + "\n" + strings.Repeat(hostile, 4) + "\n" + hostile
	if msgs[0].PlainText != want {
		t.Errorf("user sees\n%q\nwant\n%q", msgs[0].PlainText, want)
	}

	// 5,000 characters of it are split and still shown as typed.
	long := strings.Repeat(hostile, 5000/len([]rune(hostile))+1)
	srv.SendText(dm, alice, long)
	msgs, err = srv.WaitMessages(waitCtx(t), alice.ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	for _, m := range msgs[1:] {
		got.WriteString(m.PlainText)
	}
	if !strings.HasPrefix(visible(got.String()), visible(long)) {
		t.Error("the long hostile text does not come back as typed")
	}
}

func TestInvalidUTF8IsReplaced(t *testing.T) {
	srv := newServer(t)
	srv.AddChat(dm)
	a, _ := newAdapter(t, srv, nil)
	sendOnce(t, a, aliceChat, bot.Reply{Text: bot.TextOf("cut \xe6\x95 in the middle\x00")})
	if m, _ := srv.LastMessage(alice.ID); m.PlainText != "cut \uFFFD in the middle" {
		t.Errorf("user sees %q", m.PlainText)
	}
}

func TestRejectedHTMLFallsBackToPlainText(t *testing.T) {
	srv := newServer(t)
	srv.AddChat(dm)
	a, logs := newAdapter(t, srv, nil)
	srv.Fail("sendMessage", 1, telegramfake.ErrorResponse(400, `Bad Request: can't parse entities: Unsupported start tag "x" at byte offset 0`))
	var text bot.Text
	text.Add(bot.B("Reference"), bot.P(" answer"))
	text.AddQuote(bot.P("quoted"))
	sendOnce(t, a, aliceChat, bot.Reply{Text: text})
	m, _ := srv.LastMessage(alice.ID)
	if m.ParseMode != "" || m.Text != text.Plain() {
		t.Errorf("fallback = %q in mode %q, want %q without parse mode", m.Text, m.ParseMode, text.Plain())
	}
	if !strings.Contains(logs.String(), "sending plain text") {
		t.Error("the fallback is not logged")
	}
}

func TestEdit(t *testing.T) {
	srv := newServer(t)
	srv.AddChat(dm)
	a, _ := newAdapter(t, srv, nil)
	kb := [][]bot.Button{{{Label: "Hint", Action: "hint"}}}
	id := sendOnce(t, a, aliceChat, bot.Reply{Text: bot.TextOf("question"), Buttons: kb})

	// The same content again: "message is not modified" is success.
	if got := sendOnce(t, a, aliceChat, bot.Reply{Text: bot.TextOf("question"), Buttons: kb, Edit: id}); got != id {
		t.Errorf("unchanged edit returned %s, want %s", got, id)
	}
	if got := sendOnce(t, a, aliceChat, bot.Reply{Text: bot.TextOf("question (answered)"), Edit: id}); got != id {
		t.Errorf("edit returned %s, want %s", got, id)
	}
	n, _ := strconv.Atoi(id)
	if m, _ := srv.Message(alice.ID, n); m.PlainText != "question (answered)" || m.Keyboard != nil {
		t.Errorf("edited message = %q with keyboard %v", m.PlainText, m.Keyboard)
	}
	// A message that cannot be edited (gone): a new message instead.
	if got := sendOnce(t, a, aliceChat, bot.Reply{Text: bot.TextOf("new"), Edit: "999"}); got == id || len(srv.Messages(alice.ID)) != 2 {
		t.Errorf("edit of a missing message returned %s; %d messages", got, len(srv.Messages(alice.ID)))
	}
}

func TestAttachments(t *testing.T) {
	srv := newServer(t)
	srv.AddChat(dm)
	a, _ := newAdapter(t, srv, nil)
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	kb := [][]bot.Button{{{Label: "OK", Action: "ok"}}}
	sendOnce(t, a, aliceChat, bot.Reply{
		Text:       bot.Text{{Spans: []bot.Span{bot.B("Your data"), bot.P(" <json>")}}},
		Attachment: &bot.Attachment{Name: "export.json", MIME: "application/json", Data: []byte(`{"a":1}`)},
		Buttons:    kb,
	})
	sendOnce(t, a, aliceChat, bot.Reply{Text: bot.TextOf("chart"), Attachment: &bot.Attachment{Name: "chart.png", MIME: "image/png", Data: img.Bytes()}})
	sendOnce(t, a, aliceChat, bot.Reply{Text: bot.TextOf(strings.Repeat("long caption ", 100)), Attachment: &bot.Attachment{Name: "x.txt", MIME: "text/plain", Data: []byte("x")}})

	msgs := srv.Messages(alice.ID)
	if len(msgs) != 4 {
		t.Fatalf("%d messages, want 4", len(msgs))
	}
	if m := msgs[0]; m.Method != "sendDocument" || m.PlainText != "Your data <json>" || m.Document == nil || string(m.Document.Data) != `{"a":1}` || m.Keyboard == nil {
		t.Errorf("document = %+v", m)
	}
	if m := msgs[1]; m.Method != "sendPhoto" || m.PlainText != "chart" {
		t.Errorf("photo = %+v", m)
	}
	if msgs[2].Method != "sendMessage" || msgs[3].Method != "sendDocument" || msgs[3].PlainText != "" {
		t.Errorf("long caption: %s %q then %s %q", msgs[2].Method, msgs[2].PlainText, msgs[3].Method, msgs[3].PlainText)
	}
}

// TestRateLimits checks that the per-chat limit paces sends so that a
// Telegram-like flood control never answers 429.
func TestRateLimits(t *testing.T) {
	srv := newServer(t, telegramfake.WithRateLimit(telegramfake.RateLimit{PerChat: telegramfake.Limit{N: 1, Per: 100 * time.Millisecond}}))
	srv.AddChat(dm)
	a, _ := newAdapter(t, srv, func(c *telegram.Config) { c.Limits.PerChat = 8 })
	begin := time.Now()
	for i := range 5 {
		sendOnce(t, a, aliceChat, bot.Reply{Text: bot.TextOf("message " + strconv.Itoa(i))})
	}
	if d := time.Since(begin); d < 450*time.Millisecond {
		t.Errorf("5 messages in %v at 8/s", d)
	}
	if n := srv.CallCount("sendMessage"); n != 5 {
		t.Errorf("%d sendMessage calls for 5 messages: the limiter let a 429 happen", n)
	}
}
