package storage_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/storage"
)

func TestUsers(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	if _, err := db.User(ctx, "telegram:1"); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("User of an unknown key: err = %v, want ErrNotFound", err)
	}
	u := user("telegram:1")
	u.Lang, u.TZ, u.Started, u.Streak, u.LastDay = "zh", "Asia/Shanghai", true, 3, "2026-11-25"
	must(t, db.PutUser(ctx, u))
	got, err := db.User(ctx, u.Key)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, u) {
		t.Errorf("User = %+v, want %+v", got, u)
	}
	u.Streak = 4
	must(t, db.PutUser(ctx, u))
	db = reopen(t, db)
	if got, _ := db.User(ctx, u.Key); got.Streak != 4 {
		t.Errorf("after replace and reopen: streak %d, want 4", got.Streak)
	}
	for _, bad := range []string{"", "a\x00b"} {
		if err := db.PutUser(ctx, bot.UserRecord{Key: bad}); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("PutUser(key %q): err = %v, want ErrInvalid", bad, err)
		}
	}
}
