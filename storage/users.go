package storage

import (
	"context"
	"fmt"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
)

// User returns a user's record, or bot.ErrNotFound.
func (s *DB) User(ctx context.Context, key string) (bot.UserRecord, error) {
	var u bot.UserRecord
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketUsers)
		if err != nil {
			return err
		}
		ok, err := getJSON(b, bucketUsers, []byte(key), &u)
		if err == nil && !ok {
			err = bot.ErrNotFound
		}
		return err
	})
	if err != nil {
		return bot.UserRecord{}, fmt.Errorf("get user %s: %w", key, err)
	}
	return u, nil
}

// PutUser creates or replaces a user's record.
func (s *DB) PutUser(ctx context.Context, u bot.UserRecord) error {
	if err := checkKey("user key", u.Key); err != nil {
		return fmt.Errorf("put user: %w", err)
	}
	err := s.batch(ctx, func(tx *bbolt.Tx) error { return putUserTx(tx, u) })
	if err != nil {
		return fmt.Errorf("put user %s: %w", u.Key, err)
	}
	return nil
}

func putUserTx(tx *bbolt.Tx, u bot.UserRecord) error {
	b, err := bucket(tx, bucketUsers)
	if err != nil {
		return err
	}
	return putJSON(b, bucketUsers, []byte(u.Key), u)
}
