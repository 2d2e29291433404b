package bot

import (
	"context"
	"errors"
	"time"
)

// Sender delivers a reply to a chat outside of any event: a scheduled push
// from the outbox. It returns the platform's ID of the sent message.
type Sender interface {
	Send(ctx context.Context, chat Chat, r Reply) (messageID string, err error)
}

// ErrUndeliverable marks a send that can never succeed (the chat is gone,
// the bot was blocked or removed). Adapters wrap such failures with it; the
// outbox then gives up instead of retrying.
var ErrUndeliverable = errors.New("undeliverable")

// Adapter connects the core to one platform.
type Adapter interface {
	Sender
	// Platform names the platform the adapter serves.
	Platform() Platform
	// Run receives events and hands them to the Replier until ctx is done,
	// then returns once in-flight replies are sent.
	Run(ctx context.Context, r Replier) error
}

// Redeliverer is implemented by a Replier that can take back a reply an
// adapter could not send now (the platform rate limiting it past the retry
// budget, or failing) and deliver it later through the durable outbox, to
// chat, after a wait. The core (Bot) implements it; an adapter asks for it
// by type assertion.
type Redeliverer interface {
	Redeliver(ctx context.Context, chat Chat, r Reply, after time.Duration) error
}
