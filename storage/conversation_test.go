package storage_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/storage"
)

func TestPending(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	if _, err := db.Pending(ctx, "telegram:-100", "telegram:1"); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("Pending: err = %v, want ErrNotFound", err)
	}
	p := bot.Pending{ChatKey: "telegram:-100", UserKey: "telegram:1", QuestionID: "q1", AskedAt: t0, MessageID: "55", New: true}
	other := bot.Pending{ChatKey: "telegram:-100", UserKey: "telegram:2", QuestionID: "q2", AskedAt: t0}
	must(t, db.PutPending(ctx, p))
	must(t, db.PutPending(ctx, other))
	got, err := db.Pending(ctx, p.ChatKey, p.UserKey)
	if err != nil || !reflect.DeepEqual(got, p) {
		t.Errorf("Pending = %+v, %v; want %+v", got, err, p)
	}
	p.Hints = 2
	must(t, db.PutPending(ctx, p))
	if got, _ := db.Pending(ctx, p.ChatKey, p.UserKey); got.Hints != 2 {
		t.Errorf("replaced pending has %d hints, want 2", got.Hints)
	}
	must(t, db.DeletePending(ctx, p.ChatKey, p.UserKey))
	must(t, db.DeletePending(ctx, p.ChatKey, p.UserKey)) // closing twice is fine
	if _, err := db.Pending(ctx, p.ChatKey, p.UserKey); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("after DeletePending: err = %v, want ErrNotFound", err)
	}
	if _, err := db.Pending(ctx, other.ChatKey, other.UserKey); err != nil {
		t.Errorf("another person's question was closed: %v", err)
	}
	if err := db.PutPending(ctx, bot.Pending{ChatKey: "telegram:-100"}); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("PutPending without a user: err = %v, want ErrInvalid", err)
	}
}

func TestQuestionMessages(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	m := bot.QuestionMessage{ChatKey: "discord:9", MessageID: "1234", QuestionID: "q1", UserKey: "discord:5", SentAt: t0}
	must(t, db.PutQuestionMessage(ctx, m))
	got, err := db.QuestionMessage(ctx, m.ChatKey, m.MessageID)
	if err != nil || !reflect.DeepEqual(got, m) {
		t.Errorf("QuestionMessage = %+v, %v; want %+v", got, err, m)
	}
	for _, k := range [][2]string{{"discord:9", "999"}, {"discord:8", "1234"}} {
		if _, err := db.QuestionMessage(ctx, k[0], k[1]); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("QuestionMessage(%s, %s): err = %v, want ErrNotFound", k[0], k[1], err)
		}
	}
	if err := db.PutQuestionMessage(ctx, bot.QuestionMessage{ChatKey: "discord:9"}); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("PutQuestionMessage without a message ID: err = %v, want ErrInvalid", err)
	}
}
