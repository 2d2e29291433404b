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
	for _, want := range []string{"Cannot read " + filepath.Join(dir, "missing.ogg"), "/voice FILE answers with a recording"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
