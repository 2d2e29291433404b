package storage_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

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

// OpenQuestion writes the open question and the chat's record in one
// transaction, keeping a claimed slot.
func TestOpenQuestion(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	c := privateChat("telegram:1")
	must(t, db.PutChat(ctx, c))
	if ok, err := db.ClaimSlot(ctx, c.Key, t0, nil); !ok || err != nil {
		t.Fatalf("ClaimSlot = %v, %v", ok, err)
	}
	c.LastAsked = "q7" // a copy read before the claim
	p := bot.Pending{ChatKey: c.Key, UserKey: "telegram:1", QuestionID: "q7", AskedAt: t0}
	before := db.WriteStats()
	must(t, db.OpenQuestion(ctx, p, c))
	if got := db.WriteStats().Commits - before.Commits; got != 1 {
		t.Errorf("%d commits, want 1", got)
	}
	if got, err := db.Pending(ctx, c.Key, p.UserKey); err != nil || got.QuestionID != "q7" {
		t.Errorf("Pending = %+v, %v", got, err)
	}
	if got, _ := db.Chat(ctx, c.Key); got.LastAsked != "q7" || !got.LastSlot.Equal(t0) {
		t.Errorf("Chat = %+v, want q7 last asked and the claimed slot", got)
	}
	if err := db.OpenQuestion(ctx, p, privateChat("telegram:2")); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("the question of one chat with another's record: err = %v, want ErrInvalid", err)
	}
}

// QuestionSent stores the question message and its ID in the open
// question it asked (only while that is still open) or in its round.
func TestQuestionSent(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	p := bot.Pending{ChatKey: "telegram:1", UserKey: "telegram:1", QuestionID: "q1", AskedAt: t0}
	must(t, db.PutPending(ctx, p))
	m := bot.QuestionMessage{ChatKey: p.ChatKey, MessageID: "10", QuestionID: "q1", UserKey: p.UserKey, SentAt: t0}
	before := db.WriteStats()
	must(t, db.QuestionSent(ctx, m, ""))
	if got := db.WriteStats().Commits - before.Commits; got != 1 {
		t.Errorf("%d commits, want 1", got)
	}
	if got, _ := db.Pending(ctx, p.ChatKey, p.UserKey); got.MessageID != "10" {
		t.Errorf("pending message ID = %q, want 10", got.MessageID)
	}
	// A message of a question no longer open leaves the open one alone.
	old := m
	old.MessageID, old.QuestionID = "11", "q0"
	must(t, db.QuestionSent(ctx, old, ""))
	if got, _ := db.Pending(ctx, p.ChatKey, p.UserKey); got.MessageID != "10" || got.QuestionID != "q1" {
		t.Errorf("pending after an old question's message: %+v", got)
	}
	for _, id := range []string{"10", "11"} {
		if _, err := db.QuestionMessage(ctx, p.ChatKey, id); err != nil {
			t.Errorf("question message %s: %v", id, err)
		}
	}
	// A round's question message.
	g := groupChat("telegram:-100")
	_, err := db.StartRound(ctx, bot.Round{ChatKey: g.Key, ID: "r1", QuestionID: "q2", StartedAt: t0, CloseAt: t0.Add(time.Hour)})
	must(t, err)
	rm := bot.QuestionMessage{ChatKey: g.Key, MessageID: "20", QuestionID: "q2", SentAt: t0}
	must(t, db.QuestionSent(ctx, rm, "r1"))
	if r, _ := db.Round(ctx, g.Key, "r1"); r.MessageID != "20" {
		t.Errorf("round message ID = %q, want 20", r.MessageID)
	}
	rm.MessageID = "21"
	if err := db.QuestionSent(ctx, rm, "r9"); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("an unknown round: err = %v, want ErrNotFound", err)
	}
	if _, err := db.QuestionMessage(ctx, g.Key, "21"); err != nil {
		t.Errorf("the question message of an unknown round is kept: %v", err)
	}
}
