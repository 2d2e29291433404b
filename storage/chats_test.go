package storage_test

import (
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/storage"
)

func TestChats(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	if _, err := db.Chat(ctx, "telegram:-100"); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("Chat of an unknown key: err = %v, want ErrNotFound", err)
	}
	g := groupChat("telegram:-100")
	g.Schedule = &bot.Schedule{At: "09:00", Days: "mon-fri", TZ: "Asia/Shanghai"}
	p := privateChat("telegram:1")
	quiet := groupChat("telegram:-200")
	for _, c := range []bot.ChatRecord{g, p, quiet} {
		must(t, db.PutChat(ctx, c))
	}
	got, err := db.Chat(ctx, g.Key)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, g) {
		t.Errorf("Chat = %+v, want %+v", got, g)
	}
	subs, err := db.Subscriptions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 || subs[0].Key != g.Key {
		t.Errorf("Subscriptions = %+v, want just %s", subs, g.Key)
	}
	p.Schedule = &bot.Schedule{At: "21:30", Days: "daily", TZ: "Europe/Berlin"}
	must(t, db.PutChat(ctx, p))
	subs, _ = db.Subscriptions(ctx)
	if len(subs) != 2 {
		t.Errorf("Subscriptions after subscribing a second chat: %d chats, want 2", len(subs))
	}
}

// TestPutChatKeepsClaimedSlot checks that writing a chat record read before
// a claim does not undo the claim.
func TestPutChatKeepsClaimedSlot(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	c := groupChat("telegram:-100")
	c.Schedule = &bot.Schedule{At: "09:00", Days: "daily", TZ: "UTC"}
	must(t, db.PutChat(ctx, c))
	stale, _ := db.Chat(ctx, c.Key)
	d := delivery("push/telegram:-100/1", t0)
	if ok, err := db.ClaimSlot(ctx, c.Key, t0, &d); !ok || err != nil {
		t.Fatalf("ClaimSlot = %v, %v", ok, err)
	}
	stale.LastAsked = "q9"
	must(t, db.PutChat(ctx, stale))
	got, _ := db.Chat(ctx, c.Key)
	if !got.LastSlot.Equal(t0) || got.LastAsked != "q9" {
		t.Errorf("after a stale PutChat: LastSlot %v LastAsked %q, want %v and q9", got.LastSlot, got.LastAsked, t0)
	}
	if ok, _ := db.ClaimSlot(ctx, c.Key, t0, &d); ok {
		t.Error("slot claimed twice after a stale PutChat")
	}
	// Moving LastSlot forward (a new subscription) works.
	got.LastSlot = t0.Add(time.Hour)
	must(t, db.PutChat(ctx, got))
	if c2, _ := db.Chat(ctx, c.Key); !c2.LastSlot.Equal(t0.Add(time.Hour)) {
		t.Errorf("LastSlot = %v, want %v", c2.LastSlot, t0.Add(time.Hour))
	}
}

func TestClaimSlot(t *testing.T) {
	ctx := t.Context()
	slot := t0
	tests := []struct {
		name      string
		lastSlot  time.Time
		slot      time.Time
		delivery  bool
		existing  bool // the delivery's ID is already in the outbox
		wantOK    bool
		wantDepth int
	}{
		{name: "first slot with delivery", slot: slot, delivery: true, wantOK: true, wantDepth: 1},
		{name: "first slot skipped", slot: slot, wantOK: true},
		{name: "later slot", lastSlot: slot, slot: slot.Add(24 * time.Hour), delivery: true, wantOK: true, wantDepth: 1},
		{name: "same slot", lastSlot: slot, slot: slot, delivery: true},
		{name: "earlier slot", lastSlot: slot, slot: slot.Add(-24 * time.Hour), delivery: true},
		{name: "same slot skipped", lastSlot: slot, slot: slot},
		{name: "delivery already queued", slot: slot, delivery: true, existing: true, wantDepth: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTemp(t)
			c := groupChat("telegram:-100")
			c.LastSlot = tt.lastSlot
			must(t, db.PutChat(ctx, c))
			var d *bot.Delivery
			if tt.delivery {
				dd := delivery("push/telegram:-100/"+tt.slot.Format(time.RFC3339), tt.slot)
				d = &dd
				if tt.existing {
					if _, err := db.Enqueue(ctx, dd); err != nil {
						t.Fatal(err)
					}
				}
			}
			ok, err := db.ClaimSlot(ctx, c.Key, tt.slot, d)
			if err != nil {
				t.Fatal(err)
			}
			if ok != tt.wantOK {
				t.Errorf("claimed = %v, want %v", ok, tt.wantOK)
			}
			got, _ := db.Chat(ctx, c.Key)
			wantLast := tt.lastSlot
			if tt.wantOK {
				wantLast = tt.slot
			}
			if !got.LastSlot.Equal(wantLast) {
				t.Errorf("LastSlot = %v, want %v", got.LastSlot, wantLast)
			}
			if n, _ := db.OutboxDepth(ctx); n != tt.wantDepth {
				t.Errorf("outbox depth = %d, want %d", n, tt.wantDepth)
			}
		})
	}
	t.Run("unknown chat", func(t *testing.T) {
		db := openTemp(t)
		if _, err := db.ClaimSlot(ctx, "telegram:-9", slot, nil); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	})
}

