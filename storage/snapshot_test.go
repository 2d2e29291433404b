package storage_test

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/storage"
)

// The people, chats and messages of the schema fixture (see
// fillFixture): a snapshot reads each of them through the public API.
var (
	fixtureUsers = []string{"telegram:1", "telegram:12", "telegram:2", "discord:3", "console:me"}
	fixtureChats = []string{"telegram:1", "telegram:12", "telegram:-100", "discord:dm3", "console:me"}
	// fixtureMessages are (chat, message) pairs that asked a question.
	fixtureMessages = [][2]string{{"telegram:1", "200"}, {"telegram:-100", "300"}, {"telegram:1", "201"}}
)

// storeSnapshot is everything a store answers about the fixture's people
// and chats, in a form that compares as JSON: the same file read by two
// versions of the code must give the same snapshot.
type storeSnapshot struct {
	Export           []storage.UserExport
	Chats            map[string]bot.ChatRecord
	Subscriptions    []string
	Pending          map[string]bot.Pending
	QuestionMessages map[string]bot.QuestionMessage
	Rounds           map[string][]bot.Round
	OpenRounds       map[string]string
	Due              []bot.Delivery
	Depth            int
	ByMessage        map[string]uint64
	CardIDs          map[string][]string
	ByDue            map[string][]string
	ActiveSessions   map[string]string
}

