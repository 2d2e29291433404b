package speech_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot/speech"
	"github.com/interviewbot/interviewbot/internal/fakes/speechfake"
)

func newClient(t *testing.T, cfg speech.Config) *speech.Client {
	t.Helper()
	c, err := speech.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTranscribe(t *testing.T) {
	srv := speechfake.New("", speechfake.WithAPIKey("sk-test"))
	defer srv.Close()
	srv.Hear(func(r speechfake.Request) speechfake.Answer {
		return speechfake.Answer{Text: "快照依赖原始存储。备份是独立副本。", Language: "chinese", Segments: []speechfake.Segment{
			{Start: 0.2, End: 2.0, Text: "快照依赖原始存储。"}, {Start: 5.5, End: 7.25, Text: "备份是独立副本。"},
		}}
	})
	audio, err := os.ReadFile("testdata/answer.opus.ogg")
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, speech.Config{Endpoint: srv.URL(), APIKey: "sk-test", Prompt: "嗯，然后，就是"})
	tr, err := c.Transcribe(context.Background(), speech.Audio{Data: audio, Name: "voice.oga", MIME: "audio/ogg", Language: "zh"})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Text != "快照依赖原始存储。备份是独立副本。" || tr.Language != "chinese" {
		t.Errorf("transcript = %q (%s)", tr.Text, tr.Language)
	}
	if tr.Duration < 3500*time.Millisecond || tr.Duration > 3560*time.Millisecond {
		t.Errorf("duration = %v, want the recording's 3.53s", tr.Duration)
	}
	if len(tr.Segments) != 2 || tr.Segments[1].Start != 5500*time.Millisecond || tr.Segments[1].End != 7250*time.Millisecond {
		t.Errorf("segments = %+v", tr.Segments)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if string(r.File) != string(audio) || r.FileName != "voice.oga" || r.FileType != "audio/ogg" ||
		r.Model != "whisper-1" || r.Language != "zh" || r.ResponseFormat != "verbose_json" || r.Prompt != "嗯，然后，就是" {
		t.Errorf("request = name %q type %q model %q lang %q format %q prompt %q, %d bytes",
			r.FileName, r.FileType, r.Model, r.Language, r.ResponseFormat, r.Prompt, len(r.File))
	}
}

func TestTranscribeRetries(t *testing.T) {
	srv := speechfake.New("a backup is an independent copy")
	defer srv.Close()
	srv.Fail(speechfake.Fault{Status: 503}, speechfake.Fault{Status: 429, RetryAfter: 1})
	c := newClient(t, speech.Config{Endpoint: srv.URL() + "/v1/", Timeout: 10 * time.Second})
	start := time.Now()
	tr, err := c.Transcribe(context.Background(), speech.Audio{Data: []byte("RIFF….WAVE"), MIME: "audio/wav"})
	if err != nil || tr.Text != "a backup is an independent copy" {
		t.Fatalf("Transcribe = %q, %v", tr.Text, err)
	}
	if n := len(srv.Requests()); n != 3 {
		t.Errorf("%d requests, want 3 (503, 429, then success)", n)
	}
	if time.Since(start) < time.Second {
		t.Errorf("the 429's Retry-After of 1s was not waited")
	}
	if name := srv.Requests()[0].FileName; name != "answer.wav" {
		t.Errorf("file name = %q, want answer.wav from the media type", name)
	}
}

func TestTranscribeFailures(t *testing.T) {
	audio := speech.Audio{Data: []byte("OggS not really"), Name: "v.ogg"}
	down := httptest.NewServer(http.NotFoundHandler())
	downURL := down.URL
	down.Close()
	tests := []struct {
		name     string
		faults   []speechfake.Fault
		endpoint string // default the fake's
		timeout  time.Duration
		want     error
		requests int
	}{
		{name: "server errors until the tries run out", faults: []speechfake.Fault{{Status: 500}, {Status: 502}, {Status: 503}}, want: speech.ErrUnavailable, requests: 3},
		{name: "slow endpoint", faults: []speechfake.Fault{{Hang: true}, {Hang: true}, {Hang: true}}, timeout: 300 * time.Millisecond, want: speech.ErrUnavailable, requests: 1},
		{name: "refused format", faults: []speechfake.Fault{{Status: 400}}, want: speech.ErrRejected, requests: 1},
		{name: "whisper.cpp error in a 200", faults: []speechfake.Fault{{WhisperError: "failed to read WAV file"}}, want: speech.ErrRejected, requests: 1},
		{name: "endpoint down", endpoint: downURL, want: speech.ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := speechfake.New("never heard")
			defer srv.Close()
			srv.Fail(tt.faults...)
			ep := tt.endpoint
			if ep == "" {
				ep = srv.URL()
			}
			timeout := tt.timeout
			if timeout == 0 {
				timeout = 20 * time.Second
			}
			c := newClient(t, speech.Config{Endpoint: ep, Timeout: timeout})
			start := time.Now()
			_, err := c.Transcribe(context.Background(), audio)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if tt.endpoint == "" && len(srv.Requests()) != tt.requests {
				t.Errorf("%d requests, want %d", len(srv.Requests()), tt.requests)
			}
			if el := time.Since(start); el > timeout+2*time.Second {
				t.Errorf("took %v, beyond the %v budget", el, timeout)
			}
		})
	}
}

func TestTranscribeWrongKey(t *testing.T) {
	srv := speechfake.New("x", speechfake.WithAPIKey("right"))
	defer srv.Close()
	c := newClient(t, speech.Config{Endpoint: srv.URL(), APIKey: "wrong"})
	_, err := c.Transcribe(context.Background(), speech.Audio{Data: []byte("x")})
	if !errors.Is(err, speech.ErrRejected) || !strings.Contains(err.Error(), "Incorrect API key") {
		t.Errorf("err = %v, want a rejection naming the key", err)
	}
	if strings.Contains(err.Error(), "wrong") {
		t.Errorf("the error shows the key: %v", err)
	}
}

func TestEndpointForms(t *testing.T) {
	for in, want := range map[string]string{
		"http://127.0.0.1:8080":                                     "http://127.0.0.1:8080/v1/audio/transcriptions",
		"http://127.0.0.1:8080/":                                    "http://127.0.0.1:8080/v1/audio/transcriptions",
		"https://api.openai.com/v1":                                 "https://api.openai.com/v1/audio/transcriptions",
		"http://localhost:8000/v1/audio/transcriptions":             "http://localhost:8000/v1/audio/transcriptions",
		"http://127.0.0.1:8080/inference":                           "http://127.0.0.1:8080/inference",
		"https://proxy.example.com/whisper/v1/audio/transcriptions": "https://proxy.example.com/whisper/v1/audio/transcriptions",
	} {
		c, err := speech.New(speech.Config{Endpoint: in})
		if err != nil || c.URL() != want {
			t.Errorf("New(%q).URL() = %v, %v; want %s", in, c, err, want)
			continue
		}
	}
	for _, bad := range []string{"", "127.0.0.1:8080", "ftp://host/", "http://"} {
		if _, err := speech.New(speech.Config{Endpoint: bad}); err == nil {
			t.Errorf("New(%q) accepted", bad)
		}
	}
	if _, err := speech.New(speech.Config{Endpoint: "http://[::1"}); err == nil {
		t.Error("a malformed URL was accepted")
	}
}
