package storage_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

func ids(ds []bot.Delivery) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.ID)
	}
	return out
}

func TestEnqueueIdempotent(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	d := delivery("push/telegram:-100/2026-11-25T09:00:00Z", t0)
	for i, want := range []bool{true, false} {
		added, err := db.Enqueue(ctx, d)
		if err != nil || added != want {
			t.Errorf("Enqueue #%d = %v, %v; want %v", i+1, added, err, want)
		}
	}
	if n, _ := db.OutboxDepth(ctx); n != 1 {
		t.Errorf("depth = %d, want 1", n)
	}
	// Still idempotent once sent: a restart never resends.
	must(t, db.MarkSent(ctx, d.ID, "m1", t0))
	if added, _ := db.Enqueue(ctx, d); added {
		t.Error("Enqueue added a delivery already sent")
	}
	if due, _ := db.DueDeliveries(ctx, t0.Add(time.Hour), 10); len(due) != 0 {
		t.Errorf("due after sending = %v", ids(due))
	}
}

func TestDueDeliveries(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	queue := []bot.Delivery{
		delivery("c", t0.Add(2*time.Minute)),
		delivery("a", t0),
		delivery("later", t0.Add(time.Hour)),
		delivery("b", t0.Add(time.Minute)),
		delivery("a2", t0), // same time as a: ID order
		delivery("zero", time.Time{}),
		delivery("sent", t0),
	}
	for _, d := range queue {
		if _, err := db.Enqueue(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	must(t, db.MarkSent(ctx, "sent", "m", t0))
	now := t0.Add(2 * time.Minute)
	tests := []struct {
		now   time.Time
		limit int
		want  []string
	}{
		{now, 10, []string{"zero", "a", "a2", "b", "c"}},
		{now, 3, []string{"zero", "a", "a2"}},
		{t0.Add(time.Minute - 1), 10, []string{"zero", "a", "a2"}},
		{t0.Add(-time.Second), 10, []string{"zero"}},
		{t0.Add(24 * time.Hour), 10, []string{"zero", "a", "a2", "b", "c", "later"}},
		{now, 0, nil},
	}
	for _, tt := range tests {
		got, err := db.DueDeliveries(ctx, tt.now, tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids(got), tt.want) {
			t.Errorf("DueDeliveries(%v, %d) = %v, want %v", tt.now.Sub(t0), tt.limit, ids(got), tt.want)
		}
	}
	got, _ := db.DueDeliveries(ctx, now, 1)
	if len(got) != 1 || got[0].Reply.Text.Plain() != "question zero" || got[0].Chat.ID != "-100" {
		t.Errorf("delivery content lost: %+v", got)
	}
	if n, _ := db.OutboxDepth(ctx); n != 6 {
		t.Errorf("depth = %d, want 6", n)
	}
}

func TestMarkSentAndFailed(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	for _, id := range []string{"ok", "retry", "give-up"} {
		if _, err := db.Enqueue(ctx, delivery(id, t0)); err != nil {
			t.Fatal(err)
		}
	}
	sentAt := t0.Add(time.Second)
	must(t, db.MarkSent(ctx, "ok", "msg-1", sentAt))
	must(t, db.MarkFailed(ctx, "retry", "429 too many requests", t0.Add(10*time.Second), false))
	must(t, db.MarkFailed(ctx, "give-up", "403 bot was blocked", t0.Add(10*time.Second), true))

	if n, _ := db.OutboxDepth(ctx); n != 1 {
		t.Errorf("depth = %d, want 1 (the retry)", n)
	}
	if due, _ := db.DueDeliveries(ctx, t0.Add(9*time.Second), 10); len(due) != 0 {
		t.Errorf("due before the retry time: %v", ids(due))
	}
	due, _ := db.DueDeliveries(ctx, t0.Add(10*time.Second), 10)
	if len(due) != 1 || due[0].ID != "retry" || due[0].Tries != 1 || due[0].LastError != "429 too many requests" || due[0].Done {
		t.Fatalf("due at the retry time = %+v", due)
	}
	// The second try fails too, then the third succeeds.
	must(t, db.MarkFailed(ctx, "retry", "timeout", t0.Add(time.Minute), false))
	due, _ = db.DueDeliveries(ctx, t0.Add(time.Hour), 10)
	if len(due) != 1 || due[0].Tries != 2 || !due[0].NextTry.Equal(t0.Add(time.Minute)) {
		t.Fatalf("after a second failure: %+v", due)
	}
	must(t, db.MarkSent(ctx, "retry", "msg-2", t0.Add(time.Minute)))
	if n, _ := db.OutboxDepth(ctx); n != 0 {
		t.Errorf("depth = %d, want 0", n)
	}
	// Marks on a finished delivery change nothing.
	must(t, db.MarkFailed(ctx, "ok", "late failure", t0.Add(time.Hour), false))
	must(t, db.MarkSent(ctx, "give-up", "msg-3", t0))
	if due, _ := db.DueDeliveries(ctx, t0.Add(48*time.Hour), 10); len(due) != 0 {
		t.Errorf("finished deliveries due again: %v", ids(due))
	}
	if n, _ := db.OutboxDepth(ctx); n != 0 {
		t.Errorf("depth = %d, want 0", n)
	}
	for _, err := range []error{
		db.MarkSent(ctx, "nope", "m", t0),
		db.MarkFailed(ctx, "nope", "x", t0, false),
	} {
		if !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("mark of an unknown delivery: err = %v, want ErrNotFound", err)
		}
	}
	// The outcome survives a restart (the records are read back through a
	// new Enqueue, which must refuse them).
	db = reopen(t, db)
	for _, id := range []string{"ok", "retry", "give-up"} {
		if added, _ := db.Enqueue(ctx, delivery(id, t0)); added {
			t.Errorf("%s enqueued again after restart", id)
		}
	}
	if n, _ := db.OutboxDepth(ctx); n != 0 {
		t.Errorf("depth after reopen = %d, want 0", n)
	}
}