// snapshot reads the fixture's people and chats from db.
func snapshot(t testing.TB, ctx context.Context, db *storage.DB) storeSnapshot {
	t.Helper()
	s := storeSnapshot{
		Chats: map[string]bot.ChatRecord{}, Pending: map[string]bot.Pending{}, QuestionMessages: map[string]bot.QuestionMessage{},
		Rounds: map[string][]bot.Round{}, OpenRounds: map[string]string{}, ByMessage: map[string]uint64{},
		CardIDs: map[string][]string{}, ByDue: map[string][]string{}, ActiveSessions: map[string]string{},
	}
	var err error
	if s.Export, err = db.Export(ctx); err != nil {
		t.Fatal(err)
	}
	subs, err := db.Subscriptions(ctx)
	must(t, err)
	for _, c := range subs {
		s.Subscriptions = append(s.Subscriptions, c.Key)
	}
	for _, chat := range fixtureChats {
		if c, err := db.Chat(ctx, chat); err == nil {
			s.Chats[chat] = c
		}
		rounds, err := db.Rounds(ctx, chat)
		must(t, err)
		s.Rounds[chat] = rounds
		if r, err := db.OpenRound(ctx, chat); err == nil {
			s.OpenRounds[chat] = r.ID
		}
		for _, u := range fixtureUsers {
			if p, err := db.Pending(ctx, chat, u); err == nil {
				s.Pending[chat+"|"+u] = p
			}
		}
	}
	for _, m := range fixtureMessages {
		if qm, err := db.QuestionMessage(ctx, m[0], m[1]); err == nil {
			s.QuestionMessages[m[0]+"|"+m[1]] = qm
		}
	}
	for _, u := range fixtureUsers {
		atts, err := db.Attempts(ctx, u)
		must(t, err)
		for _, a := range atts {
			if a.Message == "" {
				continue
			}
			got, err := db.AttemptByMessage(ctx, u, a.ChatKey, a.Message)
			must(t, err)
			s.ByMessage[u+"|"+a.ChatKey+"|"+a.Message] = got.ID
		}
		if s.CardIDs[u], err = db.CardIDs(ctx, u); err != nil {
			t.Fatal(err)
		}
		must(t, db.CardsByDue(ctx, u, func(c bot.ReviewCard) bool {
			s.ByDue[u] = append(s.ByDue[u], c.QuestionID+"@"+c.Card.Due.UTC().Format(time.RFC3339))
			return true
		}))
		if sess, err := db.ActiveSession(ctx, u); err == nil {
			s.ActiveSessions[u] = sess.ID
		}
	}
	if s.Due, err = db.DueDeliveries(ctx, t0.AddDate(1, 0, 0), 1000); err != nil {
		t.Fatal(err)
	}
	if s.Depth, err = db.OutboxDepth(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

// fillFixture writes the fixture's data through the public API: people
// whose keys are prefixes of each other's (telegram:1, telegram:12),
// attempts from messages and from buttons, a rerated one, cards due at
// various times, open questions, question messages, group rounds open and
// closed with members' answers, interview sessions, and an outbox with
// deliveries waiting, sent and failed.
func fillFixture(t testing.TB, ctx context.Context, db *storage.DB) {
	t.Helper()
	ada, ada12, bob := user("telegram:1"), user("telegram:12"), user("telegram:2")
	ada.TZ, ada.Lang, ada.Started = "Europe/Berlin", "en", true
	cy := bot.UserRecord{Key: "discord:3", Platform: bot.Discord, ID: "3", Name: "Cy", Created: t0}
	me := bot.UserRecord{Key: "console:me", Platform: bot.Console, ID: "me", Name: "me", Created: t0}
	for _, u := range []bot.UserRecord{ada, ada12, bob, cy, me} {
		must(t, db.PutUser(ctx, u))
	}
	sched := &bot.Schedule{At: "09:00", Days: "daily", TZ: "Asia/Shanghai"}
	adaChat := privateChat(ada.Key)
	adaChat.Schedule, adaChat.LastAsked = sched, "q6"
	group := groupChat("telegram:-100")
	group.Schedule = &bot.Schedule{At: "20:00", Days: "mon-fri", TZ: "Europe/Berlin"}
	cyDM := bot.ChatRecord{Key: "discord:dm3", Platform: bot.Discord, ID: "dm3", Kind: bot.Private, Owner: cy.Key}
	meChat := bot.ChatRecord{Key: "console:me", Platform: bot.Console, ID: "me", Kind: bot.Private, Owner: me.Key}
	for _, c := range []bot.ChatRecord{adaChat, privateChat(ada12.Key), group, cyDM, meChat} {
		must(t, db.PutChat(ctx, c))
	}

	record := func(u *bot.UserRecord, chat, q, msg string, i int, round *bot.RoundAnswerRef) bot.Attempt {
		c := answer(*u, chat, q, fmt.Sprintf("answer %d of %s to %s", i, u.Key, q), float64(i%10)/10)
		at := t0.Add(time.Duration(i) * time.Hour)
		c.Attempt.Time, c.Attempt.Message, c.Card.LastAt = at, msg, at
		c.Card.Card.Due = t0.AddDate(0, 0, (i*7)%11-3)
		c.Card.Card.Stability, c.Card.Card.Difficulty = float64(i)+0.5, 5.5
		c.Round = round
		a, err := db.RecordAttempt(ctx, c)
		must(t, err)
		*u = c.User
		return a
	}
	for i := range 12 {
		msg := fmt.Sprint(100 + i)
		if i%4 == 3 {
			msg = "" // a button's answer
		}
		record(&ada, ada.Key, fmt.Sprintf("q%d", 1+i%5), msg, i, nil)
	}
	for i := range 3 {
		record(&ada12, ada12.Key, fmt.Sprintf("q%d", 2+i), fmt.Sprint(100+i), 20+i, nil)
		record(&cy, cyDM.Key, fmt.Sprintf("q%d", 7+i), fmt.Sprint(900+i), 30+i, nil)
	}
	must(t, db.Rerate(ctx, ada.Key, 2, 4, bot.ReviewCard{QuestionID: "q2", Attempts: 9, LastAt: t0}))

	// An open question with its message, and one in the group.
	must(t, db.PutPending(ctx, bot.Pending{ChatKey: ada.Key, UserKey: ada.Key, QuestionID: "q6", AskedAt: t0, MessageID: "200", New: true}))
	must(t, db.PutQuestionMessage(ctx, bot.QuestionMessage{ChatKey: ada.Key, MessageID: "200", QuestionID: "q6", UserKey: ada.Key, SentAt: t0}))
	must(t, db.PutQuestionMessage(ctx, bot.QuestionMessage{ChatKey: ada.Key, MessageID: "201", QuestionID: "q5", UserKey: ada.Key, SentAt: t0}))
	must(t, db.PutPending(ctx, bot.Pending{ChatKey: group.Key, UserKey: bob.Key, QuestionID: "q3", AskedAt: t0, Hints: 2}))

	// Rounds: one closed with its summary enqueued, one open with answers.
	r1 := bot.Round{ChatKey: group.Key, ID: "s-2026-11-24T19:00:00Z", QuestionID: "q1", StartedAt: t0.Add(-14 * time.Hour), CloseAt: t0.Add(-2 * time.Hour)}
	_, err := db.StartRound(ctx, r1)
	must(t, err)
	record(&bob, group.Key, "q1", "301", 40, &bot.RoundAnswerRef{ChatKey: group.Key, RoundID: r1.ID, Answer: bot.RoundAnswer{Name: bob.Name, Coverage: 0.4, At: t0}})
	summary := bot.Delivery{ID: "summary/" + group.Key + "/" + r1.ID, Chat: group.Chat(), Reply: bot.Reply{Text: bot.TextOf("summary")}, Created: t0, NextTry: t0}
	if ok, err := db.CloseRound(ctx, group.Key, r1.ID, t0.Add(-time.Hour), &summary); err != nil || !ok {
		t.Fatalf("close round: %v %v", ok, err)
	}
	r2 := bot.Round{ChatKey: group.Key, ID: "s-2026-11-25T19:00:00Z", QuestionID: "q2", StartedAt: t0, CloseAt: t0.Add(12 * time.Hour)}
	_, err = db.StartRound(ctx, r2)
	must(t, err)
	must(t, db.SetRoundMessage(ctx, group.Key, r2.ID, "300"))
	must(t, db.PutQuestionMessage(ctx, bot.QuestionMessage{ChatKey: group.Key, MessageID: "300", QuestionID: "q2", SentAt: t0}))
	for i, u := range []*bot.UserRecord{&ada, &bob, &ada12} {
		record(u, group.Key, "q2", fmt.Sprint(310+i), 41+i, &bot.RoundAnswerRef{ChatKey: group.Key, RoundID: r2.ID, Answer: bot.RoundAnswer{Name: u.Name, Coverage: 0.5, At: t0}})
	}

	// Sessions: one done, one active.
	must(t, db.PutSession(ctx, bot.Session{ID: "2026-11-24T08:00:00Z", UserKey: ada.Key, ChatKey: ada.Key, Questions: []string{"q1", "q2"}, Index: 2, Stage: bot.StageQuestion,
		Items: []bot.SessionItem{{QuestionID: "q1", AttemptID: 1, Coverage: 0.5, Seconds: 60}}, Started: t0.Add(-25 * time.Hour), Ended: t0.Add(-24 * time.Hour), Done: true}))
	must(t, db.PutSession(ctx, bot.Session{ID: "2026-11-25T08:00:00Z", UserKey: ada.Key, ChatKey: ada.Key, Questions: []string{"q3", "q4"}, Stage: bot.StageFollowUp,
		FollowUp: &bot.FollowUp{Point: "RPO", Prompt: "and RPO?"}, Items: []bot.SessionItem{}, Started: t0.Add(-time.Hour), LastActive: t0}))
	must(t, db.PutSession(ctx, bot.Session{ID: "2026-11-25T07:00:00Z", UserKey: ada12.Key, ChatKey: ada12.Key, Questions: []string{"q1"}, Stage: bot.StageQuestion, Items: []bot.SessionItem{}, Started: t0.Add(-2 * time.Hour)}))

	// The outbox: a claimed slot's push, one waiting, one sent, one failed
	// for a later try, one given up.
	push := bot.Delivery{ID: "push/telegram:1/2026-11-25T01:00:00Z", Chat: adaChat.Chat(), UserKey: ada.Key, QuestionID: "q6", Reply: bot.Reply{Text: bot.TextOf("today's question")}, Created: t0, NextTry: t0}
	if ok, err := db.ClaimSlot(ctx, adaChat.Key, time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC), &push); err != nil || !ok {
		t.Fatalf("claim slot: %v %v", ok, err)
	}
	for i, id := range []string{"later/a", "later/b", "later/c", "later/d"} {
		d := bot.Delivery{ID: id, Chat: cyDM.Chat(), UserKey: cy.Key, Reply: bot.Reply{Text: bot.TextOf("feedback " + id)}, Created: t0, NextTry: t0.Add(time.Duration(i) * time.Minute)}
		if ok, err := db.Enqueue(ctx, d); err != nil || !ok {
			t.Fatalf("enqueue %s: %v %v", id, ok, err)
		}
	}
	must(t, db.MarkSent(ctx, "later/b", "m-b", t0.Add(time.Minute)))
	must(t, db.MarkFailed(ctx, "later/c", "503", t0.Add(time.Hour), false))
	must(t, db.MarkFailed(ctx, "later/d", "blocked", time.Time{}, true))
}

// fixtureDir holds the schema-5 fixture: a file written by the v5 code
// (fillFixture) and the snapshot that code read from it.
const fixtureDir = "testdata/schema5"

// fixtureCopy copies the fixture's file into a temporary directory and
// returns the copy's path.
func fixtureCopy(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtureDir, "bot.db"))
	must(t, err)
	path := filepath.Join(t.TempDir(), "bot.db")
	must(t, os.WriteFile(path, data, 0o600))
	return path
}

// goldenSnapshot is what the v5 code read from the fixture.
func goldenSnapshot(t testing.TB) storeSnapshot {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtureDir, "snapshot.json"))
	must(t, err)
	var s storeSnapshot
	must(t, json.Unmarshal(data, &s))
	return s
}

// downgrade makes a file of an older schema version from a newer one: it
// deletes the buckets the versions after it added and sets the version.
func downgrade(t testing.TB, path string, version uint64, drop ...string) {
	t.Helper()
	b, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: time.Second})
	must(t, err)
	defer b.Close()
	must(t, b.Update(func(tx *bbolt.Tx) error {
		for _, name := range drop {
			if err := tx.DeleteBucket([]byte(name)); err != nil {
				return fmt.Errorf("drop %s: %w", name, err)
			}
		}
		return tx.Bucket([]byte("meta")).Put([]byte("version"), binary.BigEndian.AppendUint64(nil, version))
	}))
}
