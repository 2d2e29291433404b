package console_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/console"
)

// /voice FILE hands the core a recording, as a voice message would; a
// missing file is reported and sends nothing.
func TestConsoleVoice(t *testing.T) {
	dir := t.TempDir()
	rec := filepath.Join(dir, "my answer.wav")
	if err := os.WriteFile(rec, []byte("RIFF....WAVE"), 0o600); err != nil {
		t.Fatal(err)
	}
	in := strings.NewReader("/voice " + rec + "\n/voice " + filepath.Join(dir, "missing.ogg") + "\n/voice\n/VOICE \"" + rec + "\"\n")
	var out bytes.Buffer
	rep := &echo{}
	if err := console.New(in, &out, console.Options{User: "ada", Lang: "en"}).Run(context.Background(), rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.events) != 2 {
		t.Fatalf("events %+v\n%s", rep.events, out.String())
	}
	for _, ev := range rep.events {
		m := ev.Media
		if ev.Kind != bot.EventMessage || m == nil || m.Kind != bot.MediaAudio || m.Name != "my answer.wav" || m.MIME != "audio/wav" || m.Size != 12 {
			t.Fatalf("event %+v media %+v", ev, m)
		}
		rc, err := m.Open(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if string(data) != "RIFF....WAVE" {
			t.Errorf("read %q", data)
		}
	}
	for _, want := range []string{filepath.Join(dir, "missing.ogg") + ": no such file.", "/voice FILE answers with a recording"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// TestConsoleVoicePaths is report item B8: ~ is the home directory, and a
// file that cannot be read is explained in words, not a system error.
func TestConsoleVoicePaths(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	if err := os.WriteFile(filepath.Join(home, "a.wav"), []byte("RIFF....WAVE"), 0o600); err != nil {
		t.Fatal(err)
	}
	in := strings.NewReader("/voice ~/a.wav\n/voice /no/such/rec.wav\n/voice " + home + "\n")
	var out bytes.Buffer
	rep := &echo{}
	if err := console.New(in, &out, console.Options{User: "ada"}).Run(context.Background(), rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.events) != 1 || rep.events[0].Media == nil || rep.events[0].Media.Name != "a.wav" {
		t.Fatalf("~/a.wav was not read: %+v\n%s", rep.events, out.String())
	}
	got := out.String()
	for _, raw := range []string{"stat ", "no such file or directory", "invalid argument"} {
		if strings.Contains(got, raw) {
			t.Errorf("a system error reached the person (%q):\n%s", raw, got)
		}
	}
	for _, want := range []string{"找不到 /no/such/rec.wav", home + " 是一个文件夹"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}
