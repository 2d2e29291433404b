package telegram_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot/telegram"
)

// slowLimits are webhook server limits short enough for tests.
var slowLimits = telegram.ServerLimits{
	ReadHeader: 500 * time.Millisecond, Read: time.Second, Write: 2 * time.Second, Idle: time.Second,
	MaxHeaderBytes: 4 << 10, MaxConns: 3,
}

// webhookOn runs the adapter in webhook mode on a loopback listener with
// the limits, and returns the listener's address and the hook's path.
func webhookOn(t *testing.T, limits telegram.ServerLimits) (addr, path string) {
	t.Helper()
	srv := newServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hookURL := "http://" + ln.Addr().String() + "/tg/hook"
	launch(t, srv, newScripted(), func(c *telegram.Config) {
		c.Mode = telegram.ModeWebhook
		c.Webhook = telegram.Webhook{Listen: ln.Addr().String(), URL: hookURL, SecretToken: "s3cret"}
	}, telegram.WithListener(ln), telegram.WithServerLimits(limits))
	waitFor(t, srv, func() bool { return srv.WebhookURL() == hookURL })
	return ln.Addr().String(), "/tg/hook"
}

// closedWithin reports whether the server closes conn within d, reading
// (and discarding) what it sends meanwhile.
func closedWithin(conn net.Conn, d time.Duration) bool {
	conn.SetReadDeadline(time.Now().Add(d))
	_, err := io.Copy(io.Discard, conn)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		return false
	}
	return true
}

// trickle writes the request head, then one byte of body every 100 ms
// until the connection fails or stop is closed.
func trickle(conn net.Conn, head string, stop <-chan struct{}) {
	io.WriteString(conn, head)
	for {
		select {
		case <-stop:
			return
		case <-time.After(100 * time.Millisecond):
			if _, err := conn.Write([]byte("{")); err != nil {
				return
			}
		}
	}
}

// Clients that trickle a request body (with the secret or without it),
// trickle the header, or keep an idle connection are let go after the
// server's timeouts. Before, only the header had a timeout: a trickled
// body or an idle keep-alive held a connection (and a file descriptor)
// forever.
func TestWebhookLetsSlowClientsGo(t *testing.T) {
	addr, path := webhookOn(t, slowLimits)
	for _, tc := range []struct {
		name, head string
	}{
		{"body without the secret", "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"},
		{"body with the secret", "POST " + path + " HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: s3cret\r\nContent-Length: 100000\r\n\r\n"},
		{"header", "POST " + path + " HTTP/1.1\r\nHost: x\r\n"},
	} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		stop := make(chan struct{})
		go trickle(conn, tc.head, stop)
		if !closedWithin(conn, 3*time.Second) {
			t.Errorf("%s: the connection is still open after 3 s (read timeout 1 s)", tc.name)
		}
		close(stop)
		conn.Close()
	}

	// An idle keep-alive connection after a request.
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET "+path+" HTTP/1.1\r\nHost: x\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d", resp.StatusCode)
	}
	if !closedWithin(conn, 3*time.Second) {
		t.Error("an idle keep-alive connection is still open after 3 s (idle timeout 1 s)")
	}
}

// No more than MaxConns connections are served at once: a request on a
// connection beyond the cap waits until one of the others is let go.
func TestWebhookConnectionCap(t *testing.T) {
	limits := slowLimits
	limits.ReadHeader = 2 * time.Second
	addr, path := webhookOn(t, limits)
	for range limits.MaxConns {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		io.WriteString(conn, "POST "+path+" HTTP/1.1\r\n") // and nothing more
	}
	time.Sleep(100 * time.Millisecond)
	start := time.Now()
	resp, err := http.Get("http://" + addr + path)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if waited := time.Since(start); waited < time.Second {
		t.Errorf("a connection beyond the cap of %d was served after %v, before any held one was let go", limits.MaxConns, waited)
	}
	if !strings.Contains(resp.Status, "405") {
		t.Errorf("status %s", resp.Status)
	}
}
