package storage

import (
	"context"
	"errors"
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
	err := s.batch(ctx, func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketChats)
		if err != nil {
			return err
		}
		rec := c
		var old bot.ChatRecord
		ok, err := getJSON(b, bucketChats, []byte(c.Key), &old)
		if err != nil {
			return err
		}
		if ok && old.LastSlot.After(rec.LastSlot) {
			rec.LastSlot = old.LastSlot
		}
		return putJSON(b, bucketChats, []byte(rec.Key), rec)
	})
	if err != nil {
		return fmt.Errorf("put chat %s: %w", c.Key, err)
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
	if d != nil {
		if err := checkKey("delivery id", d.ID); err != nil {
			return false, fmt.Errorf("claim slot of chat %s: %w", chatKey, err)
		}
	}
	var claimed bool
	var outcome error
	err := s.batch(ctx, func(tx *bbolt.Tx) error {
		claimed, outcome = false, nil
		c, err := getChat(tx, chatKey)
		if errors.Is(err, bot.ErrNotFound) {
			outcome = err
			return nil
		}
		if err != nil {
			return err
		}
		if !slot.After(c.LastSlot) {
			return nil
		}
		if d != nil {
			ob, err := bucket(tx, bucketOutbox)
			if err != nil {
				return err
			}
			if ob.Get([]byte(d.ID)) != nil {
				return nil
			}
		}
		c.LastSlot = slot
		b, err := bucket(tx, bucketChats)
		if err != nil {
			return err
		}
		if err := putJSON(b, bucketChats, []byte(chatKey), c); err != nil {
			return err
		}
		if d != nil {
			if _, err := enqueueTx(tx, *d); err != nil {
				return err
			}
		}
		claimed = true
		return nil
	})
	if err == nil {
		err = outcome
	}
	if err != nil {
		return false, fmt.Errorf("claim slot %s of chat %s: %w", slot.Format(time.RFC3339), chatKey, err)
	}
	return claimed, nil
}
