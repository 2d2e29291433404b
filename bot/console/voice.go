package console

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"mime"
	"os"
	"path/filepath"
	"strings"

	"github.com/interviewbot/interviewbot/bot"
)

// audioTypes are the media types of the recordings /voice reads, by
// extension (the system's MIME table often lacks them).
var audioTypes = map[string]string{
	".ogg": "audio/ogg", ".oga": "audio/ogg", ".opus": "audio/ogg", ".wav": "audio/wav", ".mp3": "audio/mpeg",
	".m4a": "audio/mp4", ".aac": "audio/aac", ".flac": "audio/flac", ".webm": "audio/webm", ".mp4": "video/mp4",
}

// voiceEvent turns "/voice FILE" into a message carrying the recording,
// as a voice message is on a chat platform. A missing file is reported
// here and sends nothing.
func (a *Adapter) voiceEvent(path string) bot.Event {
	path = ExpandHome(strings.Trim(path, `"'`))
	if path == "" {
		return a.noteEvent(a.text("console.voice_usage"))
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return a.noteEvent(a.text("console.voice_not_found", path))
	case errors.Is(err, fs.ErrPermission):
		return a.noteEvent(a.text("console.voice_no_permission", path))
	case err != nil:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is in the note already
		}
		return a.noteEvent(a.text("console.voice_no_file", path, err))
	case info.IsDir():
		return a.noteEvent(a.text("console.voice_is_dir", path))
	}
	ext := strings.ToLower(filepath.Ext(path))
	mimeType := audioTypes[ext]
	if mimeType == "" {
		mimeType = mime.TypeByExtension(ext)
	}
	return bot.Event{Kind: bot.EventMessage, Media: &bot.Media{
		Kind: bot.MediaAudio, Name: filepath.Base(path), MIME: mimeType, Size: info.Size(),
		Open: func(context.Context) (io.ReadCloser, error) { return os.Open(path) },
	}}
}

// ExpandHome reads a leading ~ as the home directory, as a shell would
// have: /voice ~/rec.wav, and the notes paths of the configuration file.
func ExpandHome(path string) string {
	rest, ok := strings.CutPrefix(path, "~")
	if !ok || rest != "" && rest[0] != '/' && rest[0] != filepath.Separator {
		return path
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return path
	}
	return home + rest
}

// noteEvent is an event the adapter answers itself: a note printed, nothing
// sent to the core.
func (a *Adapter) noteEvent(note string) bot.Event {
	return bot.Event{Kind: eventNote, Text: note}
}

// eventNote marks an event the adapter handles itself (see noteEvent).
const eventNote bot.EventKind = -1
