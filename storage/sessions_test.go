package storage_test

import (
	"errors"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

func TestSessions(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	u := user("telegram:1")
	must(t, db.PutUser(ctx, u))
	if _, err := db.ActiveSession(ctx, u.Key); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("no session yet: %v", err)
	}
	first := bot.Session{ID: "a", UserKey: u.Key, ChatKey: u.Key, Questions: []string{"q1", "q2"}, Started: t0, Done: true,
		Items: []bot.SessionItem{{QuestionID: "q1", Coverage: 0.5, FollowUp: &bot.FollowUpResult{Point: "p", Coverage: 1}}}}
	second := bot.Session{ID: "b", UserKey: u.Key, ChatKey: u.Key, Questions: []string{"q3"}, Started: t0.Add(time.Hour), Stage: bot.StageFollowUp,
		FollowUp: &bot.FollowUp{Point: "p", Prompt: "那 p 呢？", Reference: "p 是……"}}
	must(t, db.PutSession(ctx, second))
	must(t, db.PutSession(ctx, first))
	active, err := db.ActiveSession(ctx, u.Key)
	if err != nil || active.ID != "b" || active.FollowUp == nil || active.FollowUp.Prompt != "那 p 呢？" {
		t.Fatalf("active %+v %v", active, err)
	}
	all, err := db.Sessions(ctx, u.Key)
	if err != nil || len(all) != 2 || all[0].ID != "a" || all[0].Items[0].FollowUp.Coverage != 1 {
		t.Fatalf("sessions %+v %v", all, err)
	}
	second.Done = true
	must(t, db.PutSession(ctx, second))
	if _, err := db.ActiveSession(ctx, u.Key); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("ended sessions are not active: %v", err)
	}
	ex, err := db.Export(ctx)
	if err != nil || len(ex) != 1 || len(ex[0].Sessions) != 2 {
		t.Errorf("export %+v %v", ex, err)
	}
	// Reopened (a restart), the sessions are there; forgotten, they are gone.
	db = reopen(t, db)
	if all, _ := db.Sessions(ctx, u.Key); len(all) != 2 {
		t.Errorf("after reopen: %d sessions", len(all))
	}
	must(t, db.ForgetUser(ctx, u.Key))
	if all, _ := db.Sessions(ctx, u.Key); len(all) != 0 {
		t.Errorf("after forget: %d sessions", len(all))
	}
}
