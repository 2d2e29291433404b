package telegram

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/bot"
)

// The adapter does not transcribe: it tells the core what a message
// carries (kind, name, type, size, the sender's duration) and how to fetch
// it — getFile, then a download from the file endpoint beside the
// configured API endpoint. The core decides whether to.

// mediaOf describes what a message carries instead of text, or nil for a
// text message or a service message (a member joining, a pin …).
func (a *Adapter) mediaOf(m *tgbotapi.Message) *bot.Media {
	switch {
	case m.Voice != nil:
		return a.fileMedia(bot.MediaVoice, m.Voice.FileID, "voice.ogg", orDefault(m.Voice.MimeType, "audio/ogg"), m.Voice.FileSize, m.Voice.Duration)
	case m.Audio != nil:
		return a.fileMedia(bot.MediaAudio, m.Audio.FileID, orDefault(m.Audio.FileName, "audio"+extension(m.Audio.MimeType)), m.Audio.MimeType, m.Audio.FileSize, m.Audio.Duration)
	case m.VideoNote != nil:
		return a.fileMedia(bot.MediaVideoNote, m.VideoNote.FileID, "video_note.mp4", "video/mp4", m.VideoNote.FileSize, m.VideoNote.Duration)
	case m.Document != nil && strings.HasPrefix(m.Document.MimeType, "audio/"):
		// A recording sent as a file: heard like an audio file; the
		// duration is read from the file.
		return a.fileMedia(bot.MediaAudio, m.Document.FileID, orDefault(m.Document.FileName, "audio"+extension(m.Document.MimeType)), m.Document.MimeType, m.Document.FileSize, 0)
	case m.Sticker != nil:
		return &bot.Media{Kind: bot.MediaSticker}
	case len(m.Photo) > 0:
		return &bot.Media{Kind: bot.MediaPhoto}
	case m.Animation != nil || m.Video != nil || m.Document != nil || m.Location != nil || m.Contact != nil ||
		m.Poll != nil || m.Dice != nil || m.Venue != nil || m.Game != nil:
		return &bot.Media{Kind: bot.MediaOther}
	}
	return nil
}

// fileMedia describes a file the core may download.
func (a *Adapter) fileMedia(kind bot.MediaKind, fileID, name, mimeType string, size, seconds int) *bot.Media {
	return &bot.Media{
		Kind: kind, Name: name, MIME: mimeType, Size: int64(max(size, 0)),
		Duration: time.Duration(max(seconds, 0)) * time.Second,
		Open:     func(ctx context.Context) (io.ReadCloser, error) { return a.openFile(ctx, fileID) },
	}
}

// openFile asks Telegram where a file is (getFile) and starts downloading
// it. Telegram refuses files over 20 MB to bots: that is
// bot.ErrMediaTooLarge.
func (a *Adapter) openFile(ctx context.Context, fileID string) (io.ReadCloser, error) {
	var f tgbotapi.File
	_, err := a.do(ctx, callSpec{method: "getFile", tries: 3}, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		var err error
		f, err = api.GetFile(tgbotapi.FileConfig{FileID: fileID})
		return nil, err
	})
	if ae := asAPIError(err); ae != nil && ae.hasDescription("file is too big") {
		return nil, fmt.Errorf("telegram: getFile: %w", bot.ErrMediaTooLarge)
	}
	if err != nil {
		return nil, a.redact.Error(err)
	}
	if f.FilePath == "" {
		return nil, errors.New("telegram: getFile: no file_path in the answer")
	}
	if filepath.IsAbs(f.FilePath) {
		// A Bot API server of our own in --local mode answers with the
		// file's path on its disk, and serves no downloads.
		file, err := os.Open(f.FilePath)
		if err != nil {
			return nil, fmt.Errorf("telegram: open local file: %w", err)
		}
		return file, nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.fileURL(f.FilePath), nil)
	if err != nil {
		return nil, a.redact.Error(fmt.Errorf("telegram: download file: %w", err))
	}
	resp, err := a.client.Do(req)
	if err != nil {
		return nil, a.redact.Error(fmt.Errorf("telegram: download file: %w", err))
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("telegram: download file: %s", resp.Status)
	}
	return resp.Body, nil
}

// fileURL is where a file is downloaded: /file/bot<token>/<path> on the
// host of the configured API endpoint (a self-hosted Bot API server, a
// test server), like tgbotapi.FileEndpoint for Telegram's own.
func (a *Adapter) fileURL(filePath string) string {
	e := a.cfg.APIEndpoint
	if i := strings.LastIndex(e, "/bot%s/"); i >= 0 {
		return e[:i] + "/file/bot" + a.cfg.Token + "/" + filePath
	}
	return fmt.Sprintf(tgbotapi.FileEndpoint, a.cfg.Token, filePath)
}

// showTyping shows "typing…" in a private chat while the core works on a
// recording (a transcription takes seconds). A failure changes nothing.
func (a *Adapter) showTyping(ctx context.Context, chat bot.Chat) {
	if chat.Kind != bot.Private {
		return
	}
	id, err := strconv.ParseInt(chat.ID, 10, 64)
	if err != nil {
		return
	}
	_, err = a.do(ctx, callSpec{method: "sendChatAction", tries: 1}, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.Request(tgbotapi.NewChatAction(id, tgbotapi.ChatTyping))
	})
	if err != nil {
		a.log.Debug("telegram sendChatAction failed", "err", a.redact.Error(err))
	}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// extension is a file extension for a media type, for a recording sent
// without a name: transcription endpoints pick the decoder by it.
func extension(mimeType string) string {
	switch mimeType {
	case "audio/mpeg", "audio/mp3":
		return ".mp3"
	case "audio/mp4", "audio/x-m4a", "audio/m4a", "audio/aac":
		return ".m4a"
	case "audio/wav", "audio/x-wav", "audio/wave":
		return ".wav"
	case "audio/flac", "audio/x-flac":
		return ".flac"
	}
	if ext := path.Ext(strings.ReplaceAll(mimeType, "/", ".")); ext != "" && len(ext) <= 6 {
		return ext
	}
	return ".ogg"
}
