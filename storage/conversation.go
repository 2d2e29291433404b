package storage

import (
	"context"
	"errors"
	"fmt"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
)

// Pending returns the open question of a user in a chat, or
// bot.ErrNotFound.
func (s *DB) Pending(ctx context.Context, chatKey, userKey string) (bot.Pending, error) {
	var p bot.Pending
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketPending)
		if err != nil {
			return err
		}
		ok, err := getJSON(b, bucketPending, pairKey(chatKey, userKey), &p)
		if err == nil && !ok {
			err = bot.ErrNotFound
		}
		return err
	})
	if err != nil {
		return bot.Pending{}, fmt.Errorf("get pending question of %s in %s: %w", userKey, chatKey, err)
	}
	return p, nil
}

// PutPending opens (or replaces) a question.
func (s *DB) PutPending(ctx context.Context, p bot.Pending) error {
	if err := checkPair("chat key", p.ChatKey, "user key", p.UserKey); err != nil {
		return fmt.Errorf("put pending question: %w", err)
	}
	err := s.batch(ctx, func(tx *bbolt.Tx) error { return putPendingTx(tx, p) })
	if err != nil {
		return fmt.Errorf("put pending question of %s in %s: %w", p.UserKey, p.ChatKey, err)
	}
	return nil
}

func putPendingTx(tx *bbolt.Tx, p bot.Pending) error {
	b, err := bucket(tx, bucketPending)
	if err != nil {
		return err
	}
	return putJSON(b, bucketPending, pairKey(p.ChatKey, p.UserKey), p)
}

// OpenQuestion opens (or replaces) a question and saves its chat's record
// (which names it as the chat's last asked) in one transaction; the chat's
// LastSlot never moves back (see PutChat).
func (s *DB) OpenQuestion(ctx context.Context, p bot.Pending, chat bot.ChatRecord) error {
	if err := checkPair("chat key", p.ChatKey, "user key", p.UserKey); err != nil {
		return fmt.Errorf("open question: %w", err)
	}
	if chat.Key != p.ChatKey {
		return fmt.Errorf("open question: %w: a question of chat %q with the record of chat %q", ErrInvalid, p.ChatKey, chat.Key)
	}
	err := s.batch(ctx, func(tx *bbolt.Tx) error {
		if err := putPendingTx(tx, p); err != nil {
			return err
		}
		return putChatTx(tx, chat)
	})
	if err != nil {
		return fmt.Errorf("open question %s of %s in %s: %w", p.QuestionID, p.UserKey, p.ChatKey, err)
	}
	return nil
}

// QuestionSent records a message that asked a question, once the platform
// has sent it, in one transaction: the question message (see
// PutQuestionMessage), and the message's ID in what it asks — the open
// question of m.UserKey in the chat when that still asks m.QuestionID, or
// the chat's round roundID when roundID is set (an unknown round is
// bot.ErrNotFound; the question message is kept).
func (s *DB) QuestionSent(ctx context.Context, m bot.QuestionMessage, roundID string) error {
	if err := checkPair("chat key", m.ChatKey, "message id", m.MessageID); err != nil {
		return fmt.Errorf("question sent: %w", err)
	}
	var outcome error
	err := s.batch(ctx, func(tx *bbolt.Tx) error {
		outcome = nil
		qm, err := bucket(tx, bucketQMsgs)
		if err != nil {
			return err
		}
		if roundID != "" {
			r, err := getRound(tx, m.ChatKey, roundID)
			if errors.Is(err, bot.ErrNotFound) {
				outcome = err
			} else if err != nil {
				return err
			} else {
				r.MessageID = m.MessageID
				if err := putRoundTx(tx, r); err != nil {
					return err
				}
			}
		} else if m.UserKey != "" {
			if err := setPendingMessageTx(tx, m); err != nil {
				return err
			}
		}
		return putJSON(qm, bucketQMsgs, pairKey(m.ChatKey, m.MessageID), m)
	})
	if err == nil {
		err = outcome
	}
	if err != nil {
		return fmt.Errorf("question message %s sent in %s: %w", m.MessageID, m.ChatKey, err)
	}
	return nil
}

// setPendingMessageTx sets the message ID of the open question m asked, if
// it is still open.
func setPendingMessageTx(tx *bbolt.Tx, m bot.QuestionMessage) error {
	b, err := bucket(tx, bucketPending)
	if err != nil {
		return err
	}
	key := pairKey(m.ChatKey, m.UserKey)
	var p bot.Pending
	ok, err := getJSON(b, bucketPending, key, &p)
	if err != nil || !ok || p.QuestionID != m.QuestionID {
		return err
	}
	p.MessageID = m.MessageID
	return putJSON(b, bucketPending, key, p)
}

// DeletePending closes a question without an attempt. Closing a question
// that is not open does nothing.
func (s *DB) DeletePending(ctx context.Context, chatKey, userKey string) error {
	err := s.batch(ctx, func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketPending)
		if err != nil {
			return err
		}
		return b.Delete(pairKey(chatKey, userKey))
	})
	if err != nil {
		return fmt.Errorf("delete pending question of %s in %s: %w", userKey, chatKey, err)
	}
	return nil
}

// closePendingTx deletes the pending row p came from, if it still asks
// p's question.
func closePendingTx(tx *bbolt.Tx, p bot.Pending) error {
	b, err := bucket(tx, bucketPending)
	if err != nil {
		return err
	}
	key := pairKey(p.ChatKey, p.UserKey)
	var cur bot.Pending
	ok, err := getJSON(b, bucketPending, key, &cur)
	if err != nil || !ok {
		return err
	}
	if cur.QuestionID != p.QuestionID || !cur.AskedAt.Equal(p.AskedAt) {
		return nil // a newer question replaced it: leave that one open
	}
	return b.Delete(key)
}

// PutQuestionMessage remembers that a message of the bot asked a question,
// so a reply to it is an answer to that question.
func (s *DB) PutQuestionMessage(ctx context.Context, m bot.QuestionMessage) error {
	if err := checkPair("chat key", m.ChatKey, "message id", m.MessageID); err != nil {
		return fmt.Errorf("put question message: %w", err)
	}
	err := s.batch(ctx, func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketQMsgs)
		if err != nil {
			return err
		}
		return putJSON(b, bucketQMsgs, pairKey(m.ChatKey, m.MessageID), m)
	})
	if err != nil {
		return fmt.Errorf("put question message %s in %s: %w", m.MessageID, m.ChatKey, err)
	}
	return nil
}

// QuestionMessage returns what a message of the bot asked, or
// bot.ErrNotFound.
func (s *DB) QuestionMessage(ctx context.Context, chatKey, messageID string) (bot.QuestionMessage, error) {
	var m bot.QuestionMessage
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketQMsgs)
		if err != nil {
			return err
		}
		ok, err := getJSON(b, bucketQMsgs, pairKey(chatKey, messageID), &m)
		if err == nil && !ok {
			err = bot.ErrNotFound
		}
		return err
	})
	if err != nil {
		return bot.QuestionMessage{}, fmt.Errorf("get question message %s in %s: %w", messageID, chatKey, err)
	}
	return m, nil
}

// checkPair checks the two parts of a composite key.
func checkPair(whatA, a, whatB, b string) error {
	if err := checkKey(whatA, a); err != nil {
		return err
	}
	return checkKey(whatB, b)
}
