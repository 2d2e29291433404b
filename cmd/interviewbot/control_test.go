package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/storage"
)

// privateRuntimeDir points XDG_RUNTIME_DIR at a fresh directory of the
// test, so the control socket of each test lives apart.
func privateRuntimeDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_RUNTIME_DIR", dir)
	return dir
}

// runningBot runs the bot in process on db with the terminal on a pipe,
// and waits until its control socket answers. Closing the returned pipe
// ends the terminal session; the channel gives the exit code.
func runningBot(t *testing.T, db string) (*io.PipeWriter, <-chan int) {
	t.Helper()
	in, feed := io.Pipe()
	var out, errOut syncBuffer
	done := make(chan int, 1)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() { done <- run(ctx, []string{"run", "--db", db}, in, &out, &errOut) }()
	waitControl(t, db)
	return feed, done
}

// waitControl waits until the control socket of db answers.
func waitControl(t *testing.T, db string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		conn, err := dialControl(context.Background(), db)
		if err == nil {
			conn.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("control socket never answered: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestHotBackupWhileRunning takes a backup and an export from another
// "process" while the bot holds the database lock.
func TestHotBackupWhileRunning(t *testing.T) {
	runtime := privateRuntimeDir(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "bot.db")
	feed, done := runningBot(t, db)
	io.WriteString(feed, "/next\nRPO 和 RTO\n")
	// The socket sits in a private directory, named after the database.
	sockDir := filepath.Join(runtime, "interviewbot")
	if info, err := os.Stat(sockDir); err != nil || info.Mode().Perm() != 0o700 {
		t.Fatalf("socket directory: %v %v", info, err)
	}
	sock := filepath.Join(sockDir, socketName(db))
	// Wait until the answer is stored: the export through the socket shows it.
	var exported string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		_, exported, _ = runCmd(t, "", "export", "--db", db)
		if strings.Contains(exported, "RPO 和 RTO") {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(exported, "RPO 和 RTO") {
		t.Fatalf("export from the running bot: %s", exported)
	}
	backup := filepath.Join(dir, "hot.db")
	if code, out, stderr := runCmd(t, "", "backup", "--db", db, backup); code != 0 {
		t.Fatalf("hot backup: exit %d %s %s", code, out, stderr)
	}
	feed.Close()
	if code := <-done; code != 0 {
		t.Fatalf("bot exit %d", code)
	}
	if _, err := os.Stat(sock); !os.IsNotExist(err) {
		t.Error("the control socket is left behind")
	}
	info, err := os.Stat(backup)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v %v", info, err)
	}
	_, copied, _ := runCmd(t, "", "export", "--db", backup)
	if !strings.Contains(copied, "RPO 和 RTO") {
		t.Errorf("the hot backup lacks the answer: %s", copied)
	}
}

// `backup --db X X` while the bot runs must not replace the live file
// (the bot went on writing to an unlinked file and a second bot could
// open the path); nor may any other name of the same file.
func TestHotBackupRefusesTheLiveDatabase(t *testing.T) {
	privateRuntimeDir(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "bot.db")
	feed, done := runningBot(t, db)
	before, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{db, filepath.Join(dir, ".", filepath.Base(db)), link} {
		code, out, stderr := runCmd(t, "", "backup", "--db", db, target)
		if code == 0 || !strings.Contains(stderr, "the database itself") {
			t.Errorf("backup to %s: exit %d %q %q", target, code, out, stderr)
		}
	}
	after, err := os.Stat(db)
	if err != nil || !os.SameFile(before, after) {
		t.Fatalf("the live database was replaced: %v", err)
	}
	io.WriteString(feed, "/next\nRPO 和 RTO\n")
	feed.Close()
	if code := <-done; code != 0 {
		t.Fatalf("bot exit %d", code)
	}
	_, exported, _ := runCmd(t, "", "export", "--db", db)
	if !strings.Contains(exported, "RPO 和 RTO") {
		t.Errorf("the answer given after the refused backups is not in the file: %s", exported)
	}
}

// lockedDB opens a database and holds it, as a running bot does.
func lockedDB(t *testing.T) (path string, db *storage.DB) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "bot.db")
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return path, db
}

// fakeControl serves a database's control socket with serve, from the
// place the bot would.
func fakeControl(t *testing.T, dbPath string, serve func(net.Conn)) {
	t.Helper()
	dir := controlDirs()[0]
	ln, _, err := listenControl(dir, socketName(dbPath))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			bufio.NewReader(conn).ReadString('\n')
			serve(conn)
			conn.Close()
		}
	}()
}

