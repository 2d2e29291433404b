package discordfake

import (
	"net/http"
	"strconv"
	"time"
)

// FaultKind selects what a scripted Fault answers.
type FaultKind int

// Fault kinds.
const (
	// FaultRateLimit answers 429 for the route's bucket (scope "user").
	FaultRateLimit FaultKind = iota + 1
	// FaultGlobalRateLimit answers a global 429.
	FaultGlobalRateLimit
	// FaultServerError answers a 5xx with Discord's JSON error body.
	FaultServerError
	// FaultProxyError answers a 5xx with an HTML body, as Discord's
	// front proxy does for 502 and 503.
	FaultProxyError
	// FaultHang never answers: the request is held until the client gives up
	// (its context or timeout) or the server closes.
	FaultHang
)

// Fault scripts failures for the next requests to a route.
type Fault struct {
	Kind FaultKind
	// Times is how many requests fail; values below 1 mean 1.
	Times int
	// Status is the HTTP status of FaultServerError (default 500) and
	// FaultProxyError (default 502).
	Status int
	// RetryAfter is the retry_after of rate limits; zero means the
	// WithRetryAfter value (50 ms by default).
	RetryAfter time.Duration
}

// fault is an injected Fault with its remaining count.
type fault struct {
	Fault
	route string
	left  int
}

// InjectFault makes the next f.Times requests to route (a Route constant, or
// AnyRoute) fail as f describes. Faults apply in injection order; a request
// consumes at most one.
func (s *Server) InjectFault(route string, f Fault) {
	if f.Times < 1 {
		f.Times = 1
	}
	if f.RetryAfter <= 0 {
		f.RetryAfter = s.cfg.retryAfter
	}
	if f.Status == 0 {
		f.Status = http.StatusInternalServerError
		if f.Kind == FaultProxyError {
			f.Status = http.StatusBadGateway
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{Fault: f, route: route, left: f.Times})
}

// RateLimitNext makes the next n requests to route answer 429 for the
// route's bucket.
func (s *Server) RateLimitNext(route string, n int) {
	s.InjectFault(route, Fault{Kind: FaultRateLimit, Times: n})
}

// GlobalRateLimitNext makes the next n requests, to any route, answer a
// global 429.
func (s *Server) GlobalRateLimitNext(n int) {
	s.InjectFault(AnyRoute, Fault{Kind: FaultGlobalRateLimit, Times: n})
}

// FailNext makes the next n requests to route answer status (500, 502,
// 503...) with a JSON body.
func (s *Server) FailNext(route string, n, status int) {
	s.InjectFault(route, Fault{Kind: FaultServerError, Times: n, Status: status})
}

// FailNextNonJSON makes the next n requests to route answer status with an
// HTML proxy error page instead of JSON.
func (s *Server) FailNextNonJSON(route string, n, status int) {
	s.InjectFault(route, Fault{Kind: FaultProxyError, Times: n, Status: status})
}

// HangNext makes the next n requests to route hang without an answer.
func (s *Server) HangNext(route string, n int) {
	s.InjectFault(route, Fault{Kind: FaultHang, Times: n})
}

// ClearFaults removes every pending fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// takeFault consumes the first pending fault for route, if any.
func (s *Server) takeFault(route string) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if f.route != route && f.route != AnyRoute {
			continue
		}
		f.left--
		if f.left <= 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		out := f.Fault
		return &out
	}
	return nil
}

// faultResponse renders a scripted failure.
func (s *Server) faultResponse(f *Fault, rt *route) response {
	switch f.Kind {
	case FaultRateLimit:
		return rateLimitResponse(rt, f.RetryAfter, false)
	case FaultGlobalRateLimit:
		return rateLimitResponse(rt, f.RetryAfter, true)
	case FaultProxyError:
		text := strconv.Itoa(f.Status) + " " + http.StatusText(f.Status)
		body := "<html>\r\n<head><title>" + text + "</title></head>\r\n<body>\r\n<center><h1>" + text +
			"</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n"
		return response{status: f.Status, contentType: "text/html", body: []byte(body)}
	default:
		resp := plainError(f.Status)
		resp.header = http.Header{}
		s.rateLimitHeaders(resp.header, rt)
		return resp
	}
}
