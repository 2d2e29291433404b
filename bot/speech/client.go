package speech

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/interviewbot/interviewbot/bot/internal/retry"
)

// TranscriptionsPath is the path of the OpenAI-compatible transcription
// API, appended to an endpoint given as a base URL.
const TranscriptionsPath = "/v1/audio/transcriptions"

// ErrUnavailable marks a transcription that failed for a reason that may
// pass: the endpoint is down, overloaded or too slow for the time budget.
var ErrUnavailable = errors.New("speech: transcription endpoint unavailable")

// ErrRejected marks a recording the endpoint refused (an unsupported
// format, a file it cannot read): sending it again will not help.
var ErrRejected = errors.New("speech: recording rejected by the transcription endpoint")

// maxResponseBytes caps the answer read from an endpoint.
const maxResponseBytes = 4 << 20

// Config configures a Client. Zero fields take the defaults noted.
type Config struct {
	// Endpoint is the transcription service: a base URL
	// ("http://127.0.0.1:8080", "https://api.openai.com/v1") to which
	// /v1/audio/transcriptions is added, or the full URL of the
	// transcription route. Required.
	Endpoint string
	// APIKey is sent as a bearer token when set.
	APIKey string
	// Model is the model field; default "whisper-1" (servers that host one
	// model ignore it).
	Model string
	// Prompt is sent as the prompt field when set: text in the style to
	// transcribe (a line full of fillers keeps whisper from dropping them).
	Prompt string
	// Timeout is the time budget of one transcription, retries included;
	// default 2m.
	Timeout time.Duration
	// Tries is the number of attempts within the budget; default 3.
	Tries int
	// HTTPClient sends the requests; default a client of its own.
	HTTPClient *http.Client
}

// Client transcribes recordings through an OpenAI-compatible endpoint. It
// is safe for concurrent use.
type Client struct {
	url  string
	cfg  Config
	http *http.Client
}

// New returns a client for cfg. It checks the endpoint but does not
// contact it.
func New(cfg Config) (*Client, error) {
	u, err := transcriptionsURL(cfg.Endpoint)
	if err != nil {
		return nil, fmt.Errorf("speech: endpoint %q: %w", cfg.Endpoint, err)
	}
	if cfg.Model == "" {
		cfg.Model = "whisper-1"
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 2 * time.Minute
	}
	if cfg.Tries <= 0 {
		cfg.Tries = 3
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	return &Client{url: u, cfg: cfg, http: hc}, nil
}

// transcriptionsURL returns the URL to post recordings to.
func transcriptionsURL(endpoint string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(endpoint))
	if err != nil {
		return "", err
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "", errors.New("want an http:// or https:// URL")
	}
	p := strings.TrimRight(u.Path, "/")
	switch {
	case strings.HasSuffix(p, "/audio/transcriptions") || strings.HasSuffix(p, "/inference"):
	case strings.HasSuffix(p, "/v1"):
		p += "/audio/transcriptions"
	default:
		p += TranscriptionsPath
	}
	u.Path, u.RawPath = p, ""
	return u.String(), nil
}

// URL returns the URL the client posts recordings to.
func (c *Client) URL() string { return c.url }

