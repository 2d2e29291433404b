package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
)

// RecordAttempt stores an attempt, the question's updated card (unless
// c.Card is nil) and the user's record in one transaction, and closes the
// open question it answered: when c.Pending is not nil, the pending row of
// its chat and user is deleted if it still asks the same question (the same
// question ID, asked at the same time), and left alone if a newer question
// replaced it. The attempt gets the next ID of its user, starting at 1. It
// returns the attempt with its ID once the transaction is on disk.
func (s *DB) RecordAttempt(ctx context.Context, c bot.AttemptCommit) (bot.Attempt, error) {
	att, err := checkCommit(c)
	if err != nil {
		return bot.Attempt{}, fmt.Errorf("record attempt: %w", err)
	}
	enc, err := encodeCommit(att, c)
	if err != nil {
		return bot.Attempt{}, fmt.Errorf("record attempt: %w", err)
	}
	var saved bot.Attempt
	err = s.batch(ctx, func(tx *bbolt.Tx) error {
		a := att
		atts, err := bucket(tx, bucketAttempts)
		if err != nil {
			return err
		}
		if a.ID, err = nextAttemptID(atts, a.UserKey); err != nil {
			return err
		}
		key := ownedKey(a.UserKey, idKey(a.ID))
		if err := atts.Put(key, enc.attempt.withID(a.ID)); err != nil {
			return fmt.Errorf("put %s[%q]: %w", bucketAttempts, key, err)
		}
		if err := indexAttemptTx(tx, a); err != nil {
			return err
		}
		if c.Card != nil {
			if err := putEncodedCardTx(tx, enc.card); err != nil {
				return err
			}
		}
		users, err := bucket(tx, bucketUsers)
		if err != nil {
			return err
		}
		if err := users.Put([]byte(c.User.Key), enc.user); err != nil {
			return fmt.Errorf("put %s[%q]: %w", bucketUsers, c.User.Key, err)
		}
		if c.Pending != nil {
			if err := closePendingTx(tx, *c.Pending); err != nil {
				return err
			}
		}
		if c.Round != nil {
			ref := *c.Round
			ref.Answer.AttemptID, ref.Answer.UserKey = a.ID, a.UserKey
			if err := putRoundAnswerTx(tx, ref); err != nil {
				return err
			}
		}
		saved = a
		return nil
	})
	if err != nil {
		return bot.Attempt{}, fmt.Errorf("record attempt of %s: %w", att.UserKey, err)
	}
	return saved, nil
}

// encodedCommit is the JSON of an AttemptCommit's records, encoded before
// its transaction: on the caller's goroutine, beside the other callers',
// rather than one after another in the commit they share.
type encodedCommit struct {
	attempt attemptJSON
	card    encodedCard
	user    []byte
}

// encodeCommit encodes the attempt a (without its ID, given in the
// transaction), c's card (with a's user) and c's user record.
func encodeCommit(a bot.Attempt, c bot.AttemptCommit) (encodedCommit, error) {
	var enc encodedCommit
	var err error
	if enc.attempt, err = encodeAttempt(a); err != nil {
		return enc, err
	}
	if c.Card != nil {
		card := *c.Card
		card.UserKey = a.UserKey
		if enc.card, err = encodeCard(card); err != nil {
			return enc, err
		}
	}
	if enc.user, err = json.Marshal(c.User); err != nil {
		return enc, fmt.Errorf("%w: encode user %s: %w", ErrInvalid, c.User.Key, err)
	}
	return enc, nil
}

// attemptJSON is an attempt encoded with ID 0, the first field of its
// JSON; withID gives its encoding with the ID the transaction assigns.
type attemptJSON []byte

// zeroID starts the JSON of an attempt with ID 0.
const zeroID = `{"id":0,`

// encodeAttempt encodes a with ID 0.
func encodeAttempt(a bot.Attempt) (attemptJSON, error) {
	a.ID = 0
	data, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("%w: encode attempt: %w", ErrInvalid, err)
	}
	if !bytes.HasPrefix(data, []byte(zeroID)) {
		return nil, fmt.Errorf("encode attempt: the JSON of bot.Attempt no longer starts with its ID: %.20s", data)
	}
	return data, nil
}

