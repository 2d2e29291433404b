package storage_test

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/storage"
)

func TestRecordAttempt(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	u := user("telegram:1")
	must(t, db.PutUser(ctx, u))
	p := bot.Pending{ChatKey: u.Key, UserKey: u.Key, QuestionID: "q1", AskedAt: t0}
	must(t, db.PutPending(ctx, p))

	c := answer(u, u.Key, "q1", "CAP 定理：一致性、可用性、分区容错", 0.75)
	c.Pending = &p
	att, err := db.RecordAttempt(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if att.ID != 1 || att.Reply != c.Attempt.Reply {
		t.Errorf("RecordAttempt = %+v, want ID 1 and the reply", att)
	}
	// Durable: all four parts are in the file after reopening.
	db = reopen(t, db)
	got, err := db.Attempt(ctx, u.Key, 1)
	if err != nil || got.Reply != c.Attempt.Reply || got.Coverage != 0.75 {
		t.Errorf("Attempt(1) = %+v, %v", got, err)
	}
	card, err := db.Card(ctx, u.Key, "q1")
	if err != nil || card.LastCoverage != 0.75 || card.Card.Reps != 1 {
		t.Errorf("Card = %+v, %v", card, err)
	}
	if ur, _ := db.User(ctx, u.Key); ur.Answered != 1 || ur.CoverageSum != 0.75 {
		t.Errorf("user totals = %d, %v; want 1, 0.75", ur.Answered, ur.CoverageSum)
	}
	if _, err := db.Pending(ctx, u.Key, u.Key); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("pending question still open: err = %v", err)
	}

	// A skip (nil card) leaves the card; IDs go on in order.
	u2, _ := db.User(ctx, u.Key)
	skip := bot.AttemptCommit{Attempt: bot.Attempt{QuestionID: "q1", Kind: bot.AttemptSkip, Time: t0.Add(time.Minute)}, User: u2}
	att2, err := db.RecordAttempt(ctx, skip)
	if err != nil {
		t.Fatal(err)
	}
	if att2.ID != 2 || att2.UserKey != u.Key {
		t.Errorf("second attempt: ID %d user %q, want 2 %q", att2.ID, att2.UserKey, u.Key)
	}
	if card2, _ := db.Card(ctx, u.Key, "q1"); card2.LastCoverage != 0.75 {
		t.Errorf("a skip changed the card: %+v", card2)
	}
	atts, err := db.Attempts(ctx, u.Key)
	if err != nil {
		t.Fatal(err)
	}
	if len(atts) != 2 || atts[0].ID != 1 || atts[1].ID != 2 || atts[1].Kind != bot.AttemptSkip {
		t.Errorf("Attempts = %+v, want IDs 1 (answer), 2 (skip)", atts)
	}
	// IDs are per user.
	other, err := db.RecordAttempt(ctx, answer(user("telegram:2"), "telegram:2", "q1", "x", 0.1))
	if err != nil || other.ID != 1 {
		t.Errorf("first attempt of another user: ID %d, %v; want 1", other.ID, err)
	}
	if _, err := db.Attempt(ctx, u.Key, 99); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("Attempt(99): err = %v, want ErrNotFound", err)
	}
	if _, err := db.Attempt(ctx, "telegram:404", 1); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("Attempt of an unknown user: err = %v, want ErrNotFound", err)
	}
	if atts, err := db.Attempts(ctx, "telegram:404"); err != nil || len(atts) != 0 {
		t.Errorf("Attempts of an unknown user = %v, %v", atts, err)
	}
}

// TestRecordAttemptLeavesNewerPending checks that an attempt closes the
// question it answered, not one asked since.
func TestRecordAttemptLeavesNewerPending(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	u := user("telegram:1")
	old := bot.Pending{ChatKey: u.Key, UserKey: u.Key, QuestionID: "q1", AskedAt: t0}
	newer := bot.Pending{ChatKey: u.Key, UserKey: u.Key, QuestionID: "q2", AskedAt: t0.Add(time.Minute)}
	must(t, db.PutPending(ctx, newer))
	c := answer(u, u.Key, "q1", "late answer", 0.5)
	c.Pending = &old
	if _, err := db.RecordAttempt(ctx, c); err != nil {
		t.Fatal(err)
	}
	if p, err := db.Pending(ctx, u.Key, u.Key); err != nil || p.QuestionID != "q2" {
		t.Errorf("Pending = %+v, %v; want q2 still open", p, err)
	}
}