// Transcribe sends a recording and returns what the endpoint heard. It
// retries network failures, timeouts, 429 and 5xx answers within the time
// budget; the error then wraps ErrUnavailable. A refused recording wraps
// ErrRejected.
func (c *Client) Transcribe(ctx context.Context, a Audio) (Transcript, error) {
	if len(a.Data) == 0 {
		return Transcript{}, fmt.Errorf("%w: empty recording", ErrRejected)
	}
	body, ctype, err := c.form(a)
	if err != nil {
		return Transcript{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	var last error
	for attempt := 1; attempt <= c.cfg.Tries; attempt++ {
		t, wait, err := c.try(ctx, body, ctype)
		if err == nil {
			return t, nil
		}
		last = err
		if errors.Is(err, ErrRejected) || attempt == c.cfg.Tries {
			break
		}
		if wait <= 0 {
			wait = backoff(attempt)
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			break // the budget ends before the next try could
		}
		if err := retry.Sleep(ctx, wait); err != nil {
			break
		}
	}
	if errors.Is(last, ErrRejected) {
		return Transcript{}, last
	}
	if ctx.Err() != nil && !errors.Is(last, ctx.Err()) {
		last = errors.Join(last, ctx.Err())
	}
	return Transcript{}, fmt.Errorf("%w: %w", ErrUnavailable, last)
}

// form builds the multipart body of a request.
func (c *Client) form(a Audio) ([]byte, string, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	name := a.Name
	if name == "" {
		name = "answer" + extensionFor(a.MIME)
	}
	h := make(textproto.MIMEHeader)
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename=%q`, sanitizeFileName(name)))
	ctype := a.MIME
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h.Set("Content-Type", ctype)
	part, err := w.CreatePart(h)
	if err != nil {
		return nil, "", fmt.Errorf("speech: build request: %w", err)
	}
	if _, err := part.Write(a.Data); err != nil {
		return nil, "", fmt.Errorf("speech: build request: %w", err)
	}
	fields := [][2]string{{"model", c.cfg.Model}, {"response_format", "verbose_json"}}
	if a.Language != "" {
		fields = append(fields, [2]string{"language", a.Language})
	}
	if c.cfg.Prompt != "" {
		fields = append(fields, [2]string{"prompt", c.cfg.Prompt})
	}
	for _, f := range fields {
		if err := w.WriteField(f[0], f[1]); err != nil {
			return nil, "", fmt.Errorf("speech: build request: %w", err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, "", fmt.Errorf("speech: build request: %w", err)
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

// try makes one request. wait is the Retry-After the endpoint asked for.
func (c *Client) try(ctx context.Context, body []byte, ctype string) (Transcript, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return Transcript{}, 0, fmt.Errorf("%w: %w", ErrRejected, err)
	}
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Accept", "application/json")
	if c.cfg.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+c.cfg.APIKey)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return Transcript{}, 0, fmt.Errorf("post %s: %w", c.url, unwrapURLError(err))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return Transcript{}, 0, fmt.Errorf("read answer: %w", err)
	}
	if len(data) > maxResponseBytes {
		return Transcript{}, 0, fmt.Errorf("%w: answer over %d bytes", ErrRejected, maxResponseBytes)
	}
	if resp.StatusCode != http.StatusOK {
		err := fmt.Errorf("%s: %s", resp.Status, errorMessage(data))
		switch {
		case resp.StatusCode == http.StatusTooManyRequests:
			return Transcript{}, retryAfter(resp.Header.Get("Retry-After")), err
		case resp.StatusCode >= 500 || resp.StatusCode == http.StatusRequestTimeout:
			return Transcript{}, 0, err
		}
		return Transcript{}, 0, fmt.Errorf("%w: %w", ErrRejected, err)
	}
	t, err := decode(data)
	if err != nil {
		return Transcript{}, 0, fmt.Errorf("%w: %w", ErrRejected, err)
	}
	return t, 0, nil
}

// unwrapURLError drops the *url.Error around a transport error: its text
// repeats the URL, which the caller names once.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// wireTranscript is verbose_json as OpenAI, whisper.cpp and faster-whisper
// servers write it. whisper.cpp reports failures with status 200 and an
// "error" string; OpenAI with an "error" object.
type wireTranscript struct {
	Text     string          `json:"text"`
	Language string          `json:"language"`
	Duration flexFloat       `json:"duration"`
	Segments []wireSegment   `json:"segments"`
	Error    json.RawMessage `json:"error"`
}

type wireSegment struct {
	Start flexFloat `json:"start"`
	End   flexFloat `json:"end"`
	Text  string    `json:"text"`
}

// flexFloat reads a number of seconds written as a number or a string.
type flexFloat float64

// UnmarshalJSON accepts 1.5, "1.5" and null.
func (f *flexFloat) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		*f = 0
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("want seconds, got %s", b)
	}
	*f = flexFloat(v)
	return nil
}

func (f flexFloat) duration() time.Duration {
	if f <= 0 || f > 1e7 {
		return 0
	}
	return time.Duration(float64(f) * float64(time.Second))
}

// decode reads a verbose_json answer.
func decode(data []byte) (Transcript, error) {
	var w wireTranscript
	if err := json.Unmarshal(data, &w); err != nil {
		return Transcript{}, fmt.Errorf("answer is not verbose_json: %w", err)
	}
	if len(w.Error) > 0 && string(w.Error) != "null" {
		return Transcript{}, fmt.Errorf("endpoint error: %s", errorMessage(data))
	}
	t := Transcript{Text: w.Text, Language: strings.ToLower(strings.TrimSpace(w.Language)), Duration: w.Duration.duration()}
	for _, s := range w.Segments {
		seg := Segment{Start: s.Start.duration(), End: s.End.duration(), Text: s.Text}
		if seg.End < seg.Start {
			seg.End = seg.Start
		}
		t.Segments = append(t.Segments, seg)
	}
	return t.normalize(), nil
}

// errorMessage extracts a readable message from an error body: OpenAI's
// {"error":{"message":…}}, whisper.cpp's {"error":"…"}, or the first
// characters of whatever came.
func errorMessage(data []byte) string {
	var body struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(data, &body) == nil && len(body.Error) > 0 {
		var s string
		if json.Unmarshal(body.Error, &s) == nil {
			return clip(s)
		}
		var obj struct {
			Message string `json:"message"`
		}
		if json.Unmarshal(body.Error, &obj) == nil && obj.Message != "" {
			return clip(obj.Message)
		}
	}
	return clip(strings.TrimSpace(string(data)))
}

func clip(s string) string {
	s = strings.ToValidUTF8(s, "?")
	if r := []rune(s); len(r) > 200 {
		return string(r[:200]) + "…"
	}
	return s
}

// retryAfter reads a Retry-After header given in seconds.
func retryAfter(h string) time.Duration {
	n, err := strconv.Atoi(strings.TrimSpace(h))
	if err != nil || n <= 0 {
		return 0
	}
	return time.Duration(min(n, 3600)) * time.Second
}

// backoff is the wait before attempt n+1: 500 ms doubled each time, with
// jitter in its upper half.
func backoff(n int) time.Duration {
	d := 500 * time.Millisecond << min(n-1, 5)
	return d/2 + rand.N(d/2+1)
}

// extensionFor returns the file extension endpoints expect for a media
// type; they pick the decoder by it.
func extensionFor(mimeType string) string {
	switch strings.ToLower(strings.TrimSpace(strings.Split(mimeType, ";")[0])) {
	case "audio/ogg", "audio/opus", "application/ogg":
		return ".ogg"
	case "audio/mpeg", "audio/mp3":
		return ".mp3"
	case "audio/mp4", "audio/m4a", "audio/x-m4a", "audio/aac":
		return ".m4a"
	case "audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave":
		return ".wav"
	case "audio/webm", "video/webm":
		return ".webm"
	case "audio/flac", "audio/x-flac":
		return ".flac"
	case "video/mp4":
		return ".mp4"
	}
	return ".ogg"
}

// sanitizeFileName keeps a file name printable and free of quotes and
// paths, for the Content-Disposition header.
func sanitizeFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == '"' || r == 0x7f {
			return '_'
		}
		return r
	}, strings.ToValidUTF8(name, "_"))
	if name == "" || name == "." || name == ".." {
		return "answer.ogg"
	}
	return name
}
