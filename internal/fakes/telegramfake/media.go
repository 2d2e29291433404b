package telegramfake

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif"  // register decoders for photo dimensions
	_ "image/jpeg" // register decoders for photo dimensions
	_ "image/png"  // register decoders for photo dimensions
	"mime"
	"net/http"
	"path"
	"strings"
)

// sendPhoto posts a photo: an uploaded file (multipart), a file_id the fake
// issued before, or an HTTP URL (recorded, never fetched).
func (s *Server) sendPhoto(c *call) (any, error) {
	return s.sendMedia(c, "photo")
}

// sendDocument posts a document, like sendPhoto.
func (s *Server) sendDocument(c *call) (any, error) {
	return s.sendMedia(c, "document")
}

// sendMedia implements sendPhoto and sendDocument.
func (s *Server) sendMedia(c *call, field string) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, err := s.sendableChatLocked(c.p.str("chat_id"))
	if err != nil {
		return nil, err
	}
	f, err := s.formatText(c.p.str("caption"), c.p.str("parse_mode"), c.p.str("caption_entities"), true)
	if err != nil {
		return nil, err
	}
	mk, err := parseReplyMarkup(c.p.str("reply_markup"))
	if err != nil {
		return nil, err
	}
	replyTo, err := replyTarget(cs, c.p)
	if err != nil {
		return nil, err
	}
	file, err := s.inputFileLocked(c.p, field)
	if err != nil {
		return nil, err
	}
	o := outgoing{
		method: c.method, rawText: c.p.str("caption"), parseMode: c.p.str("parse_mode"),
		text: f, markup: mk, replyTo: replyTo,
	}
	if field == "photo" {
		sizes, err := photoSizes(file)
		if err != nil {
			return nil, err
		}
		o.photo, o.sizes = file, sizes
	} else {
		o.document = file
	}
	return s.postLocked(cs, o), nil
}

// inputFileLocked reads the file parameter: an upload, a known file_id or a
// URL.
func (s *Server) inputFileLocked(p params, field string) (*File, error) {
	if up, ok := p.files[field]; ok {
		ct := up.contentType
		if ct == "" || ct == "application/octet-stream" {
			ct = mime.TypeByExtension(strings.ToLower(path.Ext(up.filename)))
		}
		if ct == "" {
			ct = http.DetectContentType(up.data)
		}
		if mt, _, err := mime.ParseMediaType(ct); err == nil {
			ct = mt
		}
		f := &File{FileID: fmt.Sprintf("BQACAgIAAx%s%d", field, s.nextSeqLocked()), Name: up.filename, ContentType: ct, Data: up.data}
		s.files[f.FileID] = f
		return f, nil
	}
	ref := strings.TrimSpace(p.str(field))
	switch {
	case ref == "":
		return nil, badRequest("there is no %s in the request", field)
	case strings.HasPrefix(ref, "attach://"):
		return nil, badRequest("wrong file identifier/HTTP URL specified")
	case strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://"):
		f := &File{FileID: fmt.Sprintf("BQACAgIAAx%s%d", field, s.nextSeqLocked()), Name: path.Base(ref), URL: ref}
		s.files[f.FileID] = f
		return f, nil
	}
	f, ok := s.files[ref]
	if !ok {
		return nil, badRequest("wrong file identifier/HTTP URL specified")
	}
	return f, nil
}

// photoSizes returns the sizes Telegram reports for a photo: a thumbnail
// and the photo scaled to fit 1280×1280. Uploads must be decodable images.
func photoSizes(f *File) ([]photoSize, error) {
	w, h := 800, 600 // URLs are not fetched: report a plausible size
	if f.Data != nil {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(f.Data))
		if err != nil {
			return nil, badRequest("IMAGE_PROCESS_FAILED")
		}
		w, h = cfg.Width, cfg.Height
	}
	var sizes []photoSize
	for i, box := range []int{90, 320, 800, 1280} {
		sw, sh := fit(w, h, box)
		last := sw == w && sh == h || box == 1280
		size := photoSize{FileID: fmt.Sprintf("%s_%d", f.FileID, i), FileUniqueID: uniqueID(f.FileID) + fmt.Sprint(i), Width: sw, Height: sh}
		if last {
			size.FileID = f.FileID
			size.FileSize = len(f.Data)
			sizes = append(sizes, size)
			break
		}
		sizes = append(sizes, size)
	}
	return sizes, nil
}

// fit scales w×h down to fit a box×box square.
func fit(w, h, box int) (int, int) {
	if w <= box && h <= box {
		return w, h
	}
	if w >= h {
		return box, max(1, h*box/w)
	}
	return max(1, w*box/h), box
}

// uniqueID derives a file_unique_id from a file_id.
func uniqueID(fileID string) string {
	if len(fileID) > 12 {
		return "AQAD" + fileID[len(fileID)-8:]
	}
	return "AQAD" + fileID
}
