package storage

import (
	"context"
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
)

// Chat returns a chat's record, or bot.ErrNotFound.
func (s *DB) Chat(ctx context.Context, key string) (bot.ChatRecord, error) {
	var c bot.ChatRecord
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		var err error
		c, err = getChat(tx, key)
		return err
	})
	if err != nil {
		return bot.ChatRecord{}, fmt.Errorf("get chat %s: %w", key, err)
	}
	return c, nil
}

func getChat(tx *bbolt.Tx, key string) (bot.ChatRecord, error) {
	var c bot.ChatRecord
	b, err := bucket(tx, bucketChats)
	if err != nil {
		return c, err
	}
	ok, err := getJSON(b, bucketChats, []byte(key), &c)
	if err == nil && !ok {
		err = bot.ErrNotFound
	}
	return c, err
}

// PutChat creates or replaces a chat's record, except that LastSlot never
// moves back: a record read before a ClaimSlot and written after it keeps
// the claimed slot, so the slot is not claimed (and pushed) a second time.
func (s *DB) PutChat(ctx context.Context, c bot.ChatRecord) error {
	if err := checkKey("chat key", c.Key); err != nil {
		return fmt.Errorf("put chat: %w", err)
	}
	err := s.batch(ctx, func(tx *bbolt.Tx) error { return putChatTx(tx, c) })
	if err != nil {
		return fmt.Errorf("put chat %s: %w", c.Key, err)
	}
	return nil
}

// putChatTx stores a chat's record, keeping the stored LastSlot when it is
// later (see PutChat).
func putChatTx(tx *bbolt.Tx, c bot.ChatRecord) error {
	b, err := bucket(tx, bucketChats)
	if err != nil {
		return err
	}
	var old bot.ChatRecord
	ok, err := getJSON(b, bucketChats, []byte(c.Key), &old)
	if err != nil {
		return err
	}
	if ok && old.LastSlot.After(c.LastSlot) {
		c.LastSlot = old.LastSlot
	}
	return putJSON(b, bucketChats, []byte(c.Key), c)
}

