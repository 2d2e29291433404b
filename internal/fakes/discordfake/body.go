package discordfake

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"strings"
)

// messageBody is the message part of a request: a channel message create or
// edit, an interaction response's data, or a webhook execution. present
// records which fields the JSON named (even as null), for PATCH semantics.
type messageBody struct {
	present    map[string]bool
	Content    string            `json:"content"`
	Embeds     []Embed           `json:"embeds"`
	Components []Component       `json:"components"`
	Flags      int               `json:"flags"`
	TTS        bool              `json:"tts"`
	Reference  *MessageReference `json:"message_reference"`
	StickerIDs []string          `json:"sticker_ids"`
	Poll       json.RawMessage   `json:"poll"`
	Attachment []json.RawMessage `json:"attachments"`
	CustomID   string            `json:"custom_id"`
	Title      string            `json:"title"`
	files      []File
}

// has reports whether the JSON named the field.
func (b *messageBody) has(field string) bool { return b.present[field] }

// decodeMessageBody decodes a JSON object into a messageBody.
func decodeMessageBody(raw []byte) (messageBody, error) {
	var b messageBody
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return b, err
	}
	if fields == nil {
		return b, errors.New("body is not a JSON object")
	}
	if err := json.Unmarshal(raw, &b); err != nil {
		return b, err
	}
	b.present = map[string]bool{}
	for k := range fields {
		b.present[k] = true
	}
	if string(b.Poll) == "null" {
		b.Poll = nil
	}
	return b, nil
}

// splitBody returns the JSON payload and the uploaded files of a request:
// the body itself for application/json, or the payload_json part and the
// files[n] parts of multipart/form-data, as Discord accepts them.
func splitBody(r *request) ([]byte, []File, error) {
	ctype, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ctype != "multipart/form-data" {
		return r.body, nil, nil
	}
	mr := multipart.NewReader(bytes.NewReader(r.body), params["boundary"])
	var payload []byte
	var files []File
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return nil, nil, err
		}
		name := part.FormName()
		switch {
		case name == "payload_json":
			payload = data
		case strings.HasPrefix(name, "files[") || name == "file":
			files = append(files, File{Name: part.FileName(), ContentType: part.Header.Get("Content-Type"), Data: data})
		}
	}
	if payload == nil {
		payload = []byte("{}")
	}
	return payload, files, nil
}

// readMessageBody parses a message request body, JSON or multipart. The
// response is set when the body is malformed.
func readMessageBody(r *request) (messageBody, *response) {
	payload, files, err := splitBody(r)
	if err != nil {
		resp := errInvalidJSON()
		return messageBody{}, &resp
	}
	b, err := decodeMessageBody(payload)
	if err != nil {
		resp := errInvalidJSON()
		return messageBody{}, &resp
	}
	b.files = files
	return b, nil
}