// withID returns the attempt's JSON with its ID.
func (j attemptJSON) withID(id uint64) []byte {
	out := make([]byte, 0, len(j)+20)
	out = append(out, zeroID[:len(zeroID)-2]...)
	out = strconv.AppendUint(out, id, 10)
	return append(out, j[len(zeroID)-1:]...)
}

// nextAttemptID returns the ID of a user's next attempt: one after their
// highest, 1 for their first.
func nextAttemptID(atts *bbolt.Bucket, userKey string) (uint64, error) {
	last := lastOwned(atts, userKey)
	if last == nil {
		return 1, nil
	}
	if len(last) != 8 {
		return 0, fmt.Errorf("%w: %s[%q]: want user\\0id", ErrCorrupt, bucketAttempts, ownedKey(userKey, last))
	}
	return binary.BigEndian.Uint64(last) + 1, nil
}

// checkCommit checks that the parts of a commit agree, and returns the
// attempt with its user key filled in.
func checkCommit(c bot.AttemptCommit) (bot.Attempt, error) {
	a := c.Attempt
	if err := checkKey("user key", c.User.Key); err != nil {
		return a, err
	}
	if a.UserKey == "" {
		a.UserKey = c.User.Key
	}
	if a.UserKey != c.User.Key {
		return a, fmt.Errorf("%w: attempt of %q with the record of user %q", ErrInvalid, a.UserKey, c.User.Key)
	}
	if c.Card != nil {
		if err := checkKey("card question", c.Card.QuestionID); err != nil {
			return a, err
		}
		if c.Card.UserKey != "" && c.Card.UserKey != a.UserKey {
			return a, fmt.Errorf("%w: card of %q in an attempt of %q", ErrInvalid, c.Card.UserKey, a.UserKey)
		}
	}
	if p := c.Pending; p != nil {
		if err := checkKey("pending chat", p.ChatKey); err != nil {
			return a, err
		}
		if p.UserKey != a.UserKey {
			return a, fmt.Errorf("%w: pending question of %q in an attempt of %q", ErrInvalid, p.UserKey, a.UserKey)
		}
	}
	return a, nil
}

// Attempt returns one attempt, or bot.ErrNotFound.
func (s *DB) Attempt(ctx context.Context, userKey string, id uint64) (bot.Attempt, error) {
	var a bot.Attempt
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		var err error
		a, err = getAttempt(tx, userKey, id)
		return err
	})
	if err != nil {
		return bot.Attempt{}, fmt.Errorf("get attempt %d of %s: %w", id, userKey, err)
	}
	return a, nil
}

func getAttempt(tx *bbolt.Tx, userKey string, id uint64) (bot.Attempt, error) {
	var a bot.Attempt
	atts, err := bucket(tx, bucketAttempts)
	if err != nil {
		return a, err
	}
	ok, err := getJSON(atts, bucketAttempts, ownedKey(userKey, idKey(id)), &a)
	if err == nil && !ok {
		err = bot.ErrNotFound
	}
	return a, err
}

// Attempts returns a user's attempts, oldest first (in the order they were
// recorded); none for an unknown user.
func (s *DB) Attempts(ctx context.Context, userKey string) ([]bot.Attempt, error) {
	var atts []bot.Attempt
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		var err error
		atts, err = listAttempts(tx, userKey)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list attempts of %s: %w", userKey, err)
	}
	return atts, nil
}

// AttemptByMessage returns the user's attempt recorded from the message
// messageID of the chat chatKey, or bot.ErrNotFound. It reads one entry of
// the message index, so it costs the same however long the history.
func (s *DB) AttemptByMessage(ctx context.Context, userKey, chatKey, messageID string) (bot.Attempt, error) {
	var found bot.Attempt
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		k, ok := attemptMsgKey(chatKey, messageID, userKey)
		if !ok {
			return bot.ErrNotFound
		}
		idx, err := bucket(tx, bucketAttemptMsg)
		if err != nil {
			return err
		}
		v := idx.Get(k)
		if v == nil {
			return bot.ErrNotFound
		}
		if len(v) != 8 {
			return fmt.Errorf("%w: %s[%q] is %d bytes, want 8", ErrCorrupt, bucketAttemptMsg, k, len(v))
		}
		found, err = getAttempt(tx, userKey, binary.BigEndian.Uint64(v))
		return err
	})
	if err != nil {
		return bot.Attempt{}, fmt.Errorf("attempt of %s from message %s: %w", userKey, messageID, err)
	}
	return found, nil
}

