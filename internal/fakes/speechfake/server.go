// Package speechfake is a fake transcription service for tests: an
// httptest server on 127.0.0.1 that speaks the OpenAI-compatible API
// (POST /v1/audio/transcriptions, multipart file, model, language,
// response_format, prompt) and answers verbose_json with timed segments,
// as whisper.cpp's server and hosted APIs do.
//
// It checks requests the way a real endpoint does (a file, a model, a
// known response format, the bearer token when one is set), records them,
// and reports the recording's real duration when it can read it (WAV, Ogg).
// What it "hears" is scripted: a fixed transcript, or a function of the
// request. Faults (5xx, 429, a hung request, whisper.cpp's error in a 200
// answer) are scripted too.
package speechfake

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/interviewbot/interviewbot/bot/speech"
)

// Path is the route the fake serves.
const Path = speech.TranscriptionsPath

// maxUpload is the largest upload accepted, OpenAI's limit.
const maxUpload = 25 << 20

// Request is a transcription request the fake received.
type Request struct {
	File           []byte
	FileName       string
	FileType       string // the part's Content-Type
	Model          string
	Language       string
	ResponseFormat string
	Prompt         string
	Authorization  string
	// Duration is the recording's length read from the file, or 0.
	Duration time.Duration
}

// Segment is a stretch of scripted speech, in seconds.
type Segment struct {
	Start, End float64
	Text       string
}

// Answer is what the fake hears in a recording.
type Answer struct {
	Text     string
	Language string // default: the request's language, else "en"
	// Segments default to the text split at sentence ends, spread evenly
	// over the recording.
	Segments []Segment
	// Duration overrides the duration reported (seconds); default the
	// recording's, read from the file.
	Duration float64
}

// Fault is a scripted failure.
type Fault struct {
	// Status is the HTTP status to answer (500, 503, 429 …), with an
	// OpenAI-style error body.
	Status int
	// RetryAfter is sent with a 429, in seconds.
	RetryAfter int
	// Hang holds the request until the client gives up or the server
	// closes.
	Hang bool
	// WhisperError answers 200 with {"error": WhisperError}, as
	// whisper.cpp's server reports a file it cannot read.
	WhisperError string
}

// Server is the fake. Its methods are safe for concurrent use.
type Server struct {
	srv    *httptest.Server
	apiKey string
	done   chan struct{}
	once   sync.Once

	mu       sync.Mutex
	hear     func(Request) Answer
	faults   []Fault
	requests []Request
}

// Option configures a Server.
type Option func(*Server)

// WithAPIKey makes the fake require "Authorization: Bearer key".
func WithAPIKey(key string) Option { return func(s *Server) { s.apiKey = key } }

// New starts a fake that hears text in every recording. Call Close when
// done.
func New(text string, opts ...Option) *Server {
	s := &Server{done: make(chan struct{})}
	s.hear = func(Request) Answer { return Answer{Text: text} }
	for _, o := range opts {
		o(s)
	}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	if l, err := net.Listen("tcp", "127.0.0.1:0"); err == nil {
		s.srv.Listener.Close()
		s.srv.Listener = l
	}
	s.srv.Start()
	return s
}

// Close stops the server, releasing hung requests.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.done)
		s.srv.CloseClientConnections()
		s.srv.Close()
	})
}

// URL returns the base URL (http://127.0.0.1:PORT), the value of
// speech.endpoint.
func (s *Server) URL() string { return s.srv.URL }

// Hear scripts what the fake hears from now on.
func (s *Server) Hear(fn func(Request) Answer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hear = fn
}

// Fail makes the next len(faults) requests fail, in order.
func (s *Server) Fail(faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, faults...)
}

// Requests returns the requests received, faulted ones included.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != Path {
		writeError(w, http.StatusNotFound, "Invalid URL (POST "+r.URL.Path+")")
		return
	}
	if r.Method != http.MethodPost {
		writeError(w, http.StatusMethodNotAllowed, "only POST is allowed")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload+1<<20)
	req, status, msg := s.read(r)
	if status != 0 {
		writeError(w, status, msg)
		return
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	var fault *Fault
	if len(s.faults) > 0 {
		f := s.faults[0]
		s.faults = s.faults[1:]
		fault = &f
	}
	hear := s.hear
	s.mu.Unlock()
	if fault != nil {
		s.fault(w, r, *fault)
		return
	}
	if req.ResponseFormat != "verbose_json" && req.ResponseFormat != "json" {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("response_format %q is not supported by this fake", req.ResponseFormat))
		return
	}
	writeJSON(w, http.StatusOK, verbose(req, hear(req)))
}

