package main

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"go.etcd.io/bbolt"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot/telegram"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
	"github.com/interviewbot/interviewbot/storage"
)

// Load test settings.
const (
	// generousRate is the adapter's rate limit in the load test (messages
	// per second, global and per chat): high enough never to apply, since
	// the load test measures the bot, not the rate limiter.
	generousRate = 1e6
	// firstUserID is the Telegram ID of the first simulated user.
	firstUserID = 2_000_000
	// answerRunes is the length of a simulated answer: a typical chat
	// reply is 100–300 characters.
	answerRunes = 240
	// waitReply bounds the wait for one reply of the bot.
	waitReply = 2 * time.Minute
)

// loadResult is what the load test measured.
type loadResult struct {
	Users, Rounds int
	// RealLimits is set when Telegram's limits applied.
	RealLimits bool
	// Rejected counts the fake's 429 answers.
	Rejected int
	// Answers counts the feedback messages that arrived, Failed the
	// simulated users that gave up waiting.
	Answers, Failed int
	// Elapsed runs from the first /next to the last feedback.
	Elapsed time.Duration
	// Latencies run from an answer queued at the fake to its feedback
	// arriving at the fake, one per answer; Asks from /next queued to the
	// question arriving, Cycles from /next queued to the feedback.
	Latencies, Asks, Cycles []time.Duration
	// Store counts the store's writes and commits during the test.
	Store storage.WriteStats
	// RawCycle is the raw bbolt cost of one cycle, one per timed cycle:
	// as many fsynced db.Update calls as the store committed per answer.
	RawCycle []time.Duration
	// Errors are the first few failures of simulated users.
	Errors []error
}

// runLoad runs the load test: every simulated user sends /next, answers
// the question as soon as it arrives and waits for the feedback, for
// cfg.Rounds rounds, all users at once. The adapter's rate limits are
// raised out of the way unless cfg.RealLimits is set.
func runLoad(ctx context.Context, cfg config, logger *slog.Logger) (loadResult, error) {
	res := loadResult{Users: cfg.Users, Rounds: cfg.Rounds, RealLimits: cfg.RealLimits}
	w := newWatcher(defaultTransport())
	limits := telegram.Limits{Global: generousRate, PerChat: generousRate, PerGroup: generousRate * 60}
	var enforced telegramfake.RateLimit
	if cfg.RealLimits {
		limits, enforced = telegram.Limits{}, telegramfake.DefaultRateLimit()
	}
	sys, err := startSystem(systemOptions{
		Limits: limits, FakeRate: enforced,
		Transport: w,
		// The per-person flood limit off: a simulated user answers at once.
		PersonRate: time.Nanosecond, PersonBurst: 1 << 20,
		// No daily cap of new questions: a simulated user asks for every
		// question of the bank.
		NewPerDay: 1 << 20,
		Logger:    logger,
	})
	if err != nil {
		return res, err
	}
	defer sys.close()
	runCtx, stopAdapter := context.WithCancel(ctx)
	defer stopAdapter()
	waitAdapter, err := sys.runAdapter(runCtx)
	if err != nil {
		return res, fmt.Errorf("start the adapter: %w", err)
	}

	before := sys.db.WriteStats()
	queued, errs, began := simulate(ctx, sys, w, cfg)
	after := sys.db.WriteStats()
	res.Store = storage.WriteStats{Writes: after.Writes - before.Writes, Commits: after.Commits - before.Commits}

	stopAdapter()
	if err := waitAdapter(); err != nil {
		return res, fmt.Errorf("adapter: %w", err)
	}
	for _, err := range errs {
		if err != nil {
			res.Failed++
			if len(res.Errors) < 3 {
				res.Errors = append(res.Errors, err)
			}
		}
	}
	if dropped := w.dropped.Load(); dropped > 0 {
		return res, fmt.Errorf("%d messages to simulated users dropped", dropped)
	}

	last, err := feedbackTimes(sys, queued, &res)
	if err != nil {
		return res, err
	}
	res.Elapsed = last.Sub(began)
	if res.Answers == 0 {
		return res, errors.Join(append([]error{errors.New("no answer got its feedback")}, res.Errors...)...)
	}
	return res, nil
}

// simulate runs every simulated user at once, for cfg.Rounds rounds, and
// returns the times each queued, each one's error, and when they began.
func simulate(ctx context.Context, sys *system, w *watcher, cfg config) ([][]cycleTimes, []error, time.Time) {
	answers := simulatedAnswers(sys.bank)
	start := make(chan struct{})
	queued := make([][]cycleTimes, cfg.Users)
	errs := make([]error, cfg.Users)
	var wg sync.WaitGroup
	for i := range cfg.Users {
		// Simulated user i is a new person (Telegram user and private
		// chat) every bank.Len() rounds, once every question was asked.
		person := func(round int) (telegramfake.User, <-chan sent) {
			id := int64(firstUserID + round/sys.bank.Len()*cfg.Users + i)
			return telegramfake.User{ID: id, FirstName: "user" + strconv.Itoa(i), LanguageCode: "zh-hans"}, w.inbox(id)
		}
		for round := 0; round < cfg.Rounds; round += sys.bank.Len() {
			person(round) // the inbox exists before the first message
		}
		wg.Go(func() {
			<-start
			queued[i], errs[i] = simulateUser(ctx, sys.fake, person, cfg.Rounds, answers)
		})
	}
	began := time.Now()
	close(start)
	wg.Wait()
	return queued, errs, began
}

