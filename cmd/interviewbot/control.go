package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/interviewbot/interviewbot/storage"
)

// The control socket lets `interviewbot backup` and `export` reach a
// running bot: bbolt locks the database file, so a second process cannot
// open it while the bot runs. controlsock.go says where it lives and who
// may use it. It speaks one line per request, "backup" or "export",
// answered with a status line and the payload:
//
//	backup → "OK <size>\n", exactly size bytes of database, "SHA256 <hex>\n"
//	export → "OK\n", one JSON document
//	either → "ERR <message>\n" on failure
//
// A backup the bot cannot finish ends the connection early, so the
// receiver, which counts the bytes and checks the sum, never takes part of
// a copy for a whole one.

// Limits of the control socket.
const (
	// controlMaxConns bounds the requests served at once; more are
	// answered "busy".
	controlMaxConns = 4
	// controlRequestTimeout bounds the wait for a request line.
	controlRequestTimeout = 5 * time.Second
	// controlIdleTimeout bounds the wait for progress while a payload is
	// sent or received.
	controlIdleTimeout = 30 * time.Second
	// controlDrainTimeout is how long a stopping bot lets backups and
	// exports in progress finish before it cancels them.
	controlDrainTimeout = 15 * time.Second
)

// control serves the control socket.
type control struct {
	ln     net.Listener
	path   string
	db     *storage.DB
	log    *slog.Logger
	slots  chan struct{}
	ops    context.Context // what requests run under: outlives the run
	cancel context.CancelFunc
	wg     sync.WaitGroup
	once   sync.Once
}

// startControl listens on the database's control socket. When ctx is done
// it stops accepting requests at once; Close then lets those in progress
// finish (for at most controlDrainTimeout) before it cancels them.
func startControl(ctx context.Context, dbPath string, db *storage.DB, logger *slog.Logger) (*control, error) {
	var tried []error
	for _, dir := range controlDirs() {
		ln, path, err := listenControl(dir, socketName(dbPath))
		if err != nil {
			tried = append(tried, err)
			continue
		}
		ops, cancel := context.WithCancel(context.WithoutCancel(ctx))
		c := &control{ln: ln, path: path, db: db, log: logger, slots: make(chan struct{}, controlMaxConns), ops: ops, cancel: cancel}
		context.AfterFunc(ctx, func() { c.ln.Close() })
		c.wg.Go(c.serve)
		logger.Debug("control socket listening", "path", path)
		return c, nil
	}
	return nil, errors.Join(tried...)
}

// listenControl listens on name in dir, a private directory (created if
// missing). A socket left there by a killed bot is removed: this process
// holds the database's lock, so no other bot serves it.
func listenControl(dir, name string) (net.Listener, string, error) {
	if err := privateDir(dir, true); err != nil {
		return nil, "", err
	}
	path := filepath.Join(dir, name)
	if ownSocket(path) == nil {
		_ = os.Remove(path)
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, "", fmt.Errorf("listen on %s: %w", path, err)
	}
	// The directory already keeps others out; the mode is a second fence.
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, "", fmt.Errorf("chmod %s: %w", path, err)
	}
	return ln, path, nil
}

// serve accepts connections until the listener is closed.
func (c *control) serve() {
	for {
		conn, err := c.ln.Accept()
		if err != nil {
			return // closed
		}
		select {
		case c.slots <- struct{}{}:
		default:
			conn.SetWriteDeadline(time.Now().Add(time.Second))
			fmt.Fprintf(conn, "ERR busy: %d requests in progress; try again shortly\n", controlMaxConns)
			conn.Close()
			continue
		}
		c.wg.Go(func() {
			defer func() { <-c.slots }()
			defer conn.Close()
			c.handle(conn)
		})
	}
}

// handle answers one request.
func (c *control) handle(conn net.Conn) {
	if err := checkPeer(conn, os.Getuid()); err != nil {
		c.log.Warn("control socket: connection refused", "err", err)
		return
	}
	conn.SetReadDeadline(time.Now().Add(controlRequestTimeout))
	line, err := bufio.NewReader(io.LimitReader(conn, 256)).ReadString('\n')
	if err != nil {
		return
	}
	conn.SetReadDeadline(time.Time{})
	req := strings.TrimSpace(line)
	c.log.Debug("control request", "request", req)
	w := &idleWriter{conn: conn}
	switch req {
	case "backup":
		start := time.Now()
		n, err := c.backup(w)
		if err != nil {
			c.log.Warn("backup over the control socket failed: the receiver gets no file", "err", err, "sent", n)
			return
		}
		c.log.Info("backup sent over the control socket", "bytes", n, "took", time.Since(start).Round(time.Millisecond))
	case "export":
		users, err := c.db.Export(c.ops)
		if err != nil {
			fmt.Fprintf(w, "ERR %v\n", err)
			return
		}
		io.WriteString(w, "OK\n")
		writeJSON(w, users)
	default:
		fmt.Fprintf(w, "ERR unknown request %q\n", req)
	}
}

// backup sends a backup framed as the package comment says.
func (c *control) backup(w io.Writer) (int64, error) {
	sum := sha256.New()
	n, err := c.db.StreamBackup(c.ops, func(size int64) (io.Writer, error) {
		if _, err := fmt.Fprintf(w, "OK %d\n", size); err != nil {
			return nil, err
		}
		return io.MultiWriter(w, sum), nil
	})
	if err != nil {
		return n, err
	}
	_, err = fmt.Fprintf(w, "SHA256 %x\n", sum.Sum(nil))
	return n, err
}