func TestRecordAttemptRejectsInconsistentCommit(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	u := user("telegram:1")
	tests := map[string]func(c *bot.AttemptCommit){
		"no user":             func(c *bot.AttemptCommit) { c.User.Key = "" },
		"other user":          func(c *bot.AttemptCommit) { c.Attempt.UserKey = "telegram:2" },
		"card of other user":  func(c *bot.AttemptCommit) { c.Card.UserKey = "telegram:2" },
		"card without id":     func(c *bot.AttemptCommit) { c.Card.QuestionID = "" },
		"pending of other":    func(c *bot.AttemptCommit) { c.Pending = &bot.Pending{ChatKey: "x", UserKey: "telegram:2"} },
		"pending no chat key": func(c *bot.AttemptCommit) { c.Pending = &bot.Pending{UserKey: u.Key} },
	}
	for name, spoil := range tests {
		c := answer(u, u.Key, "q1", "x", 0.5)
		spoil(&c)
		if _, err := db.RecordAttempt(ctx, c); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
	if atts, _ := db.Attempts(ctx, u.Key); len(atts) != 0 {
		t.Errorf("rejected commits stored %d attempts", len(atts))
	}
	if _, err := db.User(ctx, u.Key); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("rejected commits stored the user: %v", err)
	}
}

// TestRecordAttemptConcurrent checks that concurrent attempts (merged into
// shared transactions) each get their own ID, in the order of their
// user's list, and are all kept.
func TestRecordAttemptConcurrent(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	const users, each = 4, 25
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		ids = map[string][]uint64{}
	)
	for i := range users {
		u := user(fmt.Sprintf("telegram:%d", i+1))
		for j := range each {
			wg.Go(func() {
				a, err := db.RecordAttempt(ctx, answer(u, u.Key, fmt.Sprintf("q%d", j), "reply", 0.5))
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				ids[u.Key] = append(ids[u.Key], a.ID)
				mu.Unlock()
			})
		}
	}
	wg.Wait()
	for key, got := range ids {
		slices.Sort(got)
		for j, id := range got {
			if id != uint64(j+1) {
				t.Fatalf("%s: IDs %v, want 1..%d", key, got, each)
			}
		}
		atts, err := db.Attempts(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		if len(atts) != each {
			t.Fatalf("%s: %d attempts, want %d", key, len(atts), each)
		}
		for j, a := range atts {
			if a.ID != uint64(j+1) {
				t.Errorf("%s: Attempts()[%d].ID = %d, want oldest first", key, j, a.ID)
			}
		}
	}
	if len(ids) != users {
		t.Errorf("%d users recorded, want %d", len(ids), users)
	}
}

