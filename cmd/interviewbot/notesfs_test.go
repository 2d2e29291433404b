package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// A notes file over the size limit is refused with its name and the
// limit, and the other notes load: a 50 MB file used to be read whole
// (9 s, 400 MB of memory).
func TestNotesFileOverTheLimit(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ok.md"), []byte("1. 什么是 RPO？\n回答：**恢复点目标**是可以丢多少数据。\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	line := "2. 一个很长的问题？\n回答：很长的回答。\n"
	big := strings.Repeat(line, (11<<20)/len(line)) // 11 MB
	if err := os.WriteFile(filepath.Join(dir, "big.md"), []byte(big), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCmd(t, "", "bank", "lint", dir)
	if code == 0 || !strings.Contains(out+stderr, "big.md") || !strings.Contains(out+stderr, "over the 10.0 MB limit") {
		t.Errorf("bank lint: exit %d\n%s%s", code, out, stderr)
	}
	_, out, _ = runCmd(t, "", "bank", "list", dir)
	if !strings.Contains(out, "什么是 RPO") || strings.Contains(out, "一个很长的问题") {
		t.Errorf("bank list: %s", out)
	}

	// The limit comes from bank.max_file_mb for the bot.
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfg, []byte("bank:\n  paths: ["+dir+"]\n  max_file_mb: 12\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, stderr = runCmd(t, "/topics\n", "run", "--config", cfg, "--db", filepath.Join(t.TempDir(), "bot.db"))
	if code != 0 || strings.Contains(stderr, "over the") {
		t.Errorf("max_file_mb 12: exit %d\n%s", code, stderr)
	}
}

// growingFS says its file is small but holds more: a file that grew
// after it was listed, or a device.
type growingFS struct{ fstest.MapFS }

type lyingFile struct{ fs.File }

func (f lyingFile) Stat() (fs.FileInfo, error) { return smallInfo{}, nil }

type smallInfo struct{}

func (smallInfo) Name() string       { return "notes.md" }
func (smallInfo) Size() int64        { return 10 }
func (smallInfo) Mode() fs.FileMode  { return 0o644 }
func (smallInfo) ModTime() time.Time { return time.Time{} }
func (smallInfo) IsDir() bool        { return false }
func (smallInfo) Sys() any           { return nil }

func (g growingFS) Open(name string) (fs.File, error) {
	f, err := g.MapFS.Open(name)
	if err != nil || name == "." {
		return f, err
	}
	return lyingFile{f}, nil
}

// Reading stops at the limit even when the size given by Stat was small.
func TestNotesReadStopsAtTheLimit(t *testing.T) {
	fsys := limitFS{fsys: growingFS{fstest.MapFS{"notes.md": {Data: []byte(strings.Repeat("x", 100))}}}, max: 64}
	_, err := fs.ReadFile(fsys, "notes.md")
	var tb *tooBigError
	if !errors.As(err, &tb) || !strings.Contains(err.Error(), "over the 0.0 MB limit") {
		t.Errorf("read past the limit: %v", err)
	}
	exact := limitFS{fsys: fstest.MapFS{"notes.md": {Data: []byte(strings.Repeat("x", 64))}}, max: 64}
	if data, err := fs.ReadFile(exact, "notes.md"); err != nil || len(data) != 64 {
		t.Errorf("a file of exactly the limit: %d bytes, %v", len(data), err)
	}
	f, err := exact.Open("notes.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if n, err := io.Copy(io.Discard, f); n != 64 || err != nil {
		t.Errorf("copy: %d, %v", n, err)
	}
}