// Close stops accepting requests, lets those in progress finish for at
// most controlDrainTimeout, cancels the rest, and removes the socket. It
// returns once no request uses the database.
func (c *control) Close() {
	c.once.Do(func() {
		c.ln.Close()
		done := make(chan struct{})
		go func() { c.wg.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(controlDrainTimeout):
			c.log.Warn("control requests still running at shutdown: cancelled", "waited", controlDrainTimeout)
		}
		c.cancel()
		<-done
		os.Remove(c.path)
	})
}

// idleWriter fails a write that makes no progress for controlIdleTimeout
// (a reader that stopped reading).
type idleWriter struct{ conn net.Conn }

func (w *idleWriter) Write(p []byte) (int, error) {
	w.conn.SetWriteDeadline(time.Now().Add(controlIdleTimeout))
	return w.conn.Write(p)
}

// idleReader fails a read that waits more than controlIdleTimeout.
type idleReader struct{ conn net.Conn }

func (r *idleReader) Read(p []byte) (int, error) {
	r.conn.SetReadDeadline(time.Now().Add(controlIdleTimeout))
	return r.conn.Read(p)
}

// errNoControl means the database is locked and no bot answers on its
// control socket.
var errNoControl = errors.New("no running bot answers on the control socket")

// dialControl connects to the control socket of the bot running on a
// database and checks that it runs as this user. It tries each place the
// socket may be (controlDirs) and uses only private ones.
func dialControl(ctx context.Context, dbPath string) (net.Conn, error) {
	var tried []string
	for _, dir := range controlDirs() {
		path := filepath.Join(dir, socketName(dbPath))
		if err := privateDir(dir, false); err != nil {
			tried = append(tried, err.Error())
			continue
		}
		if err := ownSocket(path); err != nil {
			tried = append(tried, err.Error())
			continue
		}
		var d net.Dialer
		conn, err := d.DialContext(ctx, "unix", path)
		if err != nil {
			tried = append(tried, err.Error())
			continue
		}
		if err := checkPeer(conn, os.Getuid()); err != nil {
			conn.Close()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		context.AfterFunc(ctx, func() { conn.Close() })
		return conn, nil
	}
	return nil, fmt.Errorf("%w (%s)", errNoControl, strings.Join(tried, "; "))
}

// askControl sends a request to the running bot of a database and returns
// the connection, read past an "OK" status line, and the rest of that
// line.
func askControl(ctx context.Context, dbPath, request string) (*bufio.Reader, io.Closer, string, error) {
	conn, err := dialControl(ctx, dbPath)
	if err != nil {
		return nil, nil, "", err
	}
	conn.SetWriteDeadline(time.Now().Add(controlRequestTimeout))
	// A bot that is busy answers and closes before reading the request:
	// its answer is read even when the write failed.
	_, werr := fmt.Fprintf(conn, "%s\n", request)
	r := bufio.NewReader(&idleReader{conn: conn})
	status, err := r.ReadString('\n')
	if err != nil {
		conn.Close()
		return nil, nil, "", fmt.Errorf("control socket: %w", errors.Join(werr, err))
	}
	status = strings.TrimSpace(status)
	if rest, ok := strings.CutPrefix(status, "ERR "); ok {
		conn.Close()
		return nil, nil, "", fmt.Errorf("running bot: %s", rest)
	}
	rest, ok := strings.CutPrefix(status, "OK")
	if !ok {
		conn.Close()
		return nil, nil, "", fmt.Errorf("running bot: unexpected answer %q", status)
	}
	return r, conn, strings.TrimSpace(rest), nil
}

// receiveBackup asks the bot running on dbPath for a backup and writes it
// to w, checking its size and sum: a copy cut short is an error.
func receiveBackup(ctx context.Context, dbPath string, w io.Writer) error {
	r, conn, rest, err := askControl(ctx, dbPath, "backup")
	if err != nil {
		return err
	}
	defer conn.Close()
	size, err := strconv.ParseInt(rest, 10, 64)
	if err != nil || size <= 0 {
		return fmt.Errorf("running bot: no backup size in its answer %q (a bot older than this command? stop it and back up directly)", rest)
	}
	sum := sha256.New()
	n, err := io.CopyN(io.MultiWriter(w, sum), r, size)
	if err != nil {
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return fmt.Errorf("running bot stopped sending after %d of %d bytes: %w", n, size, err)
	}
	return checkTrailer(r, sum)
}

// checkTrailer reads a backup's "SHA256 <hex>" line and compares it.
func checkTrailer(r *bufio.Reader, sum hash.Hash) error {
	line, err := r.ReadString('\n')
	if err != nil {
		return fmt.Errorf("running bot sent the whole copy but not its checksum: %w", err)
	}
	want, ok := strings.CutPrefix(strings.TrimSpace(line), "SHA256 ")
	if !ok {
		return fmt.Errorf("running bot: unexpected line after the copy %q", strings.TrimSpace(line))
	}
	if got := hex.EncodeToString(sum.Sum(nil)); got != want {
		return fmt.Errorf("the copy received does not match its checksum (got %s, want %s)", got, want)
	}
	return nil
}