// attemptMsgKey returns the message index key of an attempt, and false for
// an attempt that came from no message (a button, a form) or whose parts
// cannot make a key.
func attemptMsgKey(chatKey, messageID, userKey string) ([]byte, bool) {
	if checkKey("chat", chatKey) != nil || checkKey("message", messageID) != nil || checkKey("user", userKey) != nil {
		return nil, false
	}
	return pairKey(string(pairKey(chatKey, messageID)), userKey), true
}

// indexAttemptTx adds an attempt to the message index.
func indexAttemptTx(tx *bbolt.Tx, a bot.Attempt) error {
	k, ok := attemptMsgKey(a.ChatKey, a.Message, a.UserKey)
	if !ok {
		return nil
	}
	idx, err := bucket(tx, bucketAttemptMsg)
	if err != nil {
		return err
	}
	return idx.Put(k, idKey(a.ID))
}

func listAttempts(tx *bbolt.Tx, userKey string) ([]bot.Attempt, error) {
	return readOwned[bot.Attempt](tx, bucketAttempts, userKey)
}

// Rerate replaces an attempt's rating and the card it produced. The card
// must be for the attempt's question (an empty QuestionID is taken as
// that); an unknown attempt is bot.ErrNotFound.
func (s *DB) Rerate(ctx context.Context, userKey string, id uint64, rating int, card bot.ReviewCard) error {
	if rating < 0 || rating > 4 {
		return fmt.Errorf("rerate attempt %d of %s: %w: rating %d is not 0–4", id, userKey, ErrInvalid, rating)
	}
	if card.UserKey != "" && card.UserKey != userKey {
		return fmt.Errorf("rerate attempt %d of %s: %w: card of %q", id, userKey, ErrInvalid, card.UserKey)
	}
	var outcome error
	err := s.batch(ctx, func(tx *bbolt.Tx) error {
		outcome = nil
		a, err := getAttempt(tx, userKey, id)
		if errors.Is(err, bot.ErrNotFound) {
			outcome = err
			return nil
		}
		if err != nil {
			return err
		}
		cd := card
		cd.UserKey = userKey
		if cd.QuestionID == "" {
			cd.QuestionID = a.QuestionID
		}
		if cd.QuestionID != a.QuestionID {
			outcome = fmt.Errorf("%w: card of question %q for an attempt at %q", ErrInvalid, cd.QuestionID, a.QuestionID)
			return nil
		}
		a.Rating = rating
		atts, err := bucket(tx, bucketAttempts)
		if err != nil {
			return err
		}
		if err := putJSON(atts, bucketAttempts, ownedKey(userKey, idKey(id)), a); err != nil {
			return err
		}
		return putCardTx(tx, cd)
	})
	if err == nil {
		err = outcome
	}
	if err != nil {
		return fmt.Errorf("rerate attempt %d of %s: %w", id, userKey, err)
	}
	return nil
}

// Card returns a user's card for a question, or bot.ErrNotFound.
func (s *DB) Card(ctx context.Context, userKey, questionID string) (bot.ReviewCard, error) {
	var c bot.ReviewCard
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		cards, err := bucket(tx, bucketCards)
		if err != nil {
			return err
		}
		ok, err := getJSON(cards, bucketCards, ownedKey(userKey, []byte(questionID)), &c)
		if err == nil && !ok {
			err = bot.ErrNotFound
		}
		return err
	})
	if err != nil {
		return bot.ReviewCard{}, fmt.Errorf("get card %s of %s: %w", questionID, userKey, err)
	}
	return c, nil
}

// Cards returns all of a user's cards, in question ID order; none for an
// unknown user.
func (s *DB) Cards(ctx context.Context, userKey string) ([]bot.ReviewCard, error) {
	var cards []bot.ReviewCard
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		var err error
		cards, err = listCards(tx, userKey)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list cards of %s: %w", userKey, err)
	}
	return cards, nil
}

func listCards(tx *bbolt.Tx, userKey string) ([]bot.ReviewCard, error) {
	return readOwned[bot.ReviewCard](tx, bucketCards, userKey)
}

