package bot

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/interviewbot/interviewbot/bot/speech"
)

// MediaKind tells what a message carries instead of text.
type MediaKind string

// The kinds of media. Voice, audio and video notes are heard: their speech
// is an answer. The others are not answers at all.
const (
	// MediaVoice is a voice message recorded in the chat app.
	MediaVoice MediaKind = "voice"
	// MediaAudio is an audio file.
	MediaAudio MediaKind = "audio"
	// MediaVideoNote is a round video message (Telegram); its sound track
	// is heard.
	MediaVideoNote MediaKind = "video_note"
	// MediaSticker is a sticker.
	MediaSticker MediaKind = "sticker"
	// MediaPhoto is a picture without a caption.
	MediaPhoto MediaKind = "photo"
	// MediaOther is any other content: a video, a file, a location, a poll.
	MediaOther MediaKind = "other"
)

// Media is what a message carries besides (or instead of) text. Adapters
// describe it from the platform's metadata and hand the core a way to
// download it; the core decides whether to (a question is open, the
// recording is within the limits) and transcribes it itself.
type Media struct {
	Kind MediaKind
	// Name is the file name, if the platform gives one.
	Name string
	// MIME is the media type ("audio/ogg"), or "".
	MIME string
	// Size is the file size in bytes, or 0 when unknown.
	Size int64
	// Duration is the length the platform reports, or 0 when unknown (the
	// core then reads it from the file).
	Duration time.Duration
	// Open starts downloading the file; nil for media that cannot be
	// downloaded. A file that turns out larger than the platform allows
	// fails with an error wrapping ErrMediaTooLarge.
	Open func(ctx context.Context) (io.ReadCloser, error)
}

// Heard reports whether the media holds speech that can answer a question.
func (m *Media) Heard() bool {
	return m != nil && (m.Kind == MediaVoice || m.Kind == MediaAudio || m.Kind == MediaVideoNote)
}

// ErrMediaTooLarge marks a file too large to download (Telegram's bots may
// fetch files up to 20 MB).
var ErrMediaTooLarge = errors.New("media too large")

// Transcriber turns recorded speech into text. bot/speech's Client
// implements it over an OpenAI-compatible endpoint. Errors wrapping
// speech.ErrRejected mean the recording itself was refused; any other
// error is taken as passing (the endpoint down or slow).
type Transcriber interface {
	Transcribe(ctx context.Context, a speech.Audio) (speech.Transcript, error)
}

// TranscriberFunc adapts a function to Transcriber.
type TranscriberFunc func(ctx context.Context, a speech.Audio) (speech.Transcript, error)

// Transcribe calls f.
func (f TranscriberFunc) Transcribe(ctx context.Context, a speech.Audio) (speech.Transcript, error) {
	return f(ctx, a)
}

// Spoken is how a spoken answer was delivered, kept with its attempt for
// the feedback shown again and the trends in /stats and the interview
// report. The transcript itself is the attempt's Reply; the recording is
// never kept.
type Spoken struct {
	// Media is the kind of message it came in: voice, audio or video_note.
	Media MediaKind `json:"media"`
	// Seconds is the recording's length.
	Seconds float64 `json:"seconds"`
	// Unit is what the rate counts, "char" (Chinese) or "word"; Units is
	// how many were spoken, PerMinute the speaking rate.
	Unit      string  `json:"unit"`
	Units     int     `json:"units"`
	PerMinute float64 `json:"per_minute"`
	// Fillers counts the filler words, FillersPerMinute their rate,
	// TopFillers the three most frequent.
	Fillers          int           `json:"fillers"`
	FillersPerMinute float64       `json:"fillers_per_minute"`
	TopFillers       []FillerCount `json:"top_fillers,omitempty"`
	// Timed is set when the transcription had segment times; then
	// LongPauses counts the long silences and LongestPause (starting at
	// LongestPauseAt) is the longest, in seconds.
	Timed          bool    `json:"timed,omitempty"`
	LongPauses     int     `json:"long_pauses,omitempty"`
	LongestPause   float64 `json:"longest_pause,omitempty"`
	LongestPauseAt float64 `json:"longest_pause_at,omitempty"`
}

// SpokenTrend sums up a person's spoken answers, kept with the person so
// /stats shows their trend without reading every attempt (as it shows
// coverage from the totals).
type SpokenTrend struct {
	// Count counts the spoken answers.
	Count int `json:"count"`
	// Graded counts the spoken answers graded on key points, CoverageSum
	// adds up their coverage.
	Graded      int     `json:"graded"`
	CoverageSum float64 `json:"coverage_sum"`
	// Recent are the delivery figures of the latest spoken answers, oldest
	// first, at most recentSpoken.
	Recent []SpokenPoint `json:"recent,omitempty"`
}

// SpokenPoint is the delivery of one spoken answer in a trend.
type SpokenPoint struct {
	Unit             string  `json:"unit"`
	PerMinute        float64 `json:"per_minute"`
	FillersPerMinute float64 `json:"fillers_per_minute"`
}

// FillerCount is how often a filler word was said.
type FillerCount struct {
	Word  string `json:"word"`
	Count int    `json:"count"`
}