func TestClaimSlotConcurrent(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	c := groupChat("telegram:-100")
	must(t, db.PutChat(ctx, c))
	const n = 32
	var wg sync.WaitGroup
	results := make(chan bool, 2*n)
	for i := range n {
		wg.Go(func() {
			d := delivery("push/telegram:-100/"+t0.Format(time.RFC3339), t0)
			var dp *bot.Delivery
			if i%2 == 0 {
				dp = &d // half the callers skip the slot instead
			}
			ok, err := db.ClaimSlot(ctx, c.Key, t0, dp)
			if err != nil {
				t.Error(err)
			}
			results <- ok
		})
	}
	wg.Wait()
	close(results)
	claimed := 0
	for ok := range results {
		if ok {
			claimed++
		}
	}
	if claimed != 1 {
		t.Errorf("%d concurrent calls claimed the slot, want 1", claimed)
	}
	if got, _ := db.Chat(ctx, c.Key); !got.LastSlot.Equal(t0) {
		t.Errorf("LastSlot = %v, want %v", got.LastSlot, t0)
	}
	if n, _ := db.OutboxDepth(ctx); n > 1 {
		t.Errorf("outbox depth = %d, want at most 1", n)
	}
}

// ClaimSlots claims a batch of slots in one transaction: each claim as
// ClaimSlot would, with its question opened; a claim that cannot be made
// (an unknown chat, a record changed since it was read) fails alone.
func TestClaimSlots(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	var claims []bot.SlotClaim
	for _, key := range []string{"telegram:1", "telegram:2", "telegram:3", "telegram:4"} {
		c := privateChat(key)
		c.Schedule = &bot.Schedule{At: "09:00", Days: "daily", TZ: "UTC"}
		must(t, db.PutChat(ctx, c))
		read, err := db.Chat(ctx, key)
		must(t, err)
		d := delivery("push/"+key+"/1", t0)
		claims = append(claims, bot.SlotClaim{ChatKey: key, Slot: t0, Delivery: &d, Read: &read,
			Open: &bot.Pending{ChatKey: key, UserKey: key, QuestionID: "q-" + key, AskedAt: t0, New: true}})
	}
	// telegram:2 had its slot claimed already; telegram:3 changed after it
	// was read (a /topic); telegram:9 does not exist.
	if ok, err := db.ClaimSlot(ctx, "telegram:2", t0, nil); !ok || err != nil {
		t.Fatalf("ClaimSlot = %v, %v", ok, err)
	}
	changed := *claims[2].Read
	changed.Topic = "redis"
	must(t, db.PutChat(ctx, changed))
	claims = append(claims, bot.SlotClaim{ChatKey: "telegram:9", Slot: t0})

	before := db.WriteStats()
	res, err := db.ClaimSlots(ctx, claims)
	must(t, err)
	if c := db.WriteStats().Commits - before.Commits; c != 1 {
		t.Errorf("%d commits, want 1", c)
	}
	want := []struct {
		claimed bool
		err     error
	}{{true, nil}, {false, nil}, {false, bot.ErrStale}, {true, nil}, {false, bot.ErrNotFound}}
	for i, w := range want {
		if res[i].Claimed != w.claimed || (w.err == nil) != (res[i].Err == nil) || w.err != nil && !errors.Is(res[i].Err, w.err) {
			t.Errorf("claim %d (%s): %+v, want claimed %v, err %v", i, claims[i].ChatKey, res[i], w.claimed, w.err)
		}
	}
	for i, c := range claims[:4] {
		p, perr := db.Pending(ctx, c.ChatKey, c.ChatKey)
		chat, _ := db.Chat(ctx, c.ChatKey)
		if w := want[i]; w.claimed {
			if perr != nil || p.QuestionID != "q-"+c.ChatKey || chat.LastAsked != p.QuestionID || !chat.LastSlot.Equal(t0) {
				t.Errorf("%s claimed: pending %+v (%v), chat %+v", c.ChatKey, p, perr, chat)
			}
		} else if perr == nil || chat.LastAsked != "" {
			t.Errorf("%s not claimed, yet its question was opened: %+v, chat %+v", c.ChatKey, p, chat)
		}
	}
	if got, _ := db.Chat(ctx, "telegram:3"); got.Topic != "redis" || !got.LastSlot.IsZero() {
		t.Errorf("the changed chat: %+v, want the change kept and no slot claimed", got)
	}
	if n, _ := db.OutboxDepth(ctx); n != 2 {
		t.Errorf("outbox depth %d, want the 2 claimed pushes", n)
	}
}

// PutUserAndChat writes both records in one transaction, either alone
// when the other is nil; a chat's claimed slot never moves back.
func TestPutUserAndChat(t *testing.T) {
	db := openTemp(t)
	ctx := t.Context()
	u, c := user("telegram:1"), privateChat("telegram:1")
	before := db.WriteStats()
	must(t, db.PutUserAndChat(ctx, &u, &c))
	if got := db.WriteStats().Commits - before.Commits; got != 1 {
		t.Errorf("%d commits, want 1", got)
	}
	if got, err := db.User(ctx, u.Key); err != nil || got.Name != u.Name {
		t.Errorf("User = %+v, %v", got, err)
	}
	if ok, err := db.ClaimSlot(ctx, c.Key, t0, nil); !ok || err != nil {
		t.Fatalf("ClaimSlot = %v, %v", ok, err)
	}
	u.Name, c.Topic = "renamed", "redis"
	must(t, db.PutUserAndChat(ctx, nil, &c))
	if got, _ := db.Chat(ctx, c.Key); got.Topic != "redis" || !got.LastSlot.Equal(t0) {
		t.Errorf("Chat = %+v, want the topic and the claimed slot", got)
	}
	if got, _ := db.User(ctx, u.Key); got.Name == "renamed" {
		t.Errorf("a nil user was written: %+v", got)
	}
	must(t, db.PutUserAndChat(ctx, &u, nil))
	if got, _ := db.User(ctx, u.Key); got.Name != "renamed" {
		t.Errorf("User = %+v", got)
	}
	bad := bot.UserRecord{}
	if err := db.PutUserAndChat(ctx, &bad, &c); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("an empty user key: err = %v, want ErrInvalid", err)
	}
}