// read parses and checks a request. A non-zero status rejects it.
func (s *Server) read(r *http.Request) (Request, int, string) {
	req := Request{Authorization: r.Header.Get("Authorization")}
	if s.apiKey != "" && req.Authorization != "Bearer "+s.apiKey {
		return req, http.StatusUnauthorized, "Incorrect API key provided."
	}
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		return req, http.StatusBadRequest, "could not parse multipart form: " + err.Error()
	}
	f, h, err := r.FormFile("file")
	if err != nil {
		return req, http.StatusBadRequest, "you must provide a file"
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxUpload+1))
	if err != nil || len(data) == 0 {
		return req, http.StatusBadRequest, "the audio file is empty"
	}
	if len(data) > maxUpload {
		return req, http.StatusRequestEntityTooLarge, "Maximum content size limit exceeded"
	}
	req.File, req.FileName, req.FileType = data, h.Filename, h.Header.Get("Content-Type")
	req.Model = r.FormValue("model")
	req.Language = r.FormValue("language")
	req.ResponseFormat = r.FormValue("response_format")
	req.Prompt = r.FormValue("prompt")
	if req.ResponseFormat == "" {
		req.ResponseFormat = "json"
	}
	if req.Model == "" {
		return req, http.StatusBadRequest, "you must provide a model parameter"
	}
	if d, ok := speech.Duration(data); ok {
		req.Duration = d
	}
	return req, 0, ""
}

// fault answers a scripted failure.
func (s *Server) fault(w http.ResponseWriter, r *http.Request, f Fault) {
	switch {
	case f.Hang:
		select {
		case <-r.Context().Done():
		case <-s.done:
		}
	case f.WhisperError != "":
		writeJSON(w, http.StatusOK, map[string]string{"error": f.WhisperError})
	default:
		if f.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(f.RetryAfter))
		}
		writeError(w, f.Status, http.StatusText(f.Status))
	}
}

// verbose renders an answer as verbose_json.
func verbose(req Request, a Answer) map[string]any {
	dur := a.Duration
	if dur == 0 {
		dur = req.Duration.Seconds()
	}
	lang := a.Language
	if lang == "" {
		lang = req.Language
	}
	if lang == "" {
		lang = "en"
	}
	segs := a.Segments
	if segs == nil {
		segs = spread(a.Text, dur)
	}
	out := make([]map[string]any, 0, len(segs))
	for i, sg := range segs {
		out = append(out, map[string]any{
			"id": i, "seek": 0, "start": sg.Start, "end": sg.End, "text": " " + strings.TrimSpace(sg.Text),
			"tokens": []int{}, "temperature": 0.0, "avg_logprob": -0.2, "compression_ratio": 1.2, "no_speech_prob": 0.01,
		})
	}
	return map[string]any{"task": "transcribe", "language": lang, "duration": dur, "text": " " + strings.TrimSpace(a.Text), "segments": out}
}

// spread splits text at sentence ends and spreads the pieces evenly over
// dur seconds.
func spread(text string, dur float64) []Segment {
	var parts []string
	cur := strings.Builder{}
	for _, r := range text {
		cur.WriteRune(r)
		if strings.ContainsRune("。！？.!?", r) {
			if p := strings.TrimSpace(cur.String()); p != "" {
				parts = append(parts, p)
			}
			cur.Reset()
		}
	}
	if p := strings.TrimSpace(cur.String()); p != "" {
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		return []Segment{}
	}
	if dur <= 0 {
		dur = float64(len(parts)) * 3
	}
	step := dur / float64(len(parts))
	segs := make([]Segment, len(parts))
	for i, p := range parts {
		segs[i] = Segment{Start: float64(i) * step, End: float64(i+1) * step, Text: p}
	}
	return segs
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"error": map[string]any{"message": msg, "type": "invalid_request_error", "param": nil, "code": nil}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
