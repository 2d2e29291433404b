package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/interviewbot/interviewbot/storage"
)

// The control socket lets `interviewbot backup` and `export` reach a
// running bot: bbolt locks the database file, so a second process cannot
// open it while the bot runs. The socket sits beside the database with mode
// 0600 (only the same user may connect) and speaks one line per request:
// "backup" or "export", answered with "OK" and the payload, or "ERR" and a
// message.

// controlSocketPath returns the socket path for a database: beside it, or
// in the temporary directory when that path is too long for a Unix socket.
func controlSocketPath(dbPath string) string {
	p := dbPath + ".sock"
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	if len(p) < 100 {
		return p
	}
	sum := sha256.Sum256([]byte(p))
	return filepath.Join(os.TempDir(), "interviewbot-"+hex.EncodeToString(sum[:8])+".sock")
}

// control serves the control socket.
type control struct {
	ln   net.Listener
	path string
}

// startControl listens on the database's control socket until ctx is done.
func startControl(ctx context.Context, dbPath string, db *storage.DB, logger *slog.Logger) (*control, error) {
	path := controlSocketPath(dbPath)
	// A socket left by a process that was killed: this process holds the
	// database lock, so no other bot is using it.
	_ = os.Remove(path)
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, fmt.Errorf("chmod %s: %w", path, err)
	}
	c := &control{ln: ln, path: path}
	go func() {
		<-ctx.Done()
		c.Close()
	}()
	go c.serve(ctx, db, logger)
	return c, nil
}

func (c *control) serve(ctx context.Context, db *storage.DB, logger *slog.Logger) {
	for {
		conn, err := c.ln.Accept()
		if err != nil {
			return // closed
		}
		go func() {
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(10 * time.Minute))
			line, err := bufio.NewReader(io.LimitReader(conn, 256)).ReadString('\n')
			if err != nil {
				return
			}
			req := strings.TrimSpace(line)
			logger.InfoContext(ctx, "control request", "request", req)
			switch req {
			case "backup":
				io.WriteString(conn, "OK\n")
				if _, err := db.Backup(ctx, conn); err != nil {
					logger.ErrorContext(ctx, "backup over control socket", "err", err)
				}
			case "export":
				users, err := db.Export(ctx)
				if err != nil {
					fmt.Fprintf(conn, "ERR %v\n", err)
					return
				}
				io.WriteString(conn, "OK\n")
				writeJSON(conn, users)
			default:
				fmt.Fprintf(conn, "ERR unknown request %q\n", req)
			}
		}()
	}
}

// Close stops listening and removes the socket.
func (c *control) Close() {
	c.ln.Close()
	os.Remove(c.path)
}

// errNoControl means the database is locked and no bot answers on its
// control socket.
var errNoControl = errors.New("no running bot answers on the control socket")

// askControl sends a request to the running bot of a database and returns
// the payload.
func askControl(ctx context.Context, dbPath, request string) (io.ReadCloser, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "unix", controlSocketPath(dbPath))
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", errNoControl, err)
	}
	fmt.Fprintf(conn, "%s\n", request)
	r := bufio.NewReader(conn)
	status, err := r.ReadString('\n')
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("control socket: %w", err)
	}
	if status = strings.TrimSpace(status); status != "OK" {
		conn.Close()
		return nil, fmt.Errorf("running bot: %s", strings.TrimPrefix(status, "ERR "))
	}
	return struct {
		io.Reader
		io.Closer
	}{r, conn}, nil
}
