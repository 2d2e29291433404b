package discord

import (
	"context"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// maxThreadParents bounds the memory of channels looked up as possible
// round threads.
const maxThreadParents = 4096

// threadParents remembers which channels are round threads, and their
// parent channels, so that a message in a thread costs at most one lookup.
// It holds at most max channels, forgetting the oldest first.
type threadParents struct {
	mu    sync.Mutex
	max   int
	m     map[string]string // channel ID → parent channel ID, "" when no round thread
	order []string          // channel IDs, oldest first
}

func newThreadParents(max int) *threadParents {
	return &threadParents{max: max, m: map[string]string{}}
}

// get returns what is known of a channel: its parent if it is a round
// thread ("" if not), and whether it is known at all.
func (c *threadParents) get(channelID string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.m[channelID]
	return p, ok
}

// put records a channel's parent ("" for a channel that is no round
// thread).
func (c *threadParents) put(channelID, parentID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[channelID]; !ok {
		for len(c.order) >= c.max && len(c.order) > 0 {
			delete(c.m, c.order[0])
			c.order = c.order[1:]
		}
		c.order = append(c.order, channelID)
	}
	c.m[channelID] = parentID
}

// len returns how many channels are remembered.
func (c *threadParents) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

// roundThreadParent returns the parent channel of channelID when it is a
// round thread: a thread the bot started (or found on a round question).
// It asks the cache, then the gateway's state, then, when fetch is set,
// Discord (GET /channels/{id}). A failed fetch is not remembered.
func (a *Adapter) roundThreadParent(ctx context.Context, channelID string, fetch bool) (string, bool) {
	if channelID == "" {
		return "", false
	}
	if p, ok := a.threads.get(channelID); ok {
		return p, p != ""
	}
	var ch *discordgo.Channel
	if c, err := a.s.State.Channel(channelID); err == nil && c != nil {
		a.s.State.RLock()
		cp := *c
		a.s.State.RUnlock()
		ch = &cp
	} else if fetch {
		err := a.do(ctx, "get channel", func(opts ...discordgo.RequestOption) error {
			var err error
			ch, err = a.s.Channel(channelID, opts...)
			return err
		})
		if err != nil || ch == nil {
			a.log.WarnContext(ctx, "look up channel", "channel", channelID, "err", err)
			return "", false
		}
	} else {
		return "", false
	}
	parent := ""
	if ch.IsThread() && ch.ParentID != "" && ch.OwnerID != "" && a.isSelf(ch.OwnerID) {
		parent = ch.ParentID
	}
	a.threads.put(channelID, parent)
	return parent, parent != ""
}
