package storage_test

import (
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
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
