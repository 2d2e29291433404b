package engine

import (
	"hash/fnv"
	"strings"
	"sync"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

// repeatWindow is how long a member of a group who sends the same command
// again and gets the same answer is not answered again: a member who sends
// /top twelve times at once (a laggy client, an impatient tap) gets one
// leaderboard, not twelve. A command whose answer changed (/next after the
// round closed) is answered.
const repeatWindow = 30 * time.Second

// repeats remembers, per member and command, the last answer given in a
// group.
type repeats struct {
	mu     sync.Mutex
	seen   map[string]answerSeen
	lastGC time.Time
}

// answerSeen is an answer given: its fingerprint and when.
type answerSeen struct {
	sum uint64
	at  time.Time
}

// fresh reports whether replies to a command event are not the same as the
// answer the member got to the same command within repeatWindow, and
// remembers them.
func (r *repeats) fresh(ev bot.Event, replies []bot.Reply, now time.Time) bool {
	key := ev.Chat.Key() + "\x00" + ev.User.Key() + "\x00" + strings.ToLower(ev.Command) + "\x00" + strings.Join(strings.Fields(ev.Args), " ")
	sum := fingerprint(replies)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.seen == nil {
		r.seen = map[string]answerSeen{}
	}
	if now.Sub(r.lastGC) > repeatWindow {
		for k, a := range r.seen {
			if now.Sub(a.at) >= repeatWindow {
				delete(r.seen, k)
			}
		}
		r.lastGC = now
	}
	if last, ok := r.seen[key]; ok && last.sum == sum && now.Sub(last.at) < repeatWindow && !now.Before(last.at) {
		return false
	}
	r.seen[key] = answerSeen{sum: sum, at: now}
	return true
}

// fingerprint sums what replies say and where: text, buttons, kind and
// privacy (not which message they reply to).
func fingerprint(replies []bot.Reply) uint64 {
	h := fnv.New64a()
	for _, r := range replies {
		h.Write([]byte(r.Text.Plain()))
		for _, row := range r.Buttons {
			for _, b := range row {
				h.Write([]byte{0})
				h.Write([]byte(b.Action))
			}
		}
		h.Write([]byte{1, byte(r.Kind), boolByte(r.Private)})
		if r.Attachment != nil {
			h.Write(r.Attachment.Data)
		}
	}
	return h.Sum64()
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}
