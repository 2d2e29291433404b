package storage

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
)

// StartRound stores a new open round, or returns the chat's round with the
// same ID if there is one (starting is idempotent).
func (s *DB) StartRound(ctx context.Context, r bot.Round) (bot.Round, error) {
	if err := checkKey("chat key", r.ChatKey); err != nil {
		return bot.Round{}, fmt.Errorf("start round: %w", err)
	}
	if err := checkKey("round id", r.ID); err != nil {
		return bot.Round{}, fmt.Errorf("start round: %w", err)
	}
	var out bot.Round
	err := s.batch(ctx, func(tx *bbolt.Tx) error {
		rounds, err := bucket(tx, bucketRounds)
		if err != nil {
			return err
		}
		key := ownedKey(r.ChatKey, []byte(r.ID))
		ok, err := getJSON(rounds, bucketRounds, key, &out)
		if err != nil || ok {
			return err
		}
		out = r
		out.Closed, out.ClosedAt = false, time.Time{}
		if err := putJSON(rounds, bucketRounds, key, out); err != nil {
			return err
		}
		open, err := bucket(tx, bucketRoundsOpen)
		if err != nil {
			return err
		}
		return open.Put(pairKey(r.ChatKey, r.ID), nil)
	})
	if err != nil {
		return bot.Round{}, fmt.Errorf("start round %s of %s: %w", r.ID, r.ChatKey, err)
	}
	return out, nil
}

func getRound(tx *bbolt.Tx, chatKey, id string) (bot.Round, error) {
	var r bot.Round
	rounds, err := bucket(tx, bucketRounds)
	if err != nil {
		return r, err
	}
	ok, err := getJSON(rounds, bucketRounds, ownedKey(chatKey, []byte(id)), &r)
	if err == nil && !ok {
		err = bot.ErrNotFound
	}
	return r, err
}

// Round returns one round, or bot.ErrNotFound.
func (s *DB) Round(ctx context.Context, chatKey, id string) (bot.Round, error) {
	var r bot.Round
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		var err error
		r, err = getRound(tx, chatKey, id)
		return err
	})
	if err != nil {
		return bot.Round{}, fmt.Errorf("get round %s of %s: %w", id, chatKey, err)
	}
	return r, nil
}

// OpenRound returns the chat's open round (the latest, should there be
// several), or bot.ErrNotFound.
func (s *DB) OpenRound(ctx context.Context, chatKey string) (bot.Round, error) {
	var found bot.Round
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		open, err := bucket(tx, bucketRoundsOpen)
		if err != nil {
			return err
		}
		c := open.Cursor()
		prefix := pairKey(chatKey, "")
		seen := false
		for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Next() {
			_, id, _ := splitPair(k)
			r, err := getRound(tx, chatKey, id)
			if err != nil {
				return err
			}
			if !seen || r.StartedAt.After(found.StartedAt) {
				found, seen = r, true
			}
		}
		if !seen {
			return bot.ErrNotFound
		}
		return nil
	})
	if err != nil {
		return bot.Round{}, fmt.Errorf("open round of %s: %w", chatKey, err)
	}
	return found, nil
}

func hasPrefix(k, prefix []byte) bool {
	return len(k) >= len(prefix) && string(k[:len(prefix)]) == string(prefix)
}

// Rounds returns every round of a chat, oldest first.
func (s *DB) Rounds(ctx context.Context, chatKey string) ([]bot.Round, error) {
	var out []bot.Round
	err := s.view(ctx, func(tx *bbolt.Tx) (err error) {
		out, err = readOwned[bot.Round](tx, bucketRounds, chatKey)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("rounds of %s: %w", chatKey, err)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].StartedAt.Before(out[j].StartedAt) })
	return out, nil
}