// A hot backup whose stream ends early (the bot killed or stopped mid-copy)
// or arrives damaged fails, and leaves no file: before, the command took
// the end of the stream for the end of the copy, renamed the part into
// place and printed "written".
func TestHotBackupCutShortLeavesNoFile(t *testing.T) {
	privateRuntimeDir(t)
	path, db := lockedDB(t)
	var whole bytes.Buffer
	if _, err := db.Backup(context.Background(), &whole); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(whole.Bytes())
	damaged := append([]byte(nil), whole.Bytes()...)
	damaged[len(damaged)/2] ^= 0xff
	for name, tc := range map[string]struct {
		send []byte
		tail string
		want string
	}{
		"cut short":      {whole.Bytes()[:whole.Len()/2], "", "stopped sending after"},
		"no checksum":    {whole.Bytes(), "", "not its checksum"},
		"wrong checksum": {damaged, fmt.Sprintf("SHA256 %x\n", sum), "does not match its checksum"},
	} {
		t.Run(name, func(t *testing.T) {
			fakeControl(t, path, func(conn net.Conn) {
				fmt.Fprintf(conn, "OK %d\n", whole.Len())
				conn.Write(tc.send)
				io.WriteString(conn, tc.tail)
			})
			out := filepath.Join(t.TempDir(), "b.db")
			code, _, stderr := runCmd(t, "", "backup", "--db", path, out)
			if code == 0 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want a failure saying %q", code, stderr, tc.want)
			}
			if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 0 {
				t.Errorf("files left: %v", entries)
			}
		})
	}
}

// Another local user could take the control socket's name first: with a
// long database path the socket used to move to a predictable
// /tmp/interviewbot-<hash>.sock, and backup wrote whatever answered there.
// Now the socket lives only in a private directory of the user, and a
// directory anyone else could have made or could enter is not used.
func TestSquattedControlSocketIsNotTrusted(t *testing.T) {
	privateRuntimeDir(t)
	long := filepath.Join(t.TempDir(), strings.Repeat("long-directory-name/", 6))
	if err := os.MkdirAll(long, 0o700); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(long, "bot.db")
	db, err := storage.Open(dbPath, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The squatter: the old predictable name, in the shared temporary
	// directory, answering with a file of its own.
	abs, _ := filepath.Abs(dbPath + ".sock")
	sum := sha256.Sum256([]byte(abs))
	old := filepath.Join(os.TempDir(), fmt.Sprintf("interviewbot-%x.sock", sum[:8]))
	ln, err := net.Listen("unix", old)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			io.WriteString(conn, "OK\nnot your database\n")
			conn.Close()
		}
	}()
	out := filepath.Join(t.TempDir(), "b.db")
	code, _, stderr := runCmd(t, "", "backup", "--db", dbPath, out)
	if code == 0 {
		t.Fatalf("backup took the squatter's answer")
	}
	if !strings.Contains(stderr, "no running bot answers") {
		t.Errorf("stderr %q", stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a backup file was written from the squatter's socket")
	}

	// A socket directory others may enter is neither served nor used.
	shared := controlDirs()[0]
	if err := os.Mkdir(shared, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o777); err != nil {
		t.Fatal(err)
	}
	ctl, err := startControl(context.Background(), dbPath, db, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err) // the fallback directory is used
	}
	defer ctl.Close()
	if strings.HasPrefix(ctl.path, shared) {
		t.Errorf("control socket in a directory others may enter: %s", ctl.path)
	}
	if err := privateDir(shared, false); err == nil || !strings.Contains(err.Error(), "lets others in") {
		t.Errorf("privateDir(0777) = %v", err)
	}
}

// Each end checks who is at the other end: a peer of another user is
// refused.
func TestControlPeerCheck(t *testing.T) {
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	a, err := net.FileConn(os.NewFile(uintptr(fds[0]), "a"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	syscall.Close(fds[1])
	if err := checkPeer(a, os.Getuid()); err != nil {
		t.Errorf("own user refused: %v", err)
	}
	if err := checkPeer(a, os.Getuid()+1); err == nil || !strings.Contains(err.Error(), "runs as uid") {
		t.Errorf("another user accepted: %v", err)
	}
}

// The control socket serves a few requests at once; more are told it is
// busy instead of piling up, and a connection that sends nothing is let
// go.
func TestControlConnectionCap(t *testing.T) {
	privateRuntimeDir(t)
	path, db := lockedDB(t)
	ctl, err := startControl(context.Background(), path, db, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer ctl.Close()
	var idle []net.Conn
	for range controlMaxConns {
		conn, err := dialControl(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		idle = append(idle, conn)
	}
	time.Sleep(50 * time.Millisecond)
	_, _, _, err = askControl(context.Background(), path, "export")
	if err == nil || !strings.Contains(err.Error(), "busy") {
		t.Errorf("request beyond the cap: %v", err)
	}
	// The idle connections are closed after the request timeout.
	idle[0].SetReadDeadline(time.Now().Add(controlRequestTimeout + 2*time.Second))
	if _, err := idle[0].Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("idle connection: read %v, want EOF", err)
	}
	r, conn, _, err := askControl(context.Background(), path, "export")
	if err != nil {
		t.Fatalf("request after an idle connection was let go: %v", err)
	}
	defer conn.Close()
	if b, _ := io.ReadAll(r); !json.Valid(b) {
		t.Errorf("export: %q", b)
	}
}