// feedbackTimes reads the feedback arrival times from the fake's request
// log, per chat in order, into res's latencies, asks and cycles, and
// returns when the last feedback arrived.
func feedbackTimes(sys *system, queued [][]cycleTimes, res *loadResult) (time.Time, error) {
	arrived := map[int64][]time.Time{}
	var last time.Time
	for _, r := range sys.fake.Requests() {
		if r.Status == 429 {
			res.Rejected++
		}
		if r.Method != "sendMessage" || r.Status != 200 || !isFeedback(r.Params["text"]) {
			continue
		}
		id, err := strconv.ParseInt(r.Params["chat_id"], 10, 64)
		if err != nil {
			continue
		}
		arrived[id] = append(arrived[id], r.Time)
		if r.Time.After(last) {
			last = r.Time
		}
	}
	byChat := map[int64][]cycleTimes{}
	for _, qs := range queued {
		for _, q := range qs {
			byChat[q.chat] = append(byChat[q.chat], q)
		}
	}
	for chat, qs := range byChat {
		fb := arrived[chat]
		if len(fb) > len(qs) {
			return last, fmt.Errorf("chat %d: %d feedback messages for %d answers", chat, len(fb), len(qs))
		}
		for j, t := range fb {
			res.Latencies = append(res.Latencies, t.Sub(qs[j].answer))
			res.Asks = append(res.Asks, qs[j].question.Sub(qs[j].next))
			res.Cycles = append(res.Cycles, t.Sub(qs[j].next))
		}
		res.Answers += len(fb)
	}
	return last, nil
}

// cycleTimes are the times of one cycle of a simulated user: /next queued
// at the fake, the question arriving, the answer queued.
type cycleTimes struct {
	chat                   int64
	next, question, answer time.Time
}

// simulateUser plays one user: /next, then the answer as soon as the
// question arrives, then waits for the feedback; rounds times, as the
// person (and private chat) person gives for each round. It returns the
// times of each cycle.
func simulateUser(ctx context.Context, fake *telegramfake.Server, person func(round int) (telegramfake.User, <-chan sent), rounds int, answers map[string]string) ([]cycleTimes, error) {
	var queued []cycleTimes
	for round := range rounds {
		u, in := person(round)
		chat := telegramfake.PrivateChat(u)
		next := time.Now()
		fake.SendCommand(chat, u, "next", "")
		m, err := await(ctx, in, func(m sent) bool { return questionOf(m) != "" })
		if err != nil {
			return queued, fmt.Errorf("user %d round %d: waiting for the question: %w", u.ID, round, err)
		}
		text, ok := answers[questionOf(m)]
		if !ok {
			return queued, fmt.Errorf("user %d round %d: question %q is not in the bank", u.ID, round, questionOf(m))
		}
		queued = append(queued, cycleTimes{chat: chat.ID, next: next, question: m.At, answer: time.Now()})
		fake.SendText(chat, u, text)
		if _, err := await(ctx, in, func(m sent) bool { return isFeedback(m.Text) }); err != nil {
			return queued, fmt.Errorf("user %d round %d: waiting for the feedback: %w", u.ID, round, err)
		}
	}
	return queued, nil
}

// await returns the first message from in that matches, skipping others.
func await(ctx context.Context, in <-chan sent, match func(sent) bool) (sent, error) {
	timeout := time.NewTimer(waitReply)
	defer timeout.Stop()
	for {
		select {
		case m := <-in:
			if match(m) {
				return m, nil
			}
		case <-timeout.C:
			return sent{}, fmt.Errorf("no reply in %s", waitReply)
		case <-ctx.Done():
			return sent{}, ctx.Err()
		}
	}
}

// questionOf returns the question a question message asks (from its Hint
// button), or "".
func questionOf(m sent) string {
	for _, a := range m.Actions {
		if qid, ok := strings.CutPrefix(a, "hint:"); ok {
			return qid
		}
	}
	return ""
}

// isFeedback reports whether a message is the feedback on an answer.
func isFeedback(text string) bool { return strings.Contains(text, "📊") }

// simulatedAnswers returns an answer for every question: the start of its
// reference answer, so grading does the work of a real, partly right reply.
func simulatedAnswers(b *bank.Bank) map[string]string {
	out := make(map[string]string, b.Len())
	for _, q := range b.Questions() {
		text := strings.Join(strings.FieldsFunc(q.Answer.Text, unicode.IsSpace), " ")
		if text == "" {
			text = q.Prompt
		}
		if r := []rune(text); len(r) > answerRunes {
			text = string(r[:answerRunes])
		}
		out[q.ID] = text
	}
	return out
}