// DueRounds returns the open rounds due to close at now, reading only the
// index of open rounds.
func (s *DB) DueRounds(ctx context.Context, now time.Time) ([]bot.Round, error) {
	var out []bot.Round
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		open, err := bucket(tx, bucketRoundsOpen)
		if err != nil {
			return err
		}
		return open.ForEach(func(k, _ []byte) error {
			chat, id, ok := splitPair(k)
			if !ok {
				return fmt.Errorf("%w: %s[%q]: want chat\\0id", ErrCorrupt, bucketRoundsOpen, k)
			}
			r, err := getRound(tx, chat, id)
			if err != nil {
				return err
			}
			if !r.CloseAt.After(now) {
				out = append(out, r)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("due rounds: %w", err)
	}
	return out, nil
}

// SetRoundMessage records the platform ID of a round's question message.
func (s *DB) SetRoundMessage(ctx context.Context, chatKey, id, messageID string) error {
	err := s.updateRound(ctx, chatKey, id, func(r *bot.Round) bool {
		r.MessageID = messageID
		return true
	})
	if err != nil {
		return fmt.Errorf("set message of round %s of %s: %w", id, chatKey, err)
	}
	return nil
}

// CloseRound closes an open round, atomically with enqueueing its summary.
func (s *DB) CloseRound(ctx context.Context, chatKey, id string, at time.Time, d *bot.Delivery) (bool, error) {
	if d != nil {
		if err := checkKey("delivery id", d.ID); err != nil {
			return false, fmt.Errorf("close round: %w", err)
		}
	}
	var closed bool
	var outcome error
	err := s.batch(ctx, func(tx *bbolt.Tx) error {
		closed, outcome = false, nil
		r, err := getRound(tx, chatKey, id)
		if errors.Is(err, bot.ErrNotFound) {
			outcome = err
			return nil
		}
		if err != nil || r.Closed {
			return err
		}
		r.Closed, r.ClosedAt = true, at
		if err := putRoundTx(tx, r); err != nil {
			return err
		}
		open, err := bucket(tx, bucketRoundsOpen)
		if err != nil {
			return err
		}
		if err := open.Delete(pairKey(chatKey, id)); err != nil {
			return err
		}
		if d != nil {
			if _, err := enqueueTx(tx, *d); err != nil {
				return err
			}
		}
		closed = true
		return nil
	})
	if err == nil {
		err = outcome
	}
	if err != nil {
		return false, fmt.Errorf("close round %s of %s: %w", id, chatKey, err)
	}
	return closed, nil
}

// updateRound applies change to a round (saving it when change returns
// true).
func (s *DB) updateRound(ctx context.Context, chatKey, id string, change func(*bot.Round) bool) error {
	var outcome error
	err := s.batch(ctx, func(tx *bbolt.Tx) error {
		outcome = nil
		r, err := getRound(tx, chatKey, id)
		if errors.Is(err, bot.ErrNotFound) {
			outcome = err
			return nil
		}
		if err != nil {
			return err
		}
		if !change(&r) {
			return nil
		}
		return putRoundTx(tx, r)
	})
	if err == nil {
		err = outcome
	}
	return err
}

func putRoundTx(tx *bbolt.Tx, r bot.Round) error {
	rounds, err := bucket(tx, bucketRounds)
	if err != nil {
		return err
	}
	return putJSON(rounds, bucketRounds, ownedKey(r.ChatKey, []byte(r.ID)), r)
}

// putRoundAnswerTx records a member's answer in a round (the latest answer
// counts). A round that is gone or closed is left alone: the attempt still
// counts for the person.
func putRoundAnswerTx(tx *bbolt.Tx, ref bot.RoundAnswerRef) error {
	r, err := getRound(tx, ref.ChatKey, ref.RoundID)
	if errors.Is(err, bot.ErrNotFound) {
		return nil
	}
	if err != nil || r.Closed {
		return err
	}
	if r.Answers == nil {
		r.Answers = map[string]bot.RoundAnswer{}
	}
	r.Answers[ref.Answer.UserKey] = ref.Answer
	return putRoundTx(tx, r)
}

// forgetRoundsTx removes a person's answers from every round.
func forgetRoundsTx(tx *bbolt.Tx, userKey string) (int, error) {
	rounds, err := bucket(tx, bucketRounds)
	if err != nil {
		return 0, err
	}
	var changed []bot.Round
	err = rounds.ForEach(func(k, v []byte) error {
		var r bot.Round
		if err := decode(bucketRounds, k, v, &r); err != nil {
			return err
		}
		if _, ok := r.Answers[userKey]; ok {
			delete(r.Answers, userKey)
			changed = append(changed, r)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, r := range changed {
		if err := putRoundTx(tx, r); err != nil {
			return 0, err
		}
	}
	return len(changed), nil
}
