package discordfake

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"sync"
	"time"
)

// discordEpoch is the first millisecond of 2015, the epoch of Discord
// snowflakes.
const discordEpoch = 1420070400000

// snowflakes hands out unique, increasing Discord snowflake ids whose
// timestamp part is the current time, so discordgo.SnowflakeTimestamp works
// on them.
type snowflakes struct {
	mu   sync.Mutex
	last uint64
}

// next returns a new snowflake id.
func (g *snowflakes) next() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	ms := uint64(time.Now().UnixMilli() - discordEpoch)
	id := ms<<22 | 1<<17 // worker 1, process 0, increment 0
	if id <= g.last {
		id = g.last + 1
	}
	g.last = id
	return strconv.FormatUint(id, 10)
}

// randomHex returns n random bytes, hex encoded.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}

// interactionToken returns a token shaped like Discord's interaction
// tokens: "aW50ZXJhY3Rpb246" ("interaction:") followed by URL-safe base64.
func interactionToken(id string) string {
	raw := "interaction:" + id + ":" + randomHex(32)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}