// rawCycleValue is the size of the value each raw db.Update of a cycle
// puts: one page or less, like most of the store's records.
const rawCycleValue = 1024

// commitsPerAnswer is the store's commits per answer, rounded: what the
// raw cycle repeats.
func (r loadResult) commitsPerAnswer() int {
	return max(1, int(math.Round(float64(r.Store.Commits)/float64(max(r.Answers, 1)))))
}

// rawCycles times n cycles of k sequential db.Update calls, each putting
// one value of rawCycleValue bytes, on a new bbolt file: the disk's floor
// for a cycle that commits k times.
func rawCycles(ctx context.Context, n, k int) ([]time.Duration, error) {
	dir, err := os.MkdirTemp("", "interviewbot-loadtest-raw-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	db, err := bbolt.Open(filepath.Join(dir, "raw.db"), 0o600, &bbolt.Options{Timeout: time.Second})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	value := make([]byte, rawCycleValue)
	out := make([]time.Duration, 0, n)
	for i := range n {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		start := time.Now()
		for j := range k {
			err := db.Update(func(tx *bbolt.Tx) error {
				b, err := tx.CreateBucketIfNotExists([]byte("values"))
				if err != nil {
					return err
				}
				return b.Put(binary.BigEndian.AppendUint64(nil, uint64(i*k+j)), value)
			})
			if err != nil {
				return out, err
			}
		}
		out = append(out, time.Since(start))
	}
	return out, nil
}

// print writes the load test's report.
func (r loadResult) print(w io.Writer) {
	fmt.Fprintf(w, "Load test: %d users × %d round(s), each sending /next and answering as soon as the question arrives\n", r.Users, r.Rounds)
	if r.RealLimits {
		fmt.Fprintf(w, "(Telegram's limits: %d messages/s overall, %d/s per chat, in the adapter and enforced by the fake; per-person flood limit off)\n\n", telegram.DefaultGlobalPerSecond, telegram.DefaultPerChatPerSecond)
	} else {
		fmt.Fprintf(w, "(adapter limits raised to %g messages/s overall and per chat, per-person flood limit off: the rate limiter is not what is measured)\n\n", float64(generousRate))
	}
	t := newTable(w)
	t.row("answers with feedback", fmt.Sprintf("%d of %d (%d users gave up)", r.Answers, r.Users*r.Rounds, r.Failed))
	t.row("answers/s", fmt.Sprintf("%.1f (%d answers in %s, first /next to last feedback)", float64(r.Answers)/r.Elapsed.Seconds(), r.Answers, r.Elapsed.Round(time.Millisecond)))
	p := percentiles(r.Latencies, 0.50, 0.95, 0.99, 1)
	t.row("latency p50 / p95 / p99", fmt.Sprintf("%s / %s / %s (answer queued at the fake → feedback at the fake)", ms(p[0]), ms(p[1]), ms(p[2])))
	t.row("latency max", ms(p[3]))
	p = percentiles(r.Asks, 0.50, 0.95, 0.99, 1)
	t.row("/next p50 / p95 / p99 / max", fmt.Sprintf("%s / %s / %s / %s (/next queued → question at the simulated user)", ms(p[0]), ms(p[1]), ms(p[2]), ms(p[3])))
	p = percentiles(r.Cycles, 0.50, 0.95, 0.99, 1)
	t.row("cycle p50 / p95 / p99 / max", fmt.Sprintf("%s / %s / %s / %s (/next queued → feedback at the fake)", ms(p[0]), ms(p[1]), ms(p[2]), ms(p[3])))
	t.row("store", fmt.Sprintf("%d writes in %d commits: %.1f writes and %.1f commits per answer", r.Store.Writes, r.Store.Commits,
		float64(r.Store.Writes)/float64(max(r.Answers, 1)), float64(r.Store.Commits)/float64(max(r.Answers, 1))))
	if len(r.RawCycle) > 0 {
		raw := percentiles(r.RawCycle, 0.50, 0.99)
		t.row("raw bbolt, same cycle", fmt.Sprintf("%s p50 / %s p99 (%d sequential fsynced db.Update calls of one %d-byte value, %d times)",
			ms(raw[0]), ms(raw[1]), r.commitsPerAnswer(), rawCycleValue, len(r.RawCycle)))
		t.row("ratio cycle / raw", fmt.Sprintf("%.2f at p50 (%s / %s), %.2f at p99 (%s / %s)",
			float64(p[0])/float64(raw[0]), ms(p[0]), ms(raw[0]), float64(p[2])/float64(raw[1]), ms(p[2]), ms(raw[1])))
	}
	t.row("429 answers of the fake", strconv.Itoa(r.Rejected))
	t.flush()
	for _, err := range r.Errors {
		fmt.Fprintln(w, "  error:", err)
	}
	fmt.Fprintln(w)
}
