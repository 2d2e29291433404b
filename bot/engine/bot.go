package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/chart"
	"github.com/interviewbot/interviewbot/bot/i18n"
)

// Config configures the core. Zero fields take the defaults noted.
type Config struct {
	// Bank is the question bank; required.
	Bank *bank.Bank
	// Store keeps progress; required.
	Store bot.Store
	// Grader grades replies; default grade.New(Bank).
	Grader Grader
	// Now returns the current time; default time.Now.
	Now func() time.Time
	// Logger receives the core's logs; default slog.Default().
	Logger *slog.Logger
	// Lang is the interface language when neither the person nor the
	// platform says: "zh" or "en"; default the notes' (bot.NotesLang).
	Lang string
	// TZ is the IANA time zone when neither the person nor the platform
	// (bot.Capabilities.Zone) says; default "Asia/Shanghai".
	TZ string
	// Schedule is the default for /subscribe without arguments: "HH:MM
	// DAYS"; default "09:00 daily".
	Schedule string
	// NewPerDay caps the new questions asked a person per local day;
	// default 10.
	NewPerDay int
	// Grace is how late a missed push may still be sent after downtime;
	// default 2h.
	Grace time.Duration
	// InlineAnswerRunes is the longest reference answer shown inline in
	// feedback; longer ones sit behind a button. Default 800.
	InlineAnswerRunes int
	// RoundLength is how long a group round stays open before its summary
	// is posted; default 12h.
	RoundLength time.Duration
	// SessionIdle is how long a mock interview may sit idle before it is
	// paused (its clock stops; the person resumes it); default 30m.
	SessionIdle time.Duration
	// AnswerTarget is the soft time target per interview answer (a spoken
	// answer takes one to two minutes); default 2m.
	AnswerTarget time.Duration
	// PersonRate is the sustained rate of events handled per person (one
	// every PersonRate), PersonBurst the burst; a flood beyond them is
	// dropped. Defaults: one a second, bursts of 10.
	PersonRate  time.Duration
	PersonBurst int
	// Observer receives measurements for metrics; default none.
	Observer bot.Observer
	// Charts draws report and progress pictures for platforms that take
	// attachments; default package chart (gonum/plot).
	Charts Charter
	// Transcriber turns voice answers into text; nil leaves voice answers
	// off (a voice message then gets a one-line note).
	Transcriber bot.Transcriber
	// Voice configures spoken answers.
	Voice VoiceConfig
	// Capabilities are what each platform can do, as its adapter declares
	// them (bot.Capable); a platform not listed has the zero Capabilities.
	Capabilities map[bot.Platform]bot.Capabilities
}

// Grader grades a reply to a question. *grade.Grader is the one the bot
// uses by default; another grader can be plugged in through Config.
type Grader interface {
	Grade(q *bank.Question, reply string) grade.Result
}

// Bot is the mock interviewer. It is safe for concurrent use: adapters
// call Handle from many goroutines.
type Bot struct {
	cfg    Config
	store  bot.Store
	bank   *bank.Bank
	grader Grader
	now    func() time.Time
	log    *slog.Logger
	params fsrs.Parameters
	flood  *throttle
	// repeated answers a member's repeated command in a group once.
	repeated repeats
	obs      bot.Observer
	// turns serializes the steps on one chat and on one person.
	turns keyedLocks
	// zones keeps the time zones loaded.
	zones zoneCache
	// order is the order new questions are asked in, built once.
	orderOnce sync.Once
	order     []*bank.Question
}

