package speech

import (
	"strings"
	"time"
)

// Audio is a recording to transcribe.
type Audio struct {
	// Data is the file's content.
	Data []byte
	// Name is the file name sent with it ("voice.ogg"); endpoints guess
	// the format from its extension.
	Name string
	// MIME is the file's media type ("audio/ogg"), or "".
	MIME string
	// Language is the spoken language as an ISO-639-1 code ("zh", "en"),
	// or "" to let the endpoint detect it.
	Language string
}

// Segment is a stretch of speech with its place in the recording.
type Segment struct {
	Start, End time.Duration
	Text       string
}

// Transcript is what an endpoint heard.
type Transcript struct {
	// Text is the whole transcript.
	Text string
	// Language is the language the endpoint reports ("zh", or whisper.cpp's
	// "chinese"), or "".
	Language string
	// Duration is the recording's length as the endpoint measured it, or 0.
	Duration time.Duration
	// Segments are the timed stretches of speech, when the endpoint gives
	// them.
	Segments []Segment
}

// normalize trims the text and, when the endpoint sent segments but no
// text, joins them.
func (t Transcript) normalize() Transcript {
	t.Text = strings.TrimSpace(t.Text)
	if t.Text == "" && len(t.Segments) > 0 {
		parts := make([]string, 0, len(t.Segments))
		for _, s := range t.Segments {
			if s := strings.TrimSpace(s.Text); s != "" {
				parts = append(parts, s)
			}
		}
		t.Text = strings.Join(parts, " ")
	}
	// whisper.cpp ends every segment with a newline: a transcript is one
	// paragraph of speech.
	t.Text = strings.Join(strings.Fields(t.Text), " ")
	return t
}
