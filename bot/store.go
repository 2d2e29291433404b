package bot

import (
	"context"
	"errors"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

// ErrNotFound is returned by a store when the record asked for does not
// exist.
var ErrNotFound = errors.New("not found")

// Store is everything the core keeps. The storage package implements it
// over bbolt; each part is also its own small interface, for the pieces of
// the core that need only that part.
type Store interface {
	UserStore
	ChatStore
	ProgressStore
	ConversationStore
	RoundStore
	SessionStore
	Outbox
}

// UserStore keeps people.
type UserStore interface {
	// User returns a user's record, or ErrNotFound.
	User(ctx context.Context, key string) (UserRecord, error)
	// PutUser creates or replaces a user's record.
	PutUser(ctx context.Context, u UserRecord) error
	// ForgetUser deletes the user and everything recorded about them:
	// attempts, review cards, open questions, deliveries addressed to them.
	ForgetUser(ctx context.Context, key string) error
}

// ChatStore keeps chats and their schedules.
type ChatStore interface {
	// Chat returns a chat's record, or ErrNotFound.
	Chat(ctx context.Context, key string) (ChatRecord, error)
	// PutChat creates or replaces a chat's record.
	PutChat(ctx context.Context, c ChatRecord) error
	// Subscriptions returns the chats that have a schedule.
	Subscriptions(ctx context.Context) ([]ChatRecord, error)
	// ClaimSlot marks a chat's push slot as handled, atomically with
	// enqueueing its delivery (d may be nil for a slot skipped as too old).
	// It reports false, changing nothing, when a slot at or after this one
	// was already handled: a slot is claimed once, so a push is never
	// enqueued twice.
	ClaimSlot(ctx context.Context, chatKey string, slot time.Time, d *Delivery) (bool, error)
	// ClaimSlots claims several chats' slots in one transaction, each as
	// ClaimSlot does, opening the question of each claimed slot whose
	// claim carries one. It returns what became of each claim; the error
	// is the transaction's (nothing was claimed).
	ClaimSlots(ctx context.Context, claims []SlotClaim) ([]ClaimResult, error)
	// PutUserAndChat creates or replaces a user's record and a chat's in
	// one transaction; nil leaves one alone.
	PutUserAndChat(ctx context.Context, u *UserRecord, c *ChatRecord) error
}

// SlotClaim is a chat's push slot to claim, with what claiming it writes.
type SlotClaim struct {
	ChatKey string
	Slot    time.Time
	// Delivery is the push to enqueue; nil for a slot that passes without
	// one (too old, nobody to ask).
	Delivery *Delivery
	// Open, when not nil, is the question the push asks its person: opened
	// (replacing theirs) and made the chat's last asked, with the claim.
	Open *Pending
	// Read, when not nil, is the chat's record the claim was prepared
	// from: the slot is claimed only if the stored record is still the
	// same, else the claim fails with ErrStale.
	Read *ChatRecord
}

// ClaimResult is what became of one SlotClaim.
type ClaimResult struct {
	// Claimed is set when the slot was claimed: its delivery enqueued, its
	// question opened.
	Claimed bool
	// Err says why a claim could not be made: ErrNotFound for an unknown
	// chat, ErrStale for a record that changed since it was read, or the
	// record's damage. Neither Claimed nor Err means the slot, or a later
	// one, was claimed already.
	Err error
}

// ErrStale is returned when a record changed since it was read, so what
// was prepared from it no longer holds.
var ErrStale = errors.New("changed since it was read")

// ProgressStore keeps attempts and spaced-repetition cards.
type ProgressStore interface {
	// RecordAttempt stores an attempt and the question's updated card and
	// user record in one transaction, and closes the open question it
	// answered (if pending is not nil). It returns the attempt with its ID.
	// It returns only once the attempt is durable.
	RecordAttempt(ctx context.Context, c AttemptCommit) (Attempt, error)
	// Attempt returns one attempt, or ErrNotFound.
	Attempt(ctx context.Context, userKey string, id uint64) (Attempt, error)
	// Attempts returns a user's attempts, oldest first.
	Attempts(ctx context.Context, userKey string) ([]Attempt, error)
	// AttemptByMessage returns the user's attempt recorded from a message
	// (Attempt.Message) of a chat, however long ago, or ErrNotFound.
	AttemptByMessage(ctx context.Context, userKey, chatKey, messageID string) (Attempt, error)
	// Rerate replaces an attempt's rating and the card it produced.
	Rerate(ctx context.Context, userKey string, id uint64, rating int, card ReviewCard) error
	// Card returns a user's card for a question, or ErrNotFound.
	Card(ctx context.Context, userKey, questionID string) (ReviewCard, error)
	// Cards returns all of a user's cards.
	Cards(ctx context.Context, userKey string) ([]ReviewCard, error)
	// CardIDs returns the question IDs of a user's cards, without reading
	// the cards.
	CardIDs(ctx context.Context, userKey string) ([]string, error)
	// CardsByDue calls fn with a user's cards, the earliest due first,
	// until fn returns false; it reads only the cards it hands over. fn
	// must not call the store.
	CardsByDue(ctx context.Context, userKey string, fn func(ReviewCard) bool) error
}

// ConversationStore keeps open questions and which message asked what.
type ConversationStore interface {
	// Pending returns the open question of a user in a chat, or ErrNotFound.
	Pending(ctx context.Context, chatKey, userKey string) (Pending, error)
	// PutPending opens (or replaces) a question.
	PutPending(ctx context.Context, p Pending) error
	// OpenQuestion opens (or replaces) a question and saves the chat's
	// record, which names it the chat's last asked, in one transaction.
	OpenQuestion(ctx context.Context, p Pending, chat ChatRecord) error
	// QuestionSent records, in one transaction, a message of the bot that
	// asked a question, and its ID in what it asked: the person's open
	// question when it still asks m.QuestionID, or the chat's round
	// roundID when roundID is set.
	QuestionSent(ctx context.Context, m QuestionMessage, roundID string) error
	// DeletePending closes a question without an attempt.
	DeletePending(ctx context.Context, chatKey, userKey string) error
	// PutQuestionMessage remembers that a message of the bot asked a
	// question, so a reply to it is an answer to that question.
	PutQuestionMessage(ctx context.Context, m QuestionMessage) error
	// QuestionMessage returns what a message of the bot asked, or ErrNotFound.
	QuestionMessage(ctx context.Context, chatKey, messageID string) (QuestionMessage, error)
}

// RoundStore keeps group rounds: one question put to a whole group.
type RoundStore interface {
	// StartRound stores a new open round, unless the chat has a round with
	// its ID already, which it returns instead: starting is idempotent, so
	// a scheduler retrying after a crash does not start a second round.
	StartRound(ctx context.Context, r Round) (Round, error)
	// Round returns one round, or ErrNotFound.
	Round(ctx context.Context, chatKey, id string) (Round, error)
	// OpenRound returns the chat's open round, or ErrNotFound.
	OpenRound(ctx context.Context, chatKey string) (Round, error)
	// Rounds returns every round of a chat, oldest first.
	Rounds(ctx context.Context, chatKey string) ([]Round, error)
	// DueRounds returns the open rounds (of every chat) due to close at now.
	DueRounds(ctx context.Context, now time.Time) ([]Round, error)
	// SetRoundMessage records the platform ID of a round's question message.
	SetRoundMessage(ctx context.Context, chatKey, id, messageID string) error
	// CloseRound closes an open round, atomically with enqueueing its
	// summary (d may be nil). It reports false, changing nothing, when the
	// round is closed already.
	CloseRound(ctx context.Context, chatKey, id string, at time.Time, d *Delivery) (bool, error)
}

// SessionStore keeps mock interview sessions, one active per person.
type SessionStore interface {
	// ActiveSession returns the person's session that has not ended, or
	// ErrNotFound.
	ActiveSession(ctx context.Context, userKey string) (Session, error)
	// PutSession creates or replaces a session.
	PutSession(ctx context.Context, s Session) error
	// Sessions returns all of a person's sessions, oldest first.
	Sessions(ctx context.Context, userKey string) ([]Session, error)
}

// Outbox keeps pushes until they are delivered: the intent is written,
// sent, then marked done, so a restart resends what was not marked and
// never what was.
type Outbox interface {
	// Enqueue adds a delivery unless one with its ID exists; it reports
	// whether it added one.
	Enqueue(ctx context.Context, d Delivery) (bool, error)
	// DueDeliveries returns up to limit undelivered deliveries whose next
	// try is due at now, earliest first.
	DueDeliveries(ctx context.Context, now time.Time, limit int) ([]Delivery, error)
	// MarkSent records a delivery as done with the platform's message ID.
	MarkSent(ctx context.Context, id, messageID string, at time.Time) error
	// MarkFailed records a failed try: the next try is at next, or never
	// when giveUp is set.
	MarkFailed(ctx context.Context, id, reason string, next time.Time, giveUp bool) error
	// OutboxDepth returns the number of undelivered deliveries.
	OutboxDepth(ctx context.Context) (int, error)
}

// UserRecord is what the bot keeps about a person.
type UserRecord struct {
	Key      string   `json:"key"`
	Platform Platform `json:"platform"`
	ID       string   `json:"id"`
	Name     string   `json:"name,omitempty"`
	// Lang is the interface language the person chose ("zh" or "en"), or
	// "" to follow the platform's.
	Lang string `json:"lang,omitempty"`
	// PlatformLang is the catalog language the person's platform last
	// reported for them (Telegram's language_code, a Discord locale), for
	// the replies whose event does not say.
	PlatformLang string `json:"platform_lang,omitempty"`
	// TZ is the person's IANA time zone, or "" for the default.
	TZ string `json:"tz,omitempty"`
	// Started is set once the person has talked to the bot privately, so
	// it may message them.
	Started bool      `json:"started,omitempty"`
	Created time.Time `json:"created"`
	// Answered and CoverageSum give the average coverage of answers.
	Answered    int     `json:"answered"`
	CoverageSum float64 `json:"coverage_sum"`
	// Streak is the number of consecutive local days with an answer, the
	// last being LastDay (YYYY-MM-DD in the person's zone).
	Streak  int    `json:"streak"`
	LastDay string `json:"last_day,omitempty"`
	// NewDay and NewCount count new questions answered on one local day,
	// for the daily cap.
	NewDay   string `json:"new_day,omitempty"`
	NewCount int    `json:"new_count,omitempty"`
	// SkipDay and Skipped are the questions skipped on one local day, in
	// order: they wait at the back of the queue until the next day.
	SkipDay string   `json:"skip_day,omitempty"`
	Skipped []string `json:"skipped,omitempty"`
	// PendingForget is set between /forget and its confirmation.
	PendingForget time.Time `json:"pending_forget,omitempty"`
	// Spoken sums up the person's spoken answers for /stats, nil until
	// the first.
	Spoken *SpokenTrend `json:"spoken,omitempty"`
}

// ChatRecord is what the bot keeps about a chat.
type ChatRecord struct {
	Key      string   `json:"key"`
	Platform Platform `json:"platform"`
	ID       string   `json:"id"`
	Kind     ChatKind `json:"kind"`
	Title    string   `json:"title,omitempty"`
	// Owner is the key of the person a private chat is with ("" for
	// groups): on Discord a DM channel's ID is not the person's ID.
	Owner string `json:"owner,omitempty"`
	// Lang and TZ are the chat's settings; "" follows the user (in a private
	// chat) or the defaults.
	Lang string `json:"lang,omitempty"`
	TZ   string `json:"tz,omitempty"`
	// Topic limits practice to one section of the notes; "" is all.
	Topic string `json:"topic,omitempty"`
	// Schedule is the chat's push schedule, nil when not subscribed.
	Schedule *Schedule `json:"schedule,omitempty"`
	// LastSlot is the latest push slot handled (sent or skipped as too old).
	LastSlot time.Time `json:"last_slot,omitempty"`
	// LastAsked is the question most recently asked in the chat, never asked
	// twice in a row.
	LastAsked string `json:"last_asked,omitempty"`
}

// Chat returns the chat the record describes.
func (c ChatRecord) Chat() Chat {
	return Chat{Platform: c.Platform, ID: c.ID, Kind: c.Kind, Title: c.Title}
}

// Pending is a question waiting for a person's answer.
type Pending struct {
	ChatKey    string    `json:"chat"`
	UserKey    string    `json:"user"`
	QuestionID string    `json:"question"`
	AskedAt    time.Time `json:"asked_at"`
	// MessageID is the platform ID of the message that asked it, once known.
	MessageID string `json:"message_id,omitempty"`
	// Hints counts the hints given so far.
	Hints int `json:"hints,omitempty"`
	// New is set when the question had never been asked to the person.
	New bool `json:"new,omitempty"`
}

// QuestionMessage records the question a message of the bot asked.
type QuestionMessage struct {
	ChatKey    string `json:"chat"`
	MessageID  string `json:"message_id"`
	QuestionID string `json:"question"`
	// UserKey is the person the question was asked, "" for a whole group.
	UserKey string    `json:"user,omitempty"`
	SentAt  time.Time `json:"sent_at"`
}

// Attempt kinds.
const (
	AttemptAnswer = "answer"
	AttemptReveal = "reveal"
	AttemptSkip   = "skip"
	// AttemptSelfRated is a reply to a question the notes give no answer to:
	// not graded, rated by the person.
	AttemptSelfRated = "self"
)

// Attempt is one answer (or reveal, or skip) of a question by a person.
type Attempt struct {
	ID         uint64    `json:"id"`
	UserKey    string    `json:"user"`
	ChatKey    string    `json:"chat"`
	QuestionID string    `json:"question"`
	Time       time.Time `json:"time"`
	Kind       string    `json:"kind"`
	// Reply is the text the person typed, or the transcript of what they
	// said.
	Reply string `json:"reply,omitempty"`
	// Spoken holds the delivery figures of a spoken answer; nil for a
	// typed one.
	Spoken *Spoken `json:"spoken,omitempty"`
	// Message is the platform's ID of the incoming message that carried
	// the answer: the same message delivered again (the platform resends
	// what it did not hear was handled, as after a crash) is recognised
	// and not recorded twice.
	Message string `json:"message,omitempty"`
	// Coverage is in [0,1]; Covered, Partial and Missed list key points.
	Coverage float64  `json:"coverage"`
	Covered  []string `json:"covered,omitempty"`
	Partial  []string `json:"partial,omitempty"`
	Missed   []string `json:"missed,omitempty"`
	// Variant is the reference answer graded against (0 the primary).
	Variant int `json:"variant,omitempty"`
	// Suggested is the rating coverage suggested, Rating the one applied
	// (FSRS values 1–4; 0 for a skip).
	Suggested int `json:"suggested,omitempty"`
	Rating    int `json:"rating,omitempty"`
	// Hints is how many hints the person took.
	Hints int `json:"hints,omitempty"`
	// Seconds is the time from question to answer.
	Seconds int `json:"seconds,omitempty"`
	// CardBefore is the card as it was before this attempt, so a changed
	// rating can be applied again from it.
	CardBefore *fsrs.Card `json:"card_before,omitempty"`
}

// ReviewCard is a person's spaced-repetition state for one question, with
// the figures /stats and question selection need without reading every
// attempt.
type ReviewCard struct {
	UserKey      string    `json:"user"`
	QuestionID   string    `json:"question"`
	Card         fsrs.Card `json:"card"`
	Attempts     int       `json:"attempts"`
	LastCoverage float64   `json:"last_coverage"`
	BestCoverage float64   `json:"best_coverage"`
	LastAt       time.Time `json:"last_at"`
}

// AttemptCommit is what RecordAttempt writes in one transaction.
type AttemptCommit struct {
	Attempt Attempt
	// Card is the question's card after the attempt; nil leaves it as is
	// (a skip).
	Card *ReviewCard
	// User is the person's record with its totals updated.
	User UserRecord
	// Pending, when not nil, is the open question the attempt closes.
	Pending *Pending
	// Round, when not nil, records the attempt as the person's answer in a
	// group round (replacing an earlier answer of theirs), in the same
	// transaction.
	Round *RoundAnswerRef
}

// Round is one question put to a whole group: every member may answer, each
// is graded privately, and a summary closes it.
type Round struct {
	ChatKey string `json:"chat"`
	// ID is unique in the chat: the push slot for scheduled rounds, a time
	// for rounds started on demand.
	ID         string    `json:"id"`
	QuestionID string    `json:"question"`
	MessageID  string    `json:"message_id,omitempty"`
	StartedAt  time.Time `json:"started_at"`
	// CloseAt is when the summary is due.
	CloseAt  time.Time `json:"close_at"`
	Closed   bool      `json:"closed,omitempty"`
	ClosedAt time.Time `json:"closed_at,omitempty"`
	// Answers holds each member's latest answer, by user key.
	Answers map[string]RoundAnswer `json:"answers,omitempty"`
}

// RoundAnswer is a member's answer in a round.
type RoundAnswer struct {
	UserKey   string    `json:"user"`
	Name      string    `json:"name,omitempty"`
	AttemptID uint64    `json:"attempt"`
	Coverage  float64   `json:"coverage"`
	Missed    []string  `json:"missed,omitempty"`
	At        time.Time `json:"at"`
}

// RoundAnswerRef places an answer in a round.
type RoundAnswerRef struct {
	ChatKey string
	RoundID string
	// Answer is the member's answer; its AttemptID is filled in with the
	// recorded attempt's.
	Answer RoundAnswer
}

// Delivery is a push waiting in the outbox.
type Delivery struct {
	// ID makes enqueueing idempotent: "push/telegram:42/2026-11-25T09:00:00+08:00".
	ID   string `json:"id"`
	Chat Chat   `json:"chat"`
	// UserKey is the person a private push asks, "" for a group.
	UserKey string `json:"user,omitempty"`
	// QuestionID is the question the push asks, if any.
	QuestionID string    `json:"question,omitempty"`
	Reply      Reply     `json:"reply"`
	Created    time.Time `json:"created"`
	NextTry    time.Time `json:"next_try"`
	Tries      int       `json:"tries"`
	LastError  string    `json:"last_error,omitempty"`
	// Done is set once delivered (MessageID holds the platform's ID) or
	// given up (Failed).
	Done      bool      `json:"done,omitempty"`
	Failed    bool      `json:"failed,omitempty"`
	MessageID string    `json:"message_id,omitempty"`
	SentAt    time.Time `json:"sent_at,omitempty"`
}

// Session stages.
const (
	StageQuestion = "question"
	StageFollowUp = "followup"
)

// Session is a mock interview: several questions in a row, follow-ups on
// what was missed, and a report at the end.
type Session struct {
	// ID is the start time, unique per person.
	ID      string `json:"id"`
	UserKey string `json:"user"`
	ChatKey string `json:"chat"`
	Topic   string `json:"topic,omitempty"`
	// Questions are the planned question IDs; Index is the current one.
	Questions []string `json:"questions"`
	Index     int      `json:"index"`
	// Stage is StageQuestion or StageFollowUp.
	Stage string `json:"stage"`
	// FollowUp is the follow-up being asked, in StageFollowUp.
	FollowUp *FollowUp `json:"follow_up,omitempty"`
	// AskedAt is when the current question (or follow-up) was asked: answer
	// time is measured from it.
	AskedAt    time.Time `json:"asked_at"`
	LastActive time.Time `json:"last_active"`
	// Paused is set when the person came back after the session sat idle;
	// its clock does not run until it is resumed.
	Paused bool `json:"paused,omitempty"`
	// LastMessage is the platform's ID of the last message handled as an
	// answer in the session, so that message delivered again is not
	// taken as the answer to the question that followed.
	LastMessage string        `json:"last_message,omitempty"`
	Items       []SessionItem `json:"items"`
	Started     time.Time     `json:"started"`
	Ended       time.Time     `json:"ended,omitempty"`
	Done        bool          `json:"done,omitempty"`
}

// FollowUp is an interviewer's follow-up on a missed key point.
type FollowUp struct {
	Point     string `json:"point"`
	Prompt    string `json:"prompt"`
	Reference string `json:"reference"`
}

// SessionItem is the outcome of one question of a session.
type SessionItem struct {
	QuestionID string  `json:"question"`
	AttemptID  uint64  `json:"attempt,omitempty"`
	Coverage   float64 `json:"coverage"`
	Seconds    int     `json:"seconds"`
	// Untimed is set for an answer typed into a paused interview: how long
	// it took is not known, and Seconds is 0.
	Untimed bool     `json:"untimed,omitempty"`
	Missed  []string `json:"missed,omitempty"`
	Skipped bool     `json:"skipped,omitempty"`
	// FollowUp is the follow-up asked after this question, if any.
	FollowUp *FollowUpResult `json:"follow_up,omitempty"`
}

// FollowUpResult is how a follow-up was answered.
type FollowUpResult struct {
	Point    string  `json:"point"`
	Coverage float64 `json:"coverage"`
	Seconds  int     `json:"seconds"`
	Untimed  bool    `json:"untimed,omitempty"`
	Skipped  bool    `json:"skipped,omitempty"`
}
