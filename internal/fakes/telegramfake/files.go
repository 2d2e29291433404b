package telegramfake

import (
	"fmt"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// maxDownload is the largest file a bot may download with getFile.
const maxDownload = 20 << 20

// Upload is a file a user sends, see SendMedia.
type Upload struct {
	// Kind is the message field the file goes in: "voice", "audio",
	// "video_note", "sticker", "photo" or "document".
	Kind string
	Data []byte
	// MimeType is what the sender's app declares; voice messages default
	// to audio/ogg, video notes to video/mp4.
	MimeType string
	// FileName is the file's name (audio and documents).
	FileName string
	// Duration is the length in seconds the sender's app reports (voice,
	// audio, video notes); Telegram does not check it.
	Duration int
	Caption  string
	// ReplyTo is the id of a message of the chat the upload replies to.
	ReplyTo int
}

// audioFile is a Voice or Audio object.
type audioFile struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Duration     int    `json:"duration"`
	MimeType     string `json:"mime_type,omitempty"`
	FileName     string `json:"file_name,omitempty"`
	FileSize     int    `json:"file_size,omitempty"`
}

// videoNote is a VideoNote object.
type videoNote struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Length       int    `json:"length"`
	Duration     int    `json:"duration"`
	FileSize     int    `json:"file_size,omitempty"`
}

// sticker is a Sticker object.
type sticker struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Type         string `json:"type"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	IsAnimated   bool   `json:"is_animated"`
	IsVideo      bool   `json:"is_video"`
	Emoji        string `json:"emoji,omitempty"`
	FileSize     int    `json:"file_size,omitempty"`
}

// SendMedia simulates a user sending a file (a voice message, an audio
// file, a video note, a sticker, a photo or a document) and returns the
// message id. The file is stored the way Telegram stores it: getFile
// reports a file_path such as voice/file_3.oga, and the bot downloads it
// from /file/bot<token>/<file_path>. Group privacy mode applies as to
// text: a bot in privacy mode sees it only as a reply to its own message.
func (s *Server) SendMedia(chat Chat, from User, up Upload) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.chatLocked(chat)
	var replyTo *storedMessage
	if up.ReplyTo != 0 {
		m, ok := cs.messages[up.ReplyTo]
		if !ok {
			return 0, fmt.Errorf("telegramfake: send media: no message %d in chat %d", up.ReplyTo, cs.chat.ID)
		}
		replyTo = m
	}
	f := s.storeUploadLocked(up)
	wm := wireMessage{Caption: up.Caption}
	switch up.Kind {
	case "voice":
		wm.Voice = &audioFile{FileID: f.FileID, FileUniqueID: uniqueID(f.FileID), Duration: up.Duration, MimeType: f.ContentType, FileSize: len(f.Data)}
	case "audio":
		wm.Audio = &audioFile{FileID: f.FileID, FileUniqueID: uniqueID(f.FileID), Duration: up.Duration, MimeType: f.ContentType, FileName: f.Name, FileSize: len(f.Data)}
	case "video_note":
		wm.VideoNote = &videoNote{FileID: f.FileID, FileUniqueID: uniqueID(f.FileID), Length: 384, Duration: up.Duration, FileSize: len(f.Data)}
	case "sticker":
		wm.Sticker = &sticker{FileID: f.FileID, FileUniqueID: uniqueID(f.FileID), Type: "regular", Width: 512, Height: 512, Emoji: "👍", FileSize: len(f.Data)}
	case "photo":
		wm.Photo = []photoSize{{FileID: f.FileID, FileUniqueID: uniqueID(f.FileID), Width: 800, Height: 600, FileSize: len(f.Data)}}
	case "document":
		wm.Document = &document{FileID: f.FileID, FileUniqueID: uniqueID(f.FileID), FileName: f.Name, MimeType: f.ContentType, FileSize: len(f.Data)}
	default:
		return 0, fmt.Errorf("telegramfake: send media: unknown kind %q", up.Kind)
	}
	return s.userMessageLocked(chat, from, wm, replyTo), nil
}

// storeUploadLocked keeps a user's file under a file_id and a file_path
// like Telegram's.
func (s *Server) storeUploadLocked(up Upload) *File {
	ct := up.MimeType
	switch {
	case ct == "" && up.Kind == "voice":
		ct = "audio/ogg"
	case ct == "" && up.Kind == "video_note":
		ct = "video/mp4"
	case ct == "" && up.FileName != "":
		ct = mime.TypeByExtension(path.Ext(up.FileName))
	}
	dir, ext := map[string][2]string{
		"voice": {"voice", ".oga"}, "audio": {"music", ".mp3"}, "video_note": {"video_notes", ".mp4"},
		"sticker": {"stickers", ".webp"}, "photo": {"photos", ".jpg"}, "document": {"documents", ""},
	}[up.Kind][0], ""
	if e := path.Ext(up.FileName); e != "" {
		ext = e
	} else if up.Kind == "voice" {
		ext = ".oga"
	} else if exts, _ := mime.ExtensionsByType(ct); len(exts) > 0 {
		ext = exts[0]
	}
	n := s.nextSeqLocked()
	f := &File{
		FileID: fmt.Sprintf("AwACAgIAAx%s%d", strings.ReplaceAll(up.Kind, "_", ""), n), Name: up.FileName,
		ContentType: ct, Data: append([]byte(nil), up.Data...), Path: fmt.Sprintf("%s/file_%d%s", dir, n, ext),
	}
	s.files[f.FileID] = f
	return f
}

// getFile reports a file's path for download. Telegram refuses files over
// 20 MB to bots.
func (s *Server) getFile(c *call) (any, error) {
	id := c.p.str("file_id")
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[id]
	if !ok || id == "" {
		return nil, badRequest("invalid file_id")
	}
	if len(f.Data) > maxDownload {
		return nil, badRequest("file is too big")
	}
	if f.Path == "" {
		f.Path = "documents/file_" + strconv.FormatInt(s.nextSeqLocked(), 10)
	}
	return map[string]any{"file_id": f.FileID, "file_unique_id": uniqueID(f.FileID), "file_size": len(f.Data), "file_path": f.Path}, nil
}

// serveFile serves GET /file/bot<token>/<file_path>.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, "/file/bot")
	token, filePath, ok := strings.Cut(rest, "/")
	idx := s.logRequest("file", map[string]string{"file_path": filePath}, s.now(), 0)
	if !ok || token != s.token {
		writeError(w, &apiError{code: http.StatusUnauthorized, description: "Unauthorized"})
		s.finishRequest(idx, http.StatusUnauthorized, "")
		return
	}
	if f, ok := s.takeFault("file"); ok {
		c := &call{w: w, r: r, method: "file"}
		if handled, status := s.applyFault(c, f); handled {
			s.finishRequest(idx, status, f.name())
			return
		}
	}
	s.mu.Lock()
	var data []byte
	found := false
	for _, f := range s.files {
		if f.Path == filePath && f.Path != "" {
			data, found = f.Data, true
			break
		}
	}
	s.mu.Unlock()
	if !found || r.Method != http.MethodGet {
		writeError(w, &apiError{code: http.StatusNotFound, description: "Not Found"})
		s.finishRequest(idx, http.StatusNotFound, "")
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, _ = w.Write(data)
	s.finishRequest(idx, http.StatusOK, "")
}

// Downloads returns the file paths the bot downloaded (fully served), in
// order.
func (s *Server) Downloads() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, r := range s.requests {
		if r.Method == "file" && r.Status == http.StatusOK {
			out = append(out, r.Params["file_path"])
		}
	}
	return out
}