// PutUserAndChat creates or replaces a user's record and a chat's (as
// PutUser and PutChat do) in one transaction; nil leaves one alone.
func (s *DB) PutUserAndChat(ctx context.Context, u *bot.UserRecord, c *bot.ChatRecord) error {
	if u != nil {
		if err := checkKey("user key", u.Key); err != nil {
			return fmt.Errorf("put user and chat: %w", err)
		}
	}
	if c != nil {
		if err := checkKey("chat key", c.Key); err != nil {
			return fmt.Errorf("put user and chat: %w", err)
		}
	}
	err := s.batch(ctx, func(tx *bbolt.Tx) error {
		if u != nil {
			if err := putUserTx(tx, *u); err != nil {
				return err
			}
		}
		if c != nil {
			return putChatTx(tx, *c)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("put user and chat: %w", err)
	}
	return nil
}

// Subscriptions returns the chats that have a schedule, in key order.
func (s *DB) Subscriptions(ctx context.Context) ([]bot.ChatRecord, error) {
	var subs []bot.ChatRecord
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketChats)
		if err != nil {
			return err
		}
		return b.ForEach(func(k, v []byte) error {
			var c bot.ChatRecord
			if err := decode(bucketChats, k, v, &c); err != nil {
				return err
			}
			if c.Schedule != nil {
				subs = append(subs, c)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list subscriptions: %w", err)
	}
	return subs, nil
}

// ClaimSlot marks a chat's push slot as handled, atomically with enqueueing
// its delivery (d may be nil for a slot skipped as too old). It reports
// false, changing nothing, when a slot at or after this one was already
// handled, or when d's ID is already in the outbox: a slot is claimed
// once, so a push is never enqueued twice. An unknown chat is
// bot.ErrNotFound.
func (s *DB) ClaimSlot(ctx context.Context, chatKey string, slot time.Time, d *bot.Delivery) (bool, error) {
	res, err := s.ClaimSlots(ctx, []bot.SlotClaim{{ChatKey: chatKey, Slot: slot, Delivery: d}})
	if err != nil {
		return false, err
	}
	return res[0].Claimed, res[0].Err
}

// ClaimSlots claims several chats' slots in one transaction, each as
// ClaimSlot does, and opens the question of each claimed slot whose claim
// carries one (the person's open question, and the chat's last asked). It
// returns what became of each claim: a claim that cannot be made (an
// unknown chat, a record changed since the claim's Read, a record that
// does not read) is left out with its error while the others are claimed.
// The error returned is the transaction's: nothing was claimed.
func (s *DB) ClaimSlots(ctx context.Context, claims []bot.SlotClaim) ([]bot.ClaimResult, error) {
	for _, c := range claims {
		if err := checkClaim(c); err != nil {
			return nil, fmt.Errorf("claim slot of chat %s: %w", c.ChatKey, err)
		}
	}
	results := make([]bot.ClaimResult, len(claims))
	err := s.batch(ctx, func(tx *bbolt.Tx) error {
		for i, c := range claims {
			res, err := claimTx(tx, c)
			if err != nil {
				return err
			}
			if res.Err != nil {
				res.Err = fmt.Errorf("claim slot %s of chat %s: %w", c.Slot.Format(time.RFC3339), c.ChatKey, res.Err)
			}
			results[i] = res
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim %d slots: %w", len(claims), err)
	}
	return results, nil
}

// checkClaim checks the keys of a claim.
func checkClaim(c bot.SlotClaim) error {
	if err := checkKey("chat key", c.ChatKey); err != nil {
		return err
	}
	if c.Delivery != nil {
		if err := checkKey("delivery id", c.Delivery.ID); err != nil {
			return err
		}
	}
	if p := c.Open; p != nil {
		if p.ChatKey != c.ChatKey {
			return fmt.Errorf("%w: a question opened in chat %q by a claim of chat %q", ErrInvalid, p.ChatKey, c.ChatKey)
		}
		if err := checkKey("user key", p.UserKey); err != nil {
			return err
		}
	}
	return nil
}

// claimTx claims one slot. What keeps a claim from being made (an unknown
// chat, a changed or unreadable record) is its result's Err, decided
// before anything of it is written; an error returned is a write's, for
// the transaction to roll back.
func claimTx(tx *bbolt.Tx, c bot.SlotClaim) (bot.ClaimResult, error) {
	chat, err := getChat(tx, c.ChatKey)
	switch {
	case err != nil:
		return bot.ClaimResult{Err: err}, nil
	case !c.Slot.After(chat.LastSlot):
		return bot.ClaimResult{}, nil // claimed already, whatever else changed
	case c.Read != nil && !sameChat(chat, *c.Read):
		return bot.ClaimResult{Err: bot.ErrStale}, nil
	}
	ob, err := bucket(tx, bucketOutbox)
	if err != nil {
		return bot.ClaimResult{}, err
	}
	if d := c.Delivery; d != nil && ob.Get([]byte(d.ID)) != nil {
		return bot.ClaimResult{}, nil
	}
	chat.LastSlot = c.Slot
	if c.Open != nil {
		chat.LastAsked = c.Open.QuestionID
		if err := putPendingTx(tx, *c.Open); err != nil {
			return bot.ClaimResult{}, err
		}
	}
	b, err := bucket(tx, bucketChats)
	if err != nil {
		return bot.ClaimResult{}, err
	}
	if err := putJSON(b, bucketChats, []byte(c.ChatKey), chat); err != nil {
		return bot.ClaimResult{}, err
	}
	if c.Delivery != nil {
		if _, err := enqueueTx(tx, *c.Delivery); err != nil {
			return bot.ClaimResult{}, err
		}
	}
	return bot.ClaimResult{Claimed: true}, nil
}

// sameChat reports whether two records of a chat say the same. (A field
// that == cannot compare added to ChatRecord stops this compiling, rather
// than being missed.)
func sameChat(a, b bot.ChatRecord) bool {
	if !a.LastSlot.Equal(b.LastSlot) || (a.Schedule == nil) != (b.Schedule == nil) ||
		a.Schedule != nil && *a.Schedule != *b.Schedule {
		return false
	}
	a.LastSlot, b.LastSlot, a.Schedule, b.Schedule = time.Time{}, time.Time{}, nil, nil
	return a == b
}
