package telegram

import (
	"context"
	"strconv"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/bot"
)

// adminTTL is how long a member's admin status is cached.
const adminTTL = 5 * time.Minute

// maxAdminEntries bounds the cache; expired entries are dropped first.
const maxAdminEntries = 4096

// adminKey identifies a member of a chat.
type adminKey struct{ chat, user int64 }

// adminEntry is a cached status.
type adminEntry struct {
	admin   bool
	expires time.Time
}

// adminCache remembers whether members are chat administrators.
type adminCache struct {
	mu sync.Mutex
	m  map[adminKey]adminEntry
}

// newAdminCache returns an empty cache.
func newAdminCache() *adminCache {
	return &adminCache{m: make(map[adminKey]adminEntry)}
}

// get returns a cached status that has not expired.
func (c *adminCache) get(k adminKey, now time.Time) (admin, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[k]
	if !ok || now.After(e.expires) {
		return false, false
	}
	return e.admin, true
}

// put caches a status.
func (c *adminCache) put(k adminKey, admin bool, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxAdminEntries {
		for key, e := range c.m {
			if now.After(e.expires) {
				delete(c.m, key)
			}
		}
		if len(c.m) >= maxAdminEntries {
			clear(c.m)
		}
	}
	c.m[k] = adminEntry{admin: admin, expires: now.Add(adminTTL)}
}

// isAdmin reports whether a user may change a chat's settings: always in
// a private chat and a channel (only administrators post there); in a
// group when getChatMember says creator or administrator. A failed lookup
// counts as not an administrator and is not cached.
func (a *Adapter) isAdmin(ctx context.Context, chat bot.Chat, from *tgbotapi.User) bool {
	switch {
	case chat.Kind != bot.Group:
		return true
	case from == nil:
		return false
	}
	chatID, err := strconv.ParseInt(chat.ID, 10, 64)
	if err != nil {
		return false
	}
	k := adminKey{chat: chatID, user: from.ID}
	if admin, ok := a.admins.get(k, time.Now()); ok {
		return admin
	}
	var member tgbotapi.ChatMember
	_, err = a.do(ctx, callSpec{method: "getChatMember", tries: 2}, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		m, err := api.GetChatMember(tgbotapi.GetChatMemberConfig{
			ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: chatID, UserID: from.ID},
		})
		member = m
		return nil, err
	})
	if err != nil {
		a.log.Warn("telegram getChatMember failed", "chat", chatID, "user", from.ID, "err", a.redact.Error(err))
		return false
	}
	admin := member.Status == "creator" || member.Status == "administrator"
	a.admins.put(k, admin, time.Now())
	return admin
}
