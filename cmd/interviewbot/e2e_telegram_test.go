package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// TestBinaryOnTelegram runs the bot as a process (Main, through main), configured by file with the
// token from the environment, against the fake Bot API: /start, /next,
// an answer as a reply to the question, the question edited, feedback with
// coverage, a rating button, hostile text, then SIGTERM within seconds.
func TestBinaryOnTelegram(t *testing.T) {
	const token = "424242:e2e-SECRET-token"
	srv := telegramfake.New(token, telegramfake.WithStrictHTML())
	defer srv.Close()
	t.Setenv("IB_TELEGRAM_TOKEN", token)
	metricsAddr := freeAddr(t)
	p := startBinary(t, fmt.Sprintf(`
telegram:
  token: ${IB_TELEGRAM_TOKEN}
  api_endpoint: %s
  poll_timeout: 2s
metrics:
  listen: %s
log:
  level: debug
`, srv.Endpoint(), metricsAddr))
	ctx := e2eContext(t)
	if err := srv.WaitCalls(ctx, "getUpdates", 1); err != nil {
		t.Fatalf("no polling: %v\n%s", err, p.stderr.String())
	}
	ada := telegramfake.User{ID: 7001, FirstName: "Ada", LanguageCode: "zh-hans"}
	chat := telegramfake.PrivateChat(ada)
	wait := func(n int) []telegramfake.SentMessage {
		t.Helper()
		ms, err := srv.WaitMessages(ctx, chat.ID, n)
		if err != nil {
			t.Fatalf("waiting for message %d: %v\n%s", n, err, p.stderr.String())
		}
		return ms
	}

	srv.SendCommand(chat, ada, "start", "")
	if ms := wait(1); !strings.Contains(ms[0].PlainText, "模拟面试官") {
		t.Errorf("greeting %q", ms[0].PlainText)
	}
	srv.SendCommand(chat, ada, "next", "")
	q := wait(2)[1]
	if !strings.Contains(q.PlainText, "四月份离职之后都在做什么") || len(q.Keyboard) == 0 {
		t.Fatalf("question %+v", q)
	}
	if _, err := srv.SendReply(chat, ada, q.MessageID, "离职后我完成了学业收尾，又系统提升了云计算迁移方向的全链路知识面和云原生运维自动化。"); err != nil {
		t.Fatal(err)
	}
	fb := wait(3)[2]
	if !strings.Contains(fb.PlainText, "覆盖 3/4") || !strings.Contains(fb.PlainText, "参考答案") {
		t.Errorf("feedback %q", fb.PlainText)
	}
	if edited, _ := srv.Message(chat.ID, q.MessageID); !edited.Edited || len(edited.Keyboard) != 0 || !strings.Contains(edited.PlainText, "已作答") {
		t.Errorf("question after the answer: %+v", edited)
	}
	var easy string
	for _, row := range fb.Keyboard {
		for _, b := range row {
			if strings.HasSuffix(b.CallbackData, ":4") {
				easy = b.CallbackData
			}
		}
	}
	qid, err := srv.PressButton(chat, ada, fb.MessageID, easy)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.WaitCallbackAnswer(ctx, qid); err != nil {
		t.Errorf("callback not answered: %v", err)
	}
	if ms := wait(4); !strings.Contains(ms[3].PlainText, "记为「简单」") {
		t.Errorf("rating reply %q", ms[3].PlainText)
	}
	// Hostile text is rendered safely (strict HTML in the fake).
	srv.SendCommand(chat, ada, "next", "")
	wait(5)
	srv.SendText(chat, ada, "<b>unclosed & <script>alert(1)</script> 😀 "+strings.Repeat("很长的回答", 1000))
	// The question is edited in place; the feedback is the one new message.
	if ms := wait(6); !strings.Contains(ms[5].PlainText, "覆盖") {
		t.Errorf("no feedback to hostile text: %q", ms[5].PlainText)
	}

	// Operations: health and metrics.
	if body := httpGet(t, "http://"+metricsAddr+"/healthz"); strings.TrimSpace(body) != "ok" {
		t.Errorf("/healthz: %q", body)
	}
	metrics := httpGet(t, "http://"+metricsAddr+"/metrics")
	for _, want := range []string{
		`interviewbot_updates_handled_total{kind="command",platform="telegram"} 3`,
		`interviewbot_updates_handled_total{kind="message",platform="telegram"} 2`,
		`interviewbot_updates_handled_total{kind="action",platform="telegram"} 1`,
		"interviewbot_outbox_depth 0",
		"interviewbot_update_handling_seconds_bucket",
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}

	if d := p.stop(); d > 5*time.Second {
		t.Errorf("SIGTERM took %v", d)
	}
	if strings.Contains(p.stderr.String(), "e2e-SECRET-token") {
		t.Error("the token appears in the logs")
	}
}

// freeAddr returns a loopback address with a free port.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// httpGet fetches a URL on loopback and returns its body.
func httpGet(t *testing.T, url string) string {
	t.Helper()
	c := http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}