// encodedCard is a card with its JSON, encoded before its transaction.
type encodedCard struct {
	card bot.ReviewCard
	data []byte
}

// encodeCard encodes a card.
func encodeCard(c bot.ReviewCard) (encodedCard, error) {
	data, err := json.Marshal(c)
	if err != nil {
		return encodedCard{}, fmt.Errorf("%w: encode card %s of %s: %w", ErrInvalid, c.QuestionID, c.UserKey, err)
	}
	return encodedCard{card: c, data: data}, nil
}

// putCardTx stores a card under its user and question, and moves its
// entry in the due index.
func putCardTx(tx *bbolt.Tx, c bot.ReviewCard) error {
	enc, err := encodeCard(c)
	if err != nil {
		return err
	}
	return putEncodedCardTx(tx, enc)
}

// putEncodedCardTx is putCardTx with the card already encoded.
func putEncodedCardTx(tx *bbolt.Tx, enc encodedCard) error {
	c := enc.card
	cards, err := bucket(tx, bucketCards)
	if err != nil {
		return err
	}
	key := ownedKey(c.UserKey, []byte(c.QuestionID))
	// Only the old card's due time is needed, to move its index entry.
	var old struct {
		Card struct {
			Due time.Time `json:"Due"`
		} `json:"card"`
	}
	had, err := getJSON(cards, bucketCards, key, &old)
	if err != nil {
		return err
	}
	idx, err := bucket(tx, bucketCardsDue)
	if err != nil {
		return err
	}
	if had {
		if err := idx.Delete(cardDueKey(c.UserKey, old.Card.Due, c.QuestionID)); err != nil {
			return fmt.Errorf("%s: %w", bucketCardsDue, err)
		}
	}
	if err := cards.Put(key, enc.data); err != nil {
		return fmt.Errorf("put %s[%q]: %w", bucketCards, key, err)
	}
	return indexCardTx(idx, c)
}

// cardDueKey is a card's key in the due index: its user, then its due
// time and question (see dueKey).
func cardDueKey(userKey string, due time.Time, questionID string) []byte {
	return ownedKey(userKey, dueKey(due, questionID))
}

// indexCardTx adds a card's entry to the due index.
func indexCardTx(idx *bbolt.Bucket, c bot.ReviewCard) error {
	if err := idx.Put(cardDueKey(c.UserKey, c.Card.Due, c.QuestionID), nil); err != nil {
		return fmt.Errorf("%s: %w", bucketCardsDue, err)
	}
	return nil
}

// CardIDs returns the question IDs of a user's cards, in ID order, without
// reading the cards; none for an unknown user.
func (s *DB) CardIDs(ctx context.Context, userKey string) ([]string, error) {
	var ids []string
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		cards, err := bucket(tx, bucketCards)
		if err != nil {
			return err
		}
		return forOwned(cards, userKey, func(q, _ []byte) error {
			ids = append(ids, string(q))
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list card IDs of %s: %w", userKey, err)
	}
	return ids, nil
}

// CardsByDue calls fn with a user's cards, the earliest due first (ties by
// question ID), until fn returns false. It reads only the cards it hands
// to fn. fn runs inside a read transaction: it must not call the store.
func (s *DB) CardsByDue(ctx context.Context, userKey string, fn func(bot.ReviewCard) bool) error {
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		idx, err := bucket(tx, bucketCardsDue)
		if err != nil {
			return err
		}
		cards, err := bucket(tx, bucketCards)
		if err != nil {
			return err
		}
		return forOwned(idx, userKey, func(k, _ []byte) error {
			if len(k) < 8 {
				return fmt.Errorf("%w: %s[%q]: short key", ErrCorrupt, bucketCardsDue, ownedKey(userKey, k))
			}
			var card bot.ReviewCard
			ok, err := getJSON(cards, bucketCards, ownedKey(userKey, k[8:]), &card)
			switch {
			case err != nil:
				return err
			case !ok:
				return nil // an index entry without its card: nothing to review
			case !fn(card):
				return errStopped
			}
			return nil
		})
	})
	if errors.Is(err, errStopped) {
		err = nil
	}
	if err != nil {
		return fmt.Errorf("cards of %s by due time: %w", userKey, err)
	}
	return nil
}