// New returns a Bot for cfg.
func New(cfg Config) (*Bot, error) {
	if cfg.Bank == nil {
		return nil, errors.New("bot: Config.Bank is required")
	}
	if cfg.Store == nil {
		return nil, errors.New("bot: Config.Store is required")
	}
	if cfg.Grader == nil {
		cfg.Bank.WaitKeyPoints()
		cfg.Grader = grade.New(cfg.Bank)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Lang == "" {
		cfg.Lang = bot.NotesLang(cfg.Bank)
	}
	if !i18n.Default().Has(cfg.Lang) {
		return nil, fmt.Errorf("bot: Config.Lang %q: want one of %s", cfg.Lang, strings.Join(i18n.Default().Langs(), ", "))
	}
	if cfg.TZ == "" {
		cfg.TZ = "Asia/Shanghai"
	}
	if _, err := bot.LoadZone(cfg.TZ); err != nil {
		return nil, fmt.Errorf("bot: Config.TZ: %w", err)
	}
	if cfg.Schedule == "" {
		cfg.Schedule = "09:00 daily"
	}
	if _, err := bot.ParseSchedule(cfg.Schedule, cfg.TZ); err != nil {
		return nil, fmt.Errorf("bot: Config.Schedule: %w", err)
	}
	if cfg.NewPerDay <= 0 {
		cfg.NewPerDay = 10
	}
	if cfg.Grace <= 0 {
		cfg.Grace = 2 * time.Hour
	}
	if cfg.InlineAnswerRunes <= 0 {
		cfg.InlineAnswerRunes = 800
	}
	if cfg.RoundLength <= 0 {
		cfg.RoundLength = 12 * time.Hour
	}
	if cfg.SessionIdle <= 0 {
		cfg.SessionIdle = 30 * time.Minute
	}
	if cfg.AnswerTarget <= 0 {
		cfg.AnswerTarget = 2 * time.Minute
	}
	if cfg.PersonRate <= 0 {
		cfg.PersonRate = time.Second
	}
	if cfg.PersonBurst <= 0 {
		cfg.PersonBurst = 10
	}
	if cfg.Observer == nil {
		cfg.Observer = noObserver{}
	}
	if cfg.Charts == nil {
		cfg.Charts = chartFunc(chart.PNG)
	}
	cfg.Voice = cfg.Voice.withDefaults()
	params := fsrs.DefaultParam()
	// Daily practice: reviews are days apart, never minutes (DESIGN.md).
	params.EnableShortTerm = false
	return &Bot{
		cfg: cfg, store: cfg.Store, bank: cfg.Bank, grader: cfg.Grader,
		now: cfg.Now, log: cfg.Logger, params: params,
		flood: newThrottle(cfg.PersonRate, cfg.PersonBurst), obs: cfg.Observer,
	}, nil
}

// Bank returns the bot's question bank.
func (b *Bot) Bank() *bank.Bank { return b.bank }

// turn is one event being handled, with what it needs loaded.
type turn struct {
	ev   bot.Event
	user bot.UserRecord
	chat bot.ChatRecord
	lang string
	now  time.Time
	// prior is the attempt already recorded from this very message, when
	// the platform delivered it again; nil for a new message.
	prior *bot.Attempt
	// newcomer is set when this event is the person's first.
	newcomer bool
	// voice is the spoken answer the turn's text was heard from, or nil.
	voice *heardAnswer
	// recorded is set once the event's answer is recorded.
	recorded bool
	// caps is what the event's platform can do.
	caps bot.Capabilities
}

// t returns the catalog's text for key in the turn's language, formatted
// with args.
func (t *turn) t(key string, args ...any) string {
	return i18n.Default().Text(t.lang, key, args...)
}

// Handle handles one event and returns the replies to send, in order. It
// never fails: a problem becomes a reply that says what happened, and is
// logged.
func (b *Bot) Handle(ctx context.Context, ev bot.Event) []bot.Reply {
	start := b.now()
	replies := b.handle(ctx, ev)
	b.obs.EventHandled(ev.Chat.Platform, ev.Kind.String(), b.now().Sub(start), len(replies))
	return replies
}

func (b *Bot) handle(ctx context.Context, ev bot.Event) []bot.Reply {
	ev = looseCommandEvent(sanitize(ev))
	if replies, drop := b.throttled(ctx, ev); drop {
		return replies
	}
	if !onlyAsks(ev) {
		// A bank still being loaded has its questions but not yet all
		// their key points, which everything but asking reads.
		b.bank.WaitKeyPoints()
	}
	if isMediaMessage(ev) {
		return b.mediaMessage(ctx, ev)
	}
	defer b.serialize(ev.Chat.Key(), ev.User.Key())()
	tn, err := b.begin(ctx, ev)
	if err != nil {
		b.log.ErrorContext(ctx, "load state", "chat", ev.Chat.Key(), "user", ev.User.Key(), "err", err)
		return []bot.Reply{errorReply(b.cfg.Lang)}
	}
	var replies []bot.Reply
	switch ev.Kind {
	case bot.EventCommand:
		replies, err = b.command(ctx, tn)
	case bot.EventAction:
		replies, err = b.action(ctx, tn)
	case bot.EventOpen:
		replies, err = b.opened(ctx, tn)
	default:
		replies, err = b.message(ctx, tn)
	}
	if err != nil {
		b.log.ErrorContext(ctx, "handle event", "chat", ev.Chat.Key(), "user", ev.User.Key(), "command", ev.Command, "action", ev.Action, "err", err)
		return []bot.Reply{errorReply(tn.lang)}
	}
	replies = b.quiet(tn, replies)
	if ev.Kind == bot.EventCommand && ev.Chat.Kind != bot.Private && !b.repeated.fresh(ev, replies, tn.now) {
		b.log.DebugContext(ctx, "repeated command answered once", "chat", ev.Chat.Key(), "command", ev.Command)
		return nil
	}
	return replies
}

// onlyAsks reports whether an event can only ask a question (/next in a
// private chat): it reads the questions' IDs, prompts and topics, never
// their key points, so it needs no wait for them.
func onlyAsks(ev bot.Event) bool {
	if ev.Kind != bot.EventCommand || ev.Chat.Kind != bot.Private {
		return false
	}
	c, ok := findCommand(strings.ToLower(strings.TrimPrefix(ev.Command, "/")))
	return ok && c.Name == "next"
}

// throttled applies the flood limit to an event: it reports whether to
// drop it, with the notice to send for the first dropped. A trusted event
// (the terminal's own person) is never dropped.
func (b *Bot) throttled(ctx context.Context, ev bot.Event) ([]bot.Reply, bool) {
	switch {
	case ev.Trusted:
		return nil, false
	case ev.Admitted:
		if b.flood.shed(ev.User.Key(), b.now()) {
			b.obs.Throttled(ev.Chat.Platform)
			return nil, true
		}
		return nil, false
	}
	a := b.Admit(ctx, ev)
	switch {
	case a.OK:
		return nil, false
	case a.Notice == nil:
		return nil, true
	}
	return []bot.Reply{*a.Notice}, true
}

// sanitize replaces invalid UTF-8 in what an event carries, so nothing the
// core echoes (a topic name, a time zone) can make a reply a platform
// rejects. The answer text is left as typed: the grader reports invalid
// bytes in it, and attempts store it repaired.
func sanitize(ev bot.Event) bot.Event {
	fix := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	ev.Command, ev.Args, ev.Action = fix(ev.Command), fix(ev.Args), fix(ev.Action)
	ev.User.Name, ev.User.Lang, ev.Chat.Title = fix(ev.User.Name), fix(ev.User.Lang), fix(ev.Chat.Title)
	return ev
}

// Admit decides whether an event that has just arrived is handled or
// dropped by the flood limit (Config.PersonRate, PersonBurst). An adapter
// that queues events before handing them to Handle (Telegram keeps one
// queue per chat) calls Admit as each arrives, so that a flood is dropped
// at once instead of waiting in the queue, and sets Event.Admitted on the
// events it then hands over; Handle admits the others itself. Only the
// event's User and Chat are read. Dropped events are counted with
// Observer.Throttled.
func (b *Bot) Admit(ctx context.Context, ev bot.Event) bot.Admission {
	if ev.Trusted {
		return bot.Admission{OK: true}
	}
	ok, notice := b.flood.allow(ev.User.Key(), b.now())
	if ok {
		return bot.Admission{OK: true}
	}
	b.obs.Throttled(ev.Chat.Platform)
	if !notice {
		return bot.Admission{}
	}
	b.log.WarnContext(ctx, "person throttled", "platform", ev.User.Platform)
	tn := &turn{lang: b.langFor(bot.ChatRecord{}, bot.UserRecord{}, strings.ToValidUTF8(ev.User.Lang, ""))}
	return bot.Admission{Notice: &bot.Reply{Text: bot.TextOf(tn.t("bot.too_fast_wait_few")), Private: true, Kind: bot.KindError}}
}

func errorReply(lang string) bot.Reply {
	return bot.Reply{Text: bot.TextOf((&turn{lang: lang}).t("error.generic")), Kind: bot.KindError, Private: true}
}

// begin loads (or creates) the user and chat records for an event.
func (b *Bot) begin(ctx context.Context, ev bot.Event) (*turn, error) {
	now := b.now()
	tn := &turn{ev: ev, now: now, caps: b.caps(ev.Chat.Platform)}
	var err error
	tn.user, err = b.store.User(ctx, ev.User.Key())
	switch {
	case errors.Is(err, bot.ErrNotFound):
		tn.user = bot.UserRecord{Key: ev.User.Key(), Platform: ev.User.Platform, ID: ev.User.ID, Name: ev.User.Name, Created: now}
		tn.newcomer = true
	case err != nil:
		return nil, fmt.Errorf("load user: %w", err)
	}
	changed := tn.newcomer
	if ev.User.Name != "" && tn.user.Name != ev.User.Name {
		tn.user.Name, changed = ev.User.Name, true
	}
	if ev.Chat.Kind == bot.Private && !tn.user.Started {
		tn.user.Started, changed = true, true
	}
	if lang := bot.MatchLang(ev.User.Lang); lang != "" && tn.user.PlatformLang != lang {
		// Kept for when the platform does not say (a push, a Discord
		// message after a slash command).
		tn.user.PlatformLang, changed = lang, true
	}
	var newChat bool
	tn.chat, err = b.store.Chat(ctx, ev.Chat.Key())
	switch {
	case errors.Is(err, bot.ErrNotFound):
		tn.chat = bot.ChatRecord{Key: ev.Chat.Key(), Platform: ev.Chat.Platform, ID: ev.Chat.ID, Kind: ev.Chat.Kind, Title: ev.Chat.Title}
		if ev.Chat.Kind == bot.Private {
			tn.chat.Owner = tn.user.Key
		}
		newChat = true
	case err != nil:
		return nil, fmt.Errorf("load chat: %w", err)
	}
	if err := b.saveBegun(ctx, tn, changed, newChat); err != nil {
		return nil, err
	}
	tn.lang = b.langFor(tn.chat, tn.user, ev.User.Lang)
	return tn, nil
}

// saveBegun saves what begin changed or created: the user's record, the
// chat's, both in one transaction, or nothing.
func (b *Bot) saveBegun(ctx context.Context, tn *turn, userChanged, newChat bool) error {
	var u *bot.UserRecord
	var c *bot.ChatRecord
	if userChanged {
		u = &tn.user
	}
	if newChat {
		c = &tn.chat
	}
	if u == nil && c == nil {
		return nil
	}
	if err := b.store.PutUserAndChat(ctx, u, c); err != nil {
		return fmt.Errorf("save user and chat: %w", err)
	}
	return nil
}

// langFor picks the interface language: the group's setting, the
// person's choice, the platform's language (as the event says it, else as
// it said it last), then the default.
func (b *Bot) langFor(chat bot.ChatRecord, user bot.UserRecord, platformLang string) string {
	switch {
	case chat.Kind != bot.Private && chat.Lang != "":
		return chat.Lang
	case user.Lang != "":
		return user.Lang
	case chat.Lang != "":
		return chat.Lang
	}
	if lang := bot.MatchLang(platformLang); lang != "" {
		return lang
	}
	if user.PlatformLang != "" && i18n.Default().Has(user.PlatformLang) {
		return user.PlatformLang
	}
	return b.cfg.Lang
}

// zoneFor returns the zone for a person in a chat: the chat's (groups),
// the person's, the platform's (a terminal's is the system's), then the
// default.
func (b *Bot) zoneFor(chat bot.ChatRecord, user bot.UserRecord) *time.Location {
	for _, name := range []string{chat.TZ, user.TZ, b.caps(chat.Platform).Zone, b.cfg.TZ} {
		if name == "" {
			continue
		}
		if loc, err := b.zones.load(name); err == nil {
			return loc
		}
	}
	return time.UTC
}

// Sent records the platform ID of a tracked reply: for a question message,
// which question it asked, so a reply to it is an answer, and the message
// in the open question or round it asked, in one transaction.
func (b *Bot) Sent(ctx context.Context, chat bot.Chat, track, messageID string) {
	kind, rest, _ := strings.Cut(track, ":")
	if messageID == "" {
		return
	}
	if kind == "r" {
		defer b.serialize(chat.Key(), "")()
		b.roundSent(ctx, chat, rest, messageID)
		return
	}
	if kind != "q" {
		return
	}
	qid, userKey, _ := strings.Cut(rest, ":")
	defer b.serialize(chat.Key(), userKey)()
	m := bot.QuestionMessage{ChatKey: chat.Key(), MessageID: messageID, QuestionID: qid, UserKey: userKey, SentAt: b.now()}
	if err := b.store.QuestionSent(ctx, m, ""); err != nil {
		b.log.ErrorContext(ctx, "save question message", "chat", chat.Key(), "message", messageID, "err", err)
	}
}

// roundSent records a round's question message: replies to it answer the
// round.
func (b *Bot) roundSent(ctx context.Context, chat bot.Chat, rest, messageID string) {
	// Round IDs hold colons (RFC 3339 times); the question ID never does.
	i := strings.LastIndex(rest, ":")
	if i <= 0 {
		return
	}
	roundID, qid := rest[:i], rest[i+1:]
	m := bot.QuestionMessage{ChatKey: chat.Key(), MessageID: messageID, QuestionID: qid, SentAt: b.now()}
	if err := b.store.QuestionSent(ctx, m, roundID); err != nil {
		b.log.ErrorContext(ctx, "save round message", "chat", chat.Key(), "round", roundID, "err", err)
	}
}

// questionTrack is the Track of a message asking question qid of userKey
// ("" for a whole group).
func questionTrack(qid, userKey string) string { return "q:" + qid + ":" + userKey }
