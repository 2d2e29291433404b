package telegramfake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// maxUpload bounds request bodies; Telegram accepts 50 MB uploads.
const maxUpload = 50 << 20

// upload is a file sent in a multipart request.
type upload struct {
	filename    string
	contentType string
	data        []byte
}

// params are the parameters of one request, whatever its encoding. Values
// that are JSON objects or arrays (reply_markup, commands, scope …) are kept
// as JSON text, as they arrive in form-encoded requests.
type params struct {
	values map[string]string
	files  map[string]upload
}

// parseParams reads the query string and a form-urlencoded, multipart or
// JSON body. A malformed body gives a 400 error.
func parseParams(w http.ResponseWriter, r *http.Request) (params, error) {
	p := params{values: make(map[string]string), files: make(map[string]upload)}
	for k, v := range r.URL.Query() {
		if len(v) > 0 {
			p.values[k] = v[0]
		}
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	switch ct {
	case "multipart/form-data":
		if err := r.ParseMultipartForm(maxUpload); err != nil {
			return p, badRequest("can't parse multipart request: %v", err)
		}
		for k, v := range r.MultipartForm.Value {
			if len(v) > 0 {
				p.values[k] = v[0]
			}
		}
		for k, fhs := range r.MultipartForm.File {
			if len(fhs) == 0 {
				continue
			}
			fh := fhs[0]
			f, err := fh.Open()
			if err != nil {
				return p, badRequest("can't read file %q: %v", k, err)
			}
			data, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				return p, badRequest("can't read file %q: %v", k, err)
			}
			p.files[k] = upload{filename: fh.Filename, contentType: fh.Header.Get("Content-Type"), data: data}
		}
	case "application/json":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return p, badRequest("can't read request body: %v", err)
		}
		if len(bytes.TrimSpace(body)) == 0 {
			return p, nil
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(body, &obj); err != nil {
			return p, badRequest("can't parse JSON object")
		}
		for k, raw := range obj {
			raw = bytes.TrimSpace(raw)
			switch {
			case string(raw) == "null":
			case len(raw) > 0 && raw[0] == '"':
				var v string
				if err := json.Unmarshal(raw, &v); err != nil {
					return p, badRequest("can't parse JSON object")
				}
				p.values[k] = v
			default:
				p.values[k] = string(raw)
			}
		}
	default:
		if err := r.ParseForm(); err != nil {
			return p, badRequest("can't parse request: %v", err)
		}
		for k, v := range r.PostForm {
			if len(v) > 0 {
				p.values[k] = v[0]
			}
		}
	}
	return p, nil
}

// str returns a parameter, or "" when it is absent.
func (p params) str(name string) string { return p.values[name] }

// has reports whether a parameter is present.
func (p params) has(name string) bool {
	_, ok := p.values[name]
	return ok
}

// int returns an integer parameter; ok is false when it is absent or not
// an integer.
func (p params) int(name string) (v int64, ok bool) {
	s, present := p.values[name]
	if !present {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

// bool returns a boolean parameter the way Telegram reads it.
func (p params) bool(name string) bool {
	switch strings.ToLower(strings.TrimSpace(p.values[name])) {
	case "true", "1":
		return true
	}
	return false
}

// json decodes a JSON-typed parameter into v; it reports false when the
// parameter is absent.
func (p params) json(name string, v any) (bool, error) {
	s, ok := p.values[name]
	if !ok || s == "" {
		return false, nil
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return true, fmt.Errorf("parameter %s: %w", name, err)
	}
	return true, nil
}
