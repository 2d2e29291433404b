package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
)

// Where the control socket lives, and who may talk through it.
//
// The socket is named after the database (a hash of its resolved absolute
// path, so any spelling of the path finds it) and sits in a directory only
// its owner can enter: $XDG_RUNTIME_DIR/interviewbot when the session has
// one, else $TMPDIR/interviewbot-UID. Each directory is used only when it
// is a real directory (not a link), owned by this user and closed to
// everyone else (mode 0700); another local user who creates one first
// gets it ignored, not trusted. Both ends also check who is at the other
// end of the connection (SO_PEERCRED): the bot answers only its own user,
// and backup and export accept data only from a bot of their own user.

// controlDirs returns the directories the control socket may live in, in
// the order they are tried.
func controlDirs() []string {
	var dirs []string
	if d := os.Getenv("XDG_RUNTIME_DIR"); filepath.IsAbs(d) {
		dirs = append(dirs, filepath.Join(d, "interviewbot"))
	}
	return append(dirs, filepath.Join(os.TempDir(), fmt.Sprintf("interviewbot-%d", os.Getuid())))
}

// socketName returns the file name of a database's control socket.
func socketName(dbPath string) string {
	p, err := filepath.Abs(dbPath)
	if err != nil {
		p = dbPath
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	sum := sha256.Sum256([]byte(p))
	return hex.EncodeToString(sum[:12]) + ".sock"
}

// errNotPrivate marks a directory or socket another user could have made
// or could reach.
var errNotPrivate = errors.New("not private")

// privateDir checks that dir is a directory of this user that nobody else
// may enter, creating it (mode 0700) when create is set and it is missing.
func privateDir(dir string, create bool) error {
	if create {
		if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
	}
	info, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s: %w: not a directory (%v)", dir, errNotPrivate, info.Mode().Type())
	}
	if uid, ok := ownerOf(info); ok && uid != os.Getuid() {
		return fmt.Errorf("%s: %w: owned by uid %d, not by this user (%d)", dir, errNotPrivate, uid, os.Getuid())
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("%s: %w: mode %v lets others in (want 0700)", dir, errNotPrivate, perm)
	}
	return nil
}

// ownSocket checks that path is a socket owned by this user.
func ownSocket(path string) error {
	info, err := os.Lstat(path)
	if err != nil {
		return err
	}
	if info.Mode().Type() != fs.ModeSocket {
		return fmt.Errorf("%s: %w: not a socket (%v)", path, errNotPrivate, info.Mode().Type())
	}
	if uid, ok := ownerOf(info); ok && uid != os.Getuid() {
		return fmt.Errorf("%s: %w: owned by uid %d, not by this user (%d)", path, errNotPrivate, uid, os.Getuid())
	}
	return nil
}

// checkPeer checks that the process at the other end of conn runs as the
// user want. Where the system cannot tell (no SO_PEERCRED or the like),
// the private directory is the only guard and the peer is accepted.
func checkPeer(conn net.Conn, want int) error {
	uc, ok := conn.(*net.UnixConn)
	if !ok {
		return fmt.Errorf("peer check: %T is not a Unix socket", conn)
	}
	uid, err := peerUID(uc)
	if errors.Is(err, errors.ErrUnsupported) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("peer check: %w", err)
	}
	if uid != want {
		return fmt.Errorf("%w: the process at the other end runs as uid %d, not %d", errNotPrivate, uid, want)
	}
	return nil
}