func TestRerate(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	u := user("telegram:1")
	att, err := db.RecordAttempt(ctx, answer(u, u.Key, "q1", "x", 0.5))
	if err != nil {
		t.Fatal(err)
	}
	card := bot.ReviewCard{QuestionID: "q1", Attempts: 1, LastCoverage: 0.5}
	card.Card.Reps, card.Card.Lapses = 1, 1
	must(t, db.Rerate(ctx, u.Key, att.ID, 1, card))
	got, _ := db.Attempt(ctx, u.Key, att.ID)
	if got.Rating != 1 || got.Suggested != 3 || got.Reply != "x" {
		t.Errorf("after Rerate: rating %d suggested %d reply %q, want 1 3 x", got.Rating, got.Suggested, got.Reply)
	}
	c, _ := db.Card(ctx, u.Key, "q1")
	if c.Card.Lapses != 1 || c.UserKey != u.Key {
		t.Errorf("card after Rerate = %+v", c)
	}

	tests := []struct {
		name string
		id   uint64
		card bot.ReviewCard
		want error
	}{
		{"unknown attempt", 42, bot.ReviewCard{QuestionID: "q1"}, bot.ErrNotFound},
		{"card of another question", att.ID, bot.ReviewCard{QuestionID: "q2"}, storage.ErrInvalid},
		{"card of another user", att.ID, bot.ReviewCard{QuestionID: "q1", UserKey: "telegram:2"}, storage.ErrInvalid},
	}
	for _, tt := range tests {
		if err := db.Rerate(ctx, u.Key, tt.id, 4, tt.card); !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
	if got, _ := db.Attempt(ctx, u.Key, att.ID); got.Rating != 1 {
		t.Errorf("a failed Rerate changed the rating to %d", got.Rating)
	}
	// An empty question ID means the attempt's.
	must(t, db.Rerate(ctx, u.Key, att.ID, 4, bot.ReviewCard{Attempts: 1}))
	if c, _ := db.Card(ctx, u.Key, "q1"); c.Attempts != 1 || c.Card.Lapses != 0 {
		t.Errorf("card = %+v", c)
	}
}

func TestCards(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	u := user("telegram:1")
	if _, err := db.Card(ctx, u.Key, "q1"); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("Card of an unknown user: err = %v, want ErrNotFound", err)
	}
	for _, q := range []string{"q3", "q1", "q2"} {
		if _, err := db.RecordAttempt(ctx, answer(u, u.Key, q, "x", 0.5)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Card(ctx, u.Key, "q9"); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("Card of an unknown question: err = %v, want ErrNotFound", err)
	}
	cards, err := db.Cards(ctx, u.Key)
	if err != nil {
		t.Fatal(err)
	}
	var qs []string
	for _, c := range cards {
		qs = append(qs, c.QuestionID)
	}
	if !slices.Equal(qs, []string{"q1", "q2", "q3"}) {
		t.Errorf("Cards questions = %v, want q1 q2 q3", qs)
	}
	if cards, err := db.Cards(ctx, "telegram:404"); err != nil || len(cards) != 0 {
		t.Errorf("Cards of an unknown user = %v, %v", cards, err)
	}
}

func TestAttemptByMessage(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	u := user("telegram:1")
	must(t, db.PutUser(ctx, u))
	record := func(chat, msg string) bot.Attempt {
		t.Helper()
		c := answer(u, chat, "q1", "RPO", 0.5)
		c.Attempt.Message = msg
		a, err := db.RecordAttempt(ctx, c)
		must(t, err)
		return a
	}
	first := record(u.Key, "41")
	record("telegram:-100", "41") // the same message ID in another chat
	record(u.Key, "")             // a button or form answer: no message
	got, err := db.AttemptByMessage(ctx, u.Key, u.Key, "41")
	if err != nil || got.ID != first.ID {
		t.Errorf("AttemptByMessage(41) = %d, %v; want attempt %d", got.ID, err, first.ID)
	}
	for _, tc := range []struct{ user, chat, msg string }{
		{u.Key, u.Key, "42"}, {u.Key, u.Key, ""}, {"telegram:2", u.Key, "41"},
	} {
		if _, err := db.AttemptByMessage(ctx, tc.user, tc.chat, tc.msg); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("AttemptByMessage(%q, %q, %q): err = %v, want ErrNotFound", tc.user, tc.chat, tc.msg, err)
		}
	}
	// Every message is found however far back: a crash with many answers
	// unconfirmed (a hung send, group pacing, a flood) redelivers them all.
	for i := range 100 {
		record(u.Key, fmt.Sprintf("m%d", i))
	}
	for _, msg := range []string{"41", "m0", "m50", "m99"} {
		if _, err := db.AttemptByMessage(ctx, u.Key, u.Key, msg); err != nil {
			t.Errorf("attempt from message %s, up to 102 attempts back, not found: %v", msg, err)
		}
	}
}
