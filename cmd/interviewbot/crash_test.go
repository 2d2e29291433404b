package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
	"github.com/interviewbot/interviewbot/storage"
)

// The crash test's knobs. The defaults are the short form CI runs; the long
// form is
//
//	go test ./cmd/interviewbot -run TestCrashRecovery -crash.long -v
var (
	crashCycles = flag.Int("crash.cycles", 6, "TestCrashRecovery: SIGKILL-and-restart cycles")
	crashLong   = flag.Bool("crash.long", false, "TestCrashRecovery: at least 15 cycles, and on until the pushes subscribed through Telegram fall due (60-90 s)")
	crashSeed   = flag.Uint64("crash.seed", 0, "TestCrashRecovery: seed of the kill points (0: from the clock)")
)

// The crash test's population and kill points.
const (
	crashAnswerers = 20 // private chats doing /next, then an answer
	crashDueChats  = 12 // subscribed chats whose slot passed while the bot was down
	crashLaterSubs = 4  // chats that /subscribe to a time ahead, falling due in a long run
	crashMinLife   = 150 * time.Millisecond
	crashMaxLife   = 2500 * time.Millisecond
	// A push goes out twice only when the process dies after its
	// sendMessage left and before MarkSent committed: a duplicate is
	// explained by a kill from crashDupBefore before the first copy was
	// recorded by the fake (the request in flight, accepted after the
	// sender died) to crashDupAfter after it (the answer on its way back,
	// bbolt's batch delay of 10 ms and one fsync, with margin for a loaded
	// machine).
	crashDupBefore = 100 * time.Millisecond
	crashDupAfter  = 300 * time.Millisecond
)

// crashZones are the zones of the subscribed chats: whole, half and
// three-quarter hour offsets, both hemispheres.
var crashZones = []string{
	"Asia/Shanghai", "Europe/Berlin", "America/New_York", "Asia/Kolkata",
	"Australia/Adelaide", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham",
	"America/Sao_Paulo", "Europe/London", "Pacific/Auckland", "America/Los_Angeles",
}

// life is one run of the binary in the crash test.
type life struct {
	cycle  int
	start  time.Time
	killed time.Time // zero for a clean stop
	stderr *syncBuffer
}

// crashRun is the binary run again and again on one database.
type crashRun struct {
	t      *testing.T
	config string
	db     string
	lives  []*life
}

// start runs the binary once more on the same configuration and database.
func (r *crashRun) start(cycle int) (*process, *life) {
	r.t.Helper()
	p := &process{t: r.t, done: make(chan error, 1)}
	p.cmd = botCommand("run", "--config", r.config, "--db", r.db)
	p.cmd.Stdout = &p.stdout
	p.cmd.Stderr = &p.stderr
	l := &life{cycle: cycle, start: time.Now(), stderr: &p.stderr}
	if err := p.cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	r.t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	r.lives = append(r.lives, l)
	return p, l
}

// kill SIGKILLs the process and returns when it has gone; it fails the
// test if the process had already exited on its own.
func (p *process) kill() time.Time {
	p.t.Helper()
	select {
	case err := <-p.done:
		p.t.Fatalf("the bot exited on its own (%v) before the kill\n%s", err, tail(p.stderr.String(), 4000))
	default:
	}
	at := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		p.t.Fatal(err)
	}
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		p.t.Fatal("the process survived SIGKILL for 5 s")
	}
	return at
}

// tail returns the end of s.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// answerer is a person who asks for a question and answers it, in plain
// text right away or as a reply to the question once it arrives.
type answerer struct {
	user  telegramfake.User
	chat  telegramfake.Chat
	text  string
	reply bool

	mu    sync.Mutex
	msgID int // the answer's message id, once sent
}

func (a *answerer) answerID() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.msgID
}

// subscriber is a chat subscribed to a daily push.
type subscriber struct {
	user telegramfake.User
	chat telegramfake.Chat
	zone string
	slot time.Time // when its push falls due
}

