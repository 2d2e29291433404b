package telegramfake

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// faultKind enumerates the kinds of Fault.
type faultKind int

const (
	faultError faultKind = iota + 1
	faultHTML
	faultHang
	faultReset
	faultEmpty
	faultDelay
	faultNoCode
)

// Fault is a scripted misbehaviour of the server. Build one with
// TooManyRequests, ServerError, ErrorResponse, ProxyError, Hang,
// ResetConnection, EmptyUpdates or Delay, and script it with Server.Fail.
type Fault struct {
	kind        faultKind
	code        int
	description string
	retryAfter  int
	delay       time.Duration
}

// TooManyRequests answers 429 like Telegram's flood control:
// {"ok":false,"error_code":429,"description":"Too Many Requests: retry
// after N","parameters":{"retry_after":N}}.
func TooManyRequests(retryAfter int) Fault {
	return Fault{kind: faultError, code: http.StatusTooManyRequests, retryAfter: retryAfter,
		description: "Too Many Requests: retry after " + strconv.Itoa(retryAfter)}
}

// ServerError answers a Bot API JSON error with a 5xx code, such as
// {"ok":false,"error_code":500,"description":"Internal Server Error"}.
func ServerError(code int) Fault {
	return ErrorResponse(code, http.StatusText(code))
}

// ErrorResponse answers a Bot API JSON error with any code and
// description, for example ErrorResponse(403, "Forbidden: bot was blocked
// by the user").
func ErrorResponse(code int, description string) Fault {
	return Fault{kind: faultError, code: code, description: description}
}

// ErrorWithoutCode answers status with a Bot API JSON error that has no
// error_code, {"ok":false,"description":…}, as some proxies in front of
// the Bot API do.
func ErrorWithoutCode(status int, description string) Fault {
	return Fault{kind: faultNoCode, code: status, description: description}
}

// ProxyError answers an HTML error page with the code, as a reverse proxy
// in front of the Bot API does (the body is not JSON).
func ProxyError(code int) Fault {
	return Fault{kind: faultHTML, code: code}
}

// Hang never answers: the request is held until the client gives up or the
// server closes.
func Hang() Fault { return Fault{kind: faultHang} }

// ResetConnection closes the connection abruptly (a TCP reset) without an
// answer.
func ResetConnection() Fault { return Fault{kind: faultReset} }

// EmptyUpdates answers {"ok":true,"result":[]} at once, ignoring getUpdates'
// timeout, like a misbehaving proxy.
func EmptyUpdates() Fault { return Fault{kind: faultEmpty} }

// Delay holds the request for d and then serves it normally.
func Delay(d time.Duration) Fault { return Fault{kind: faultDelay, delay: d} }

// name describes the fault in the request log.
func (f Fault) name() string {
	switch f.kind {
	case faultError:
		return fmt.Sprintf("error %d", f.code)
	case faultHTML:
		return fmt.Sprintf("proxy %d", f.code)
	case faultHang:
		return "hang"
	case faultReset:
		return "reset"
	case faultEmpty:
		return "empty"
	case faultDelay:
		return "delay " + f.delay.String()
	case faultNoCode:
		return fmt.Sprintf("error %d without error_code", f.code)
	}
	return "none"
}

// faultRule scripts a fault for some calls of a method.
type faultRule struct {
	method    string // lowercase; "" matches any method
	remaining int    // < 0: until cleared
	fault     Fault
}

// Fail scripts the next n calls of method ("" for any method, "file" for
// downloads from /file/bot<token>/; names are case-insensitive) to answer
// with f. With n < 0 the fault lasts until
// ClearFaults. Rules apply in the order they were added.
func (s *Server) Fail(method string, n int, f Fault) {
	if n == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &faultRule{method: strings.ToLower(method), remaining: n, fault: f})
}

// ClearFaults removes every scripted fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// ResetPolling resets the connections of the getUpdates requests that are
// waiting, as a network failure in the middle of a long poll would, and
// returns how many it reset.
func (s *Server) ResetPolling() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.polls)
	for p := range s.polls {
		delete(s.polls, p)
		close(p.reset)
	}
	s.notifyLocked()
	return n
}

// takeFault consumes the first fault scripted for a method.
func (s *Server) takeFault(method string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	lower := strings.ToLower(method)
	for i, r := range s.faults {
		if r.method != "" && r.method != lower {
			continue
		}
		if r.remaining > 0 {
			r.remaining--
			if r.remaining == 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
		}
		return r.fault, true
	}
	return Fault{}, false
}

// applyFault acts out a fault. It reports whether the request is finished
// and the status answered (0 for none).
func (s *Server) applyFault(c *call, f Fault) (bool, int) {
	switch f.kind {
	case faultError:
		writeError(c.w, &apiError{code: f.code, description: f.description, retryAfter: f.retryAfter})
		return true, f.code
	case faultHTML:
		text := fmt.Sprintf("%d %s", f.code, http.StatusText(f.code))
		c.w.Header().Set("Content-Type", "text/html")
		c.w.WriteHeader(f.code)
		fmt.Fprintf(c.w, "<html>\r\n<head><title>%s</title></head>\r\n<body>\r\n<center><h1>%s</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n", text, text)
		return true, f.code
	case faultHang:
		select {
		case <-c.r.Context().Done():
		case <-s.ctx.Done():
		}
		return true, 0
	case faultReset:
		resetConn(c.w)
		return true, 0
	case faultEmpty:
		writeJSON(c.w, http.StatusOK, map[string]any{"ok": true, "result": []any{}})
		return true, http.StatusOK
	case faultNoCode:
		writeJSON(c.w, f.code, map[string]any{"ok": false, "description": f.description})
		return true, f.code
	case faultDelay:
		t := time.NewTimer(f.delay)
		defer t.Stop()
		select {
		case <-t.C:
			return false, 0
		case <-c.r.Context().Done():
		case <-s.ctx.Done():
		}
		return true, 0
	}
	return false, 0
}
