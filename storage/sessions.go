package storage

import (
	"context"
	"fmt"
	"sort"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
)

// ActiveSession returns the person's session that has not ended (the
// latest, should there be several), or bot.ErrNotFound.
func (s *DB) ActiveSession(ctx context.Context, userKey string) (bot.Session, error) {
	all, err := s.Sessions(ctx, userKey)
	if err != nil {
		return bot.Session{}, err
	}
	for i := len(all) - 1; i >= 0; i-- {
		if !all[i].Done {
			return all[i], nil
		}
	}
	return bot.Session{}, fmt.Errorf("active session of %s: %w", userKey, bot.ErrNotFound)
}

// PutSession creates or replaces a session.
func (s *DB) PutSession(ctx context.Context, sess bot.Session) error {
	if err := checkKey("user key", sess.UserKey); err != nil {
		return fmt.Errorf("put session: %w", err)
	}
	if err := checkKey("session id", sess.ID); err != nil {
		return fmt.Errorf("put session: %w", err)
	}
	err := s.batch(ctx, func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketSessions)
		if err != nil {
			return err
		}
		return putJSON(b, bucketSessions, ownedKey(sess.UserKey, []byte(sess.ID)), sess)
	})
	if err != nil {
		return fmt.Errorf("put session %s of %s: %w", sess.ID, sess.UserKey, err)
	}
	return nil
}

// Sessions returns all of a person's sessions, oldest first.
func (s *DB) Sessions(ctx context.Context, userKey string) ([]bot.Session, error) {
	var out []bot.Session
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		var err error
		out, err = listSessions(tx, userKey)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sessions of %s: %w", userKey, err)
	}
	return out, nil
}

// listSessions reads a person's sessions, oldest first.
func listSessions(tx *bbolt.Tx, userKey string) ([]bot.Session, error) {
	out, err := readOwned[bot.Session](tx, bucketSessions, userKey)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Started.Before(out[j].Started) })
	return out, err
}