// TestCrashRecovery runs the bot as a process (Main, through main) against the fake Bot API under a
// burst of answers from many people while scheduled pushes fall due, kills
// it with SIGKILL at random (seeded, logged) points and restarts it on the
// same database, again and again; then it runs it once more to the end and
// compares what the fake received with the store:
//
//   - every answer is in the store exactly once and its feedback reached
//     Telegram (again, when the kill came between recording and
//     confirming the update);
//   - every push that fell due went out at least once;
//   - a push that went out twice is explained by a kill in the window
//     between Telegram accepting it and the outbox marking it sent.
//
// Pushes are made due honestly: some chats subscribed an hour ago to a
// time that passed two minutes ago while the bot was down (the records
// are written with the storage package before the crash cycles, as a
// previous run of the bot would have left them), so the restarted bot
// owes them their push within the grace window; others /subscribe through
// Telegram to the next minutes and fall due when a run lasts long enough
// (-crash.cycles=15).
func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: runs and kills the bot as a process")
	}
	seed := *crashSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	cycles := *crashCycles
	if *crashLong {
		cycles = max(cycles, 15)
	}
	t.Logf("crash test: seed %d, %d cycles at least (reproduce the kill points with -crash.seed=%d)", seed, cycles, seed)
	rng := rand.New(rand.NewPCG(seed, 0x1b0))

	const token = "515151:crash-SECRET-token"
	srv := telegramfake.New(token)
	defer srv.Close()
	t.Setenv("IB_CRASH_TOKEN", token)
	dir := t.TempDir()
	r := &crashRun{t: t, config: filepath.Join(dir, "config.yaml"), db: filepath.Join(dir, "bot.db")}
	// A global rate of 10 messages/s (a real setting) spreads the burst and
	// the pushes over several lives, so kills land among sends.
	config := fmt.Sprintf(`
telegram:
  token: ${IB_CRASH_TOKEN}
  api_endpoint: %s
  poll_timeout: 1s
  limits:
    global_per_second: 10
log:
  level: debug
`, srv.Endpoint())
	if err := os.WriteFile(r.config, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Second)
	defer cancel()

	// Life 0, stopped cleanly: the subscribers start the bot; the later
	// ones subscribe to a time ahead, through Telegram.
	now := time.Now()
	var subs []*subscriber
	for i := range crashDueChats + crashLaterSubs {
		u := telegramfake.User{ID: 8300 + int64(i), FirstName: "Sub" + strconv.Itoa(i), LanguageCode: "zh-hans"}
		subs = append(subs, &subscriber{user: u, chat: telegramfake.PrivateChat(u), zone: crashZones[i%len(crashZones)]})
	}
	p, _ := r.start(0)
	if err := srv.WaitCalls(ctx, "getUpdates", 1); err != nil {
		t.Fatalf("no polling: %v\n%s", err, p.stderr.String())
	}
	for i, s := range subs {
		if i < crashDueChats {
			srv.SendCommand(s.chat, s.user, "start", "")
			continue
		}
		loc, err := time.LoadLocation(s.zone)
		if err != nil {
			t.Fatal(err)
		}
		// The first minute boundary at least 20 s ahead.
		s.slot = now.Add(20 * time.Second).Truncate(time.Minute).Add(time.Minute)
		srv.SendCommand(s.chat, s.user, "subscribe", s.slot.In(loc).Format("15:04")+" daily "+s.zone)
	}
	for _, s := range subs {
		if _, err := srv.WaitMessages(ctx, s.chat.ID, 1); err != nil {
			t.Fatalf("%v\n%s", err, p.stderr.String())
		}
	}
	if err := srv.Wait(ctx, func() bool { return srv.PendingUpdates() == 0 }); err != nil {
		t.Fatal(err)
	}
	p.stop()
	seedDueSlots(t, r.db, subs[:crashDueChats], now)
	for _, s := range subs[crashDueChats:] {
		if ms := srv.Messages(s.chat.ID); !strings.Contains(ms[len(ms)-1].PlainText, s.slot.In(mustZone(t, s.zone)).Format("15:04")) {
			t.Fatalf("subscription not confirmed: %q", ms[len(ms)-1].PlainText)
		}
	}

	// The people: half answer in plain text right after /next, half reply
	// to the question once it arrives (possibly from a later life).
	var people []*answerer
	for i := range crashAnswerers {
		u := telegramfake.User{ID: 8200 + int64(i), FirstName: "Ans" + strconv.Itoa(i), LanguageCode: "zh-hans"}
		people = append(people, &answerer{
			user: u, chat: telegramfake.PrivateChat(u), reply: i%2 == 1,
			text: fmt.Sprintf("回答%02d：离职后我完成了学业收尾，系统学习了云计算迁移方向的全链路知识面，也做了云原生运维自动化。", i),
		})
	}
	var driver sync.WaitGroup
	for _, a := range people {
		driver.Add(1)
		go func() {
			defer driver.Done()
			srv.SendCommand(a.chat, a.user, "next", "")
			if !a.reply {
				id := srv.SendText(a.chat, a.user, a.text)
				a.mu.Lock()
				a.msgID = id
				a.mu.Unlock()
				return
			}
			var q telegramfake.SentMessage
			err := srv.Wait(ctx, func() bool {
				for _, m := range srv.Messages(a.chat.ID) {
					if len(m.Keyboard) > 0 && strings.Contains(m.PlainText, "❓") {
						q = m
						return true
					}
				}
				return false
			})
			if err != nil {
				t.Errorf("%s: no question: %v", a.user.FirstName, err)
				return
			}
			id, err := srv.SendReply(a.chat, a.user, q.MessageID, a.text)
			if err != nil {
				t.Errorf("%s: reply: %v", a.user.FirstName, err)
				return
			}
			a.mu.Lock()
			a.msgID = id
			a.mu.Unlock()
		}()
	}
	driverDone := make(chan struct{})
	go func() {
		driver.Wait()
		close(driverDone)
	}()

	// The crash cycles; the long form goes on until the later
	// subscriptions have fallen due, so their pushes meet kills too.
	later := subs[len(subs)-1].slot.Add(3 * time.Second)
	for c := 1; c <= cycles || *crashLong && time.Now().Before(later); c++ {
		p, l := r.start(c)
		lifetime := crashMinLife + time.Duration(rng.Int64N(int64(crashMaxLife-crashMinLife)))
		select {
		case err := <-p.done:
			t.Fatalf("life %d: the bot exited on its own: %v\n%s", c, err, tail(p.stderr.String(), 4000))
		case <-time.After(lifetime):
		}
		l.killed = p.kill()
		t.Logf("life %d: SIGKILL after %v", c, l.killed.Sub(l.start).Round(time.Millisecond))
	}

	// The last life runs until everything is handled and every push due is
	// out, then stops cleanly.
	p, final := r.start(cycles + 1)
	// Connected before anything else: when the earlier lives finished all
	// the work, the stop below would otherwise come before the binary
	// handles SIGTERM, and the default action ends it.
	for !strings.Contains(p.stderr.String(), "telegram bot connected") {
		if ctx.Err() != nil {
			t.Fatalf("the last life never connected\n%s", p.stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	var due []*subscriber
	for _, s := range subs {
		if !s.slot.After(final.start) {
			due = append(due, s)
		}
	}
	pushes := func(chatID int64) []telegramfake.SentMessage {
		var out []telegramfake.SentMessage
		for _, m := range srv.Messages(chatID) {
			if strings.Contains(m.PlainText, "今日一题") {
				out = append(out, m)
			}
		}
		return out
	}
	err := srv.Wait(ctx, func() bool {
		select {
		case <-driverDone:
		default:
			return false
		}
		if srv.PendingUpdates() > 0 {
			return false
		}
		for _, s := range due {
			if len(pushes(s.chat.ID)) == 0 {
				return false
			}
		}
		return true
	})
	if err != nil {
		t.Fatalf("the last life did not finish the work: %v (pending updates %d)\n%s", err, srv.PendingUpdates(), tail(p.stderr.String(), 8000))
	}
	p.stop()

	db, err := storage.Open(r.db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	export, err := db.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	attempts := map[string][]bot.Attempt{}
	for _, u := range export {
		attempts[u.User.Key] = u.Attempts
	}

	// (a) Every answer is in the store once, and its feedback reached
	// Telegram: an answer delivered again after a kill (recorded, its
	// update not yet confirmed) gets its feedback again but is not
	// recorded twice.
	var withFeedback, recordedNoFeedback, feedbackResent int
	for _, a := range people {
		id := a.answerID()
		feedback := 0
		for _, m := range srv.Messages(a.chat.ID) {
			if m.ReplyToMessageID == id && strings.Contains(m.PlainText, "📊 覆盖") {
				feedback++
			}
		}
		stored := 0
		for _, at := range attempts["telegram:"+strconv.FormatInt(a.user.ID, 10)] {
			if at.Kind == bot.AttemptAnswer && at.Reply == a.text {
				stored++
			}
		}
		switch {
		case feedback > 0 && stored == 0:
			t.Errorf("%s: feedback sent to Telegram but the answer is not in the store", a.user.FirstName)
		case feedback > 0:
			withFeedback++
		case stored > 0:
			recordedNoFeedback++
			t.Errorf("%s: the answer is in the store but its feedback never reached Telegram", a.user.FirstName)
		default:
			t.Errorf("%s: the answer was never handled", a.user.FirstName)
		}
		if stored > 1 {
			t.Errorf("%s: the answer is in the store %d times", a.user.FirstName, stored)
		}
		if feedback > 1 {
			feedbackResent++
		}
	}

	// (b) Every push due went out at least once, and the outbox is empty.
	delivered := 0
	for _, s := range due {
		if len(pushes(s.chat.ID)) > 0 {
			delivered++
		} else {
			t.Errorf("chat %d: its push due at %s never went out", s.chat.ID, s.slot.Format(time.RFC3339))
		}
	}
	if n, err := db.OutboxDepth(ctx); err != nil || n != 0 {
		t.Errorf("outbox depth %d (%v), want 0", n, err)
	}

	// (c) A push that went out twice is explained by a kill in the window
	// between the first copy leaving and the outbox marking it sent.
	var kills []time.Time
	for _, l := range r.lives {
		if !l.killed.IsZero() {
			kills = append(kills, l.killed)
		}
	}
	duplicates := 0
	var gaps []string
	for _, s := range subs {
		ps := pushes(s.chat.ID)
		if len(ps) < 2 {
			continue
		}
		duplicates += len(ps) - 1
		first, second := ps[0].Date, ps[1].Date
		explained := slices.ContainsFunc(kills, func(k time.Time) bool {
			return !k.Before(first.Add(-crashDupBefore)) && !k.After(first.Add(crashDupAfter)) && k.Before(second)
		})
		gap := "none"
		for _, k := range kills {
			if d := k.Sub(first); d > -time.Second && d < time.Second {
				gap = d.Round(time.Millisecond).String()
			}
		}
		gaps = append(gaps, fmt.Sprintf("chat %d: kill %s after the first copy", s.chat.ID, gap))
		if !explained || len(ps) > 2 {
			t.Errorf("chat %d got its push %d times; the first copy at %s is not explained by a kill in [-%v, +%v] (nearest kill: %s)",
				s.chat.ID, len(ps), first.Format("15:04:05.000"), crashDupBefore, crashDupAfter, gap)
		}
	}

	// How close the kills came to pushes: pushes that went out in the
	// last second of a life that was then killed.
	nearKill := 0
	for _, s := range subs {
		for _, m := range pushes(s.chat.ID) {
			if slices.ContainsFunc(kills, func(k time.Time) bool { return !m.Date.After(k) && k.Sub(m.Date) < time.Second }) {
				nearKill++
			}
		}
	}
	t.Logf("crash summary: seed=%d lives=%d kills=%d answers=%d feedback_delivered=%d (all stored once) stored_without_feedback=%d feedback_sent_again=%d pushes_due=%d delivered=%d within_1s_before_a_kill=%d duplicated=%d %v",
		seed, len(r.lives), len(kills), len(people), withFeedback, recordedNoFeedback, feedbackResent, len(due), delivered, nearKill, duplicates, gaps)
	for _, l := range r.lives {
		if strings.Contains(l.stderr.String(), "crash-SECRET-token") {
			t.Errorf("life %d logged the bot token", l.cycle)
		}
	}
	if t.Failed() {
		for _, l := range r.lives {
			t.Logf("life %d (killed %v) log:\n%s", l.cycle, !l.killed.IsZero(), tail(l.stderr.String(), 3000))
		}
	}
}

// seedDueSlots gives each chat a daily schedule at a local time two
// minutes before now, subscribed an hour before: what a bot that was down
// when the slot came leaves in its database. The chats exist already
// (they sent /start).
func seedDueSlots(t *testing.T, path string, subs []*subscriber, now time.Time) {
	t.Helper()
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	for _, s := range subs {
		loc := mustZone(t, s.zone)
		s.slot = now.Add(-2 * time.Minute).Truncate(time.Minute)
		sched, err := bot.ParseSchedule(s.slot.In(loc).Format("15:04")+" daily", s.zone)
		if err != nil {
			t.Fatal(err)
		}
		key := "telegram:" + strconv.FormatInt(s.chat.ID, 10)
		c, err := db.Chat(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		if c.Schedule != nil || !c.LastSlot.IsZero() {
			t.Fatalf("chat %s is already subscribed: %+v", key, c)
		}
		c.Schedule, c.LastSlot = &sched, now.Add(-time.Hour)
		if err := db.PutChat(ctx, c); err != nil {
			t.Fatal(err)
		}
		if last, err := sched.Last(now); err != nil || !last.Equal(s.slot) {
			t.Fatalf("chat %s: last slot %v (%v), want %v", key, last, err, s.slot)
		}
	}
	if err := db.Close(); err != nil && !errors.Is(err, storage.ErrClosed) {
		t.Fatal(err)
	}
}

// mustZone loads an IANA zone.
func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
