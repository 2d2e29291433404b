package telegram_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// sampleArgs are arguments that would change a group's settings, for each
// admin command of the table.
var sampleArgs = map[string]string{
	"topic": "容灾", "subscribe": "09:00", "timezone": "Europe/Berlin", "lang": "en",
}

// TestAdminCommandsRefusedThroughEveryName walks the command table and
// sends every admin command, under its name and each alias, as a member
// who is no admin of the group: each is refused (privately) and the
// group's record and open round stay as they were.
func TestAdminCommandsRefusedThroughEveryName(t *testing.T) {
	srv := newServer(t, telegramfake.WithPrivacyMode(true))
	core, db := newCore(t)
	start(t, srv, core, nil)
	ctx := waitCtx(t)
	ada := telegramfake.User{ID: 1, FirstName: "Ada", LanguageCode: "zh"}
	bob := telegramfake.User{ID: 2, FirstName: "Bob", LanguageCode: "zh"}
	group := telegramfake.Group(-100, "study")
	srv.AddChat(group)
	srv.SetMember(group, ada, telegramfake.StatusAdministrator)
	srv.SetMember(group, bob, telegramfake.StatusMember)
	srv.SendCommand(telegramfake.PrivateChat(bob), bob, "start", "")
	if _, err := srv.WaitMessages(ctx, bob.ID, 1); err != nil {
		t.Fatal(err)
	}
	// The admin subscribes (so /unsubscribe has something to undo), and a
	// round is open (so /reveal has something to close).
	srv.SendCommand(group, ada, "subscribe", "08:00")
	srv.SendCommand(group, ada, "next", "")
	if _, err := srv.WaitMessages(ctx, group.ID, 2); err != nil {
		t.Fatal(err)
	}
	chatKey := bot.Chat{Platform: bot.Telegram, ID: "-100"}.Key()
	before, err := db.Chat(ctx, chatKey)
	if err != nil || before.Schedule == nil {
		t.Fatalf("group before: %+v, %v", before, err)
	}
	round, err := db.OpenRound(ctx, chatKey)
	if err != nil {
		t.Fatal(err)
	}

	dms := 1
	tried := 0
	for _, c := range bot.Commands() {
		if !c.Admin {
			continue
		}
		for _, name := range append([]string{c.Name}, c.Aliases...) {
			tried++
			args := sampleArgs[c.Name]
			srv.SendCommand(group, bob, name, args)
			dms++
			ms, err := srv.WaitMessages(ctx, bob.ID, dms)
			if err != nil {
				t.Fatalf("/%s %s: no private answer: %v", name, args, err)
			}
			if got := ms[dms-1].PlainText; !strings.Contains(got, "管理员") {
				t.Errorf("/%s %s by a member answered %q, want a refusal", name, args, got)
			}
			after, err := db.Chat(ctx, chatKey)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(after, before) {
				t.Errorf("/%s %s by a member changed the group:\nbefore %+v\nafter  %+v", name, args, before, after)
				before = after
			}
			if r, err := db.OpenRound(ctx, chatKey); err != nil || r.ID != round.ID {
				t.Errorf("/%s by a member closed the round: %+v, %v", name, r, err)
			}
		}
	}
	if tried < 8 {
		t.Errorf("only %d admin command names tried", tried)
	}
	if ms := srv.Messages(group.ID); len(ms) != 2 {
		t.Errorf("the group got %d messages, want 2 (the admin's subscription and round)", len(ms))
	}
}
