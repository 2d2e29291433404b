package storage

import (
	"context"
	"fmt"
	"slices"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
)

// UserExport is one person's data: their record, attempts (oldest first),
// review cards and mock interview sessions.
type UserExport struct {
	User     bot.UserRecord   `json:"user"`
	Attempts []bot.Attempt    `json:"attempts"`
	Cards    []bot.ReviewCard `json:"cards"`
	Sessions []bot.Session    `json:"sessions"`
}

// Export returns every user with their attempts and cards, in user key
// order, from one consistent read. A person with attempts or cards but no
// user record (such as the pseudo-user of a group) is exported with a
// record holding just the key. Attempts, Cards and Sessions are never nil.
func (s *DB) Export(ctx context.Context) ([]UserExport, error) {
	var out []UserExport
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		out = nil
		users, err := bucket(tx, bucketUsers)
		if err != nil {
			return err
		}
		keys := map[string]bool{}
		if err := users.ForEach(func(k, _ []byte) error { keys[string(k)] = true; return nil }); err != nil {
			return err
		}
		for _, name := range []string{bucketAttempts, bucketCards, bucketSessions} {
			b, err := bucket(tx, name)
			if err != nil {
				return err
			}
			err = forOwners(b, name, func(owner string) error { keys[owner] = true; return nil })
			if err != nil {
				return err
			}
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		slices.Sort(sorted)
		for _, key := range sorted {
			if err := ctx.Err(); err != nil {
				return err
			}
			ex := UserExport{User: bot.UserRecord{Key: key}}
			if _, err := getJSON(users, bucketUsers, []byte(key), &ex.User); err != nil {
				return err
			}
			if ex.Attempts, err = listAttempts(tx, key); err != nil {
				return err
			}
			if ex.Cards, err = listCards(tx, key); err != nil {
				return err
			}
			if ex.Sessions, err = listSessions(tx, key); err != nil {
				return err
			}
			if ex.Attempts == nil {
				ex.Attempts = []bot.Attempt{}
			}
			if ex.Cards == nil {
				ex.Cards = []bot.ReviewCard{}
			}
			if ex.Sessions == nil {
				ex.Sessions = []bot.Session{}
			}
			out = append(out, ex)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return out, nil
}
