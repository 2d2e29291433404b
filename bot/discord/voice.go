package discord

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot"
)

// The adapter does not transcribe: it tells the core what a message's
// attachments are (a voice message: flag 8192, duration_secs and a
// waveform; an audio file; a picture; a sticker) and how to download one
// from its CDN URL. The core decides whether to.

// audioExtensions name audio files whose content type Discord left out.
var audioExtensions = map[string]bool{".ogg": true, ".oga": true, ".opus": true, ".mp3": true, ".m4a": true, ".wav": true, ".flac": true, ".webm": true, ".aac": true}

// mediaOf describes what a message carries besides its text, or nil.
func (a *Adapter) mediaOf(m *discordgo.Message) *bot.Media {
	voice := m.Flags&discordgo.MessageFlagsIsVoiceMessage != 0
	for _, at := range m.Attachments {
		switch {
		case at == nil:
		case voice || at.DurationSecs > 0 || at.Waveform != "":
			return a.attachmentMedia(bot.MediaVoice, at)
		case strings.HasPrefix(mediaType(at.ContentType), "audio/") || audioExtensions[strings.ToLower(path.Ext(at.Filename))]:
			return a.attachmentMedia(bot.MediaAudio, at)
		}
	}
	if len(m.StickerItems) > 0 {
		return &bot.Media{Kind: bot.MediaSticker}
	}
	for _, at := range m.Attachments {
		if at != nil && strings.HasPrefix(mediaType(at.ContentType), "image/") {
			return &bot.Media{Kind: bot.MediaPhoto}
		}
	}
	if len(m.Attachments) > 0 {
		return &bot.Media{Kind: bot.MediaOther}
	}
	return nil
}

// attachmentMedia describes an attachment the core may download.
func (a *Adapter) attachmentMedia(kind bot.MediaKind, at *discordgo.MessageAttachment) *bot.Media {
	url := at.URL
	return &bot.Media{
		Kind: kind, Name: at.Filename, MIME: mediaType(at.ContentType), Size: int64(max(at.Size, 0)),
		Duration: time.Duration(max(at.DurationSecs, 0) * float64(time.Second)),
		Open:     func(ctx context.Context) (io.ReadCloser, error) { return a.download(ctx, url) },
	}
}

// download fetches an attachment from the CDN. It carries no token: CDN
// URLs are signed. The session's transport is used (a proxy or a test
// server), without its overall timeout: the core bounds the download.
func (a *Adapter) download(ctx context.Context, url string) (io.ReadCloser, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("discord: download attachment: %w", err)
	}
	client := &http.Client{Transport: a.s.Client.Transport}
	resp, err := client.Do(req)
	if err != nil {
		return nil, redactError(a.red, fmt.Errorf("discord: download attachment: %w", err))
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("discord: download attachment: %s", resp.Status)
	}
	return resp.Body, nil
}

// mediaType is a content type without its parameters ("audio/ogg").
func mediaType(ct string) string {
	if mt, _, err := mime.ParseMediaType(ct); err == nil {
		return mt
	}
	return strings.ToLower(strings.TrimSpace(ct))
}
