package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/storage"
)

// /healthz must fail while writes fail (a full disk), not only when
// reads do: it said ok while every answer was lost. A file size limit
// (RLIMIT_FSIZE, set in a child process) plays the full disk.
func TestHealthzFailsWhileWritesFail(t *testing.T) {
	if !inChild(t) {
		return
	}
	path := filepath.Join(t.TempDir(), "bot.db")
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr, err := serveMetrics(ctx, "127.0.0.1:0", newMetrics(db), db, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	health := func() (int, string) {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if code, body := health(); code != 200 {
		t.Fatalf("/healthz of a new database: %d %s", code, body)
	}

	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	full := old
	full.Cur = uint64(info.Size())
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &full); err != nil {
		t.Fatal(err)
	}
	defer syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old)
	failed := 0
	for i := range 100 {
		key := fmt.Sprintf("telegram:%d", 100+i%5)
		if _, err := db.RecordAttempt(ctx, longAttempt(key, strings.Repeat("答", 3000), i)); err != nil {
			failed++
		}
	}
	if failed == 0 {
		t.Fatal("no write failed with the file size capped: the test proves nothing")
	}
	if code, body := health(); code != http.StatusServiceUnavailable {
		t.Errorf("/healthz while %d of 100 writes failed: %d %s", failed, code, body)
	}
}

// The metrics server lets slow clients go (a trickled request, an idle
// keep-alive) and serves at most MaxConns connections at once.
func TestMetricsServerLetsSlowClientsGo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bot.db")
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	limits := httpLimits{
		ReadHeader: 500 * time.Millisecond, Read: time.Second, Write: 2 * time.Second, Idle: time.Second,
		MaxHeaderBytes: 4 << 10, MaxBodyBytes: 1 << 10, MaxConns: 3,
	}
	addr, err := serveMetricsWith(ctx, "127.0.0.1:0", limits, newMetrics(db), db, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	closedWithin := func(conn net.Conn, d time.Duration) bool {
		conn.SetReadDeadline(time.Now().Add(d))
		_, err := io.Copy(io.Discard, conn)
		ne, ok := err.(net.Error)
		return !ok || !ne.Timeout()
	}
	for name, head := range map[string]string{
		"trickled body":   "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n",
		"trickled header": "GET /healthz HTTP/1.1\r\nHost: x\r\n",
		"idle keep-alive": "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
	} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		stop := make(chan struct{})
		go func() {
			io.WriteString(conn, head)
			for !strings.HasPrefix(name, "idle") {
				select {
				case <-stop:
					return
				case <-time.After(100 * time.Millisecond):
					if _, err := conn.Write([]byte("x")); err != nil {
						return
					}
				}
			}
		}()
		if !closedWithin(conn, 3*time.Second) {
			t.Errorf("%s: still open after 3 s", name)
		}
		close(stop)
		conn.Close()
	}

	limits.ReadHeader = 2 * time.Second
	addr, err = serveMetricsWith(ctx, "127.0.0.1:0", limits, newMetrics(db), db, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	for range limits.MaxConns {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
	}
	time.Sleep(100 * time.Millisecond)
	start := time.Now()
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if waited := time.Since(start); waited < time.Second {
		t.Errorf("a connection beyond the cap was served after %v", waited)
	}
}
