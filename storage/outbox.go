package storage

import (
	"context"
	"encoding/binary"
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
)

// Enqueue adds a delivery unless one with its ID exists (pending, sent or
// given up); it reports whether it added one.
func (s *DB) Enqueue(ctx context.Context, d bot.Delivery) (bool, error) {
	if err := checkKey("delivery id", d.ID); err != nil {
		return false, fmt.Errorf("enqueue: %w", err)
	}
	var added bool
	err := s.batch(ctx, func(tx *bbolt.Tx) error {
		var err error
		added, err = enqueueTx(tx, d)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("enqueue %s: %w", d.ID, err)
	}
	return added, nil
}

// enqueueTx adds d unless its ID exists, indexing it by next try unless it
// is already done.
func enqueueTx(tx *bbolt.Tx, d bot.Delivery) (bool, error) {
	ob, err := bucket(tx, bucketOutbox)
	if err != nil {
		return false, err
	}
	if ob.Get([]byte(d.ID)) != nil {
		return false, nil
	}
	if err := putJSON(ob, bucketOutbox, []byte(d.ID), d); err != nil {
		return false, err
	}
	if d.Done {
		return true, nil
	}
	if err := indexDue(tx, d); err != nil {
		return false, err
	}
	return true, addDepth(tx, 1)
}

// DueDeliveries returns up to limit undelivered deliveries whose next try
// is at or before now, earliest first (ties in ID order). It reads the
// index of undelivered deliveries only, so delivered ones cost nothing. A
// limit of zero or less returns none.
func (s *DB) DueDeliveries(ctx context.Context, now time.Time, limit int) ([]bot.Delivery, error) {
	if limit <= 0 {
		return nil, nil
	}
	end := timeKey(now)
	var due []bot.Delivery
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		idx, err := bucket(tx, bucketOutboxDue)
		if err != nil {
			return err
		}
		ob, err := bucket(tx, bucketOutbox)
		if err != nil {
			return err
		}
		c := idx.Cursor()
		for k, _ := c.First(); k != nil && len(due) < limit; k, _ = c.Next() {
			if len(k) <= 8 {
				return fmt.Errorf("%w: %s[%q]: want next try and id", ErrCorrupt, bucketOutboxDue, k)
			}
			if binary.BigEndian.Uint64(k[:8]) > end {
				break
			}
			var d bot.Delivery
			ok, err := getJSON(ob, bucketOutbox, k[8:], &d)
			if err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("%w: %s[%q] indexes a missing delivery", ErrCorrupt, bucketOutboxDue, k)
			}
			if !d.Done {
				due = append(due, d)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list due deliveries: %w", err)
	}
	return due, nil
}

// MarkSent records a delivery as done with the platform's message ID. It
// counts the try. A delivery already done is left as it is; an unknown one
// is bot.ErrNotFound.
func (s *DB) MarkSent(ctx context.Context, id, messageID string, at time.Time) error {
	err := s.updateDelivery(ctx, id, func(d *bot.Delivery) {
		d.Tries++
		d.Done, d.MessageID, d.SentAt = true, messageID, at
		// The record stays for idempotency; its text (a question, a
		// summary naming members) is not kept once delivered.
		d.Reply = bot.Reply{}
	})
	if err != nil {
		return fmt.Errorf("mark %s sent: %w", id, err)
	}
	return nil
}

// MarkFailed records a failed try: its reason, and the next try at next,
// or none when giveUp is set (the delivery is then done and failed). A
// delivery already done is left as it is; an unknown one is
// bot.ErrNotFound.
func (s *DB) MarkFailed(ctx context.Context, id, reason string, next time.Time, giveUp bool) error {
	err := s.updateDelivery(ctx, id, func(d *bot.Delivery) {
		d.Tries++
		d.LastError = reason
		if giveUp {
			d.Done, d.Failed = true, true
			d.Reply = bot.Reply{}
		} else {
			d.NextTry = next
		}
	})
	if err != nil {
		return fmt.Errorf("mark %s failed: %w", id, err)
	}
	return nil
}

// updateDelivery applies change to an undelivered delivery and keeps the
// index and the depth in step.
func (s *DB) updateDelivery(ctx context.Context, id string, change func(*bot.Delivery)) error {
	var outcome error
	err := s.batch(ctx, func(tx *bbolt.Tx) error {
		outcome = nil
		ob, err := bucket(tx, bucketOutbox)
		if err != nil {
			return err
		}
		var d bot.Delivery
		ok, err := getJSON(ob, bucketOutbox, []byte(id), &d)
		if err != nil {
			return err
		}
		if !ok {
			outcome = bot.ErrNotFound
			return nil
		}
		if d.Done {
			return nil
		}
		if err := unindexDue(tx, d); err != nil {
			return err
		}
		change(&d)
		if err := putJSON(ob, bucketOutbox, []byte(id), d); err != nil {
			return err
		}
		if d.Done {
			return addDepth(tx, -1)
		}
		return indexDue(tx, d)
	})
	if err == nil {
		err = outcome
	}
	return err
}

// OutboxDepth returns the number of undelivered deliveries.
func (s *DB) OutboxDepth(ctx context.Context) (int, error) {
	var n uint64
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		var err error
		n, err = getUint(tx, metaOutboxDepth)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("outbox depth: %w", err)
	}
	return int(n), nil
}

func indexDue(tx *bbolt.Tx, d bot.Delivery) error {
	idx, err := bucket(tx, bucketOutboxDue)
	if err != nil {
		return err
	}
	return idx.Put(dueKey(d.NextTry, d.ID), []byte{})
}

func unindexDue(tx *bbolt.Tx, d bot.Delivery) error {
	idx, err := bucket(tx, bucketOutboxDue)
	if err != nil {
		return err
	}
	return idx.Delete(dueKey(d.NextTry, d.ID))
}

// addDepth changes the count of undelivered deliveries. The count never
// goes below zero.
func addDepth(tx *bbolt.Tx, delta int) error {
	n, err := getUint(tx, metaOutboxDepth)
	if err != nil {
		return err
	}
	if delta >= 0 {
		n += uint64(delta)
	} else {
		n -= min(n, uint64(-delta))
	}
	return setUint(tx, metaOutboxDepth, n)
}
