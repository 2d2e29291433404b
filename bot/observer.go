package bot

import "time"

// Observer receives the core's measurements. cmd exposes them as
// Prometheus metrics; the core itself stays free of any metrics library.
type Observer interface {
	// EventHandled is called after each event, with how long the core took
	// and how many replies it returned.
	EventHandled(p Platform, kind string, took time.Duration, replies int)
	// Throttled is called for each event dropped by the flood limit.
	Throttled(p Platform)
	// PushSent is called for each delivered push, with its lag: the time
	// from when it was due to when it went out.
	PushSent(p Platform, lag time.Duration)
	// PushFailed is called for each failed push send, with the kind of
	// failure: "undeliverable", "retry" or "gave_up".
	PushFailed(p Platform, kind string)
}

// String names the event kind for logs and metrics.
func (k EventKind) String() string {
	switch k {
	case EventCommand:
		return "command"
	case EventAction:
		return "action"
	case EventOpen:
		return "open"
	default:
		return "message"
	}
}

// Kinds of failed platform calls that adapters report.
const (
	SendRateLimited   = "rate_limited"  // a 429 (retried)
	SendServer        = "server"        // a 5xx (retried)
	SendNetwork       = "network"       // no response: reset, timeout, refused (retried)
	SendUndeliverable = "undeliverable" // the chat can never be reached
	SendOther         = "other"         // anything else (a 400 …)
)

// SendObserver receives an adapter's failed platform calls, one per failed
// try (a call retried twice then sent is two failures). cmd counts them as
// metrics.
type SendObserver interface {
	SendFailed(p Platform, kind string)
}
