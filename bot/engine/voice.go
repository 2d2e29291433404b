package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/bank/textnorm"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/speech"
)

// A message that carries media instead of text is handled in three steps.
// First, under the chat's and the person's lock, the core checks that it
// answers something (an open question, a question message it replies to,
// a mock interview) and that it can be heard: a sticker or a photo gets a
// short note that answers are typed or spoken, a recording over the limits
// is refused, and without a transcriber a voice message gets a one-line
// note. Second, without the lock, it downloads the recording through the
// adapter and has it transcribed: this is slow, and the person's other
// messages and the rest of the group need not wait for it. Third, under
// the lock again, the transcript (fillers removed) is handled exactly like
// a typed answer, whatever is open by then. A failure at any step leaves
// the question open.

// VoiceConfig configures spoken answers. Zero fields take the defaults
// noted.
type VoiceConfig struct {
	// Language is the language recordings are transcribed in: "" for the
	// language of the question's notes (zh or en), "auto" to let the
	// endpoint detect it, or an ISO-639-1 code.
	Language string
	// MaxDuration is the longest recording transcribed; default 5m.
	MaxDuration time.Duration
	// MaxBytes is the largest recording downloaded; default 20 MB, the
	// most a Telegram bot may download.
	MaxBytes int64
	// Fillers are the filler words counted in feedback and left out of
	// grading; default speech.DefaultFillers.
	Fillers []string
	// LongPause is the shortest silence reported as a long pause; default
	// 3s.
	LongPause time.Duration
	// FetchTimeout bounds the download of one recording; default 1m.
	FetchTimeout time.Duration
}

func (v VoiceConfig) withDefaults() VoiceConfig {
	if v.MaxDuration <= 0 {
		v.MaxDuration = 5 * time.Minute
	}
	if v.MaxBytes <= 0 {
		v.MaxBytes = 20 << 20
	}
	if v.Fillers == nil {
		v.Fillers = speech.DefaultFillers
	}
	if v.LongPause <= 0 {
		v.LongPause = speech.DefaultLongPause
	}
	if v.FetchTimeout <= 0 {
		v.FetchTimeout = time.Minute
	}
	return v
}

// heardAnswer is a spoken answer: what was heard, and how it was said.
type heardAnswer struct {
	transcript string
	spoken     bot.Spoken
}

// isMediaMessage reports whether an event is a message whose media, not
// its text, is what it says: a recording (its caption aside), or media
// without text. A photo with a caption is its caption.
func isMediaMessage(ev bot.Event) bool {
	return ev.Kind == bot.EventMessage && ev.Media != nil && (ev.Media.Heard() || strings.TrimSpace(ev.Text) == "")
}

// mediaMessage handles a message that carries media.
func (b *Bot) mediaMessage(ctx context.Context, ev bot.Event) []bot.Reply {
	tn, q, replies, err := b.checkMedia(ctx, ev)
	if err != nil {
		b.log.ErrorContext(ctx, "handle media", "chat", ev.Chat.Key(), "user", ev.User.Key(), "media", ev.Media.Kind, "err", err)
		return []bot.Reply{errorReply(b.cfg.Lang)}
	}
	if tn == nil {
		return replies
	}
	heard := priorHeard(tn.prior)
	if heard == nil {
		if heard, replies = b.hear(ctx, tn, q, ev.Media); heard == nil {
			return replies
		}
	}
	return b.answerSpoken(ctx, ev, heard)
}

// checkMedia is the first step: it returns the turn (nil when nothing
// is to be heard, with the replies to send) and the question the
// recording answers.
func (b *Bot) checkMedia(ctx context.Context, ev bot.Event) (*turn, *bank.Question, []bot.Reply, error) {
	defer b.serialize(ev.Chat.Key(), ev.User.Key())()
	tn, err := b.begin(ctx, ev)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := b.findPrior(ctx, tn); err != nil {
		return nil, nil, nil, err
	}
	if priorHeard(tn.prior) != nil {
		return tn, nil, nil, nil // heard before the platform delivered it again
	}
	q, ok, err := b.awaitsAnswer(ctx, tn)
	switch {
	case err != nil:
		return nil, nil, nil, err
	case !ok && ev.Media.Heard() && tn.chat.Kind == bot.Private:
		return nil, nil, b.noOpenQuestion(tn), nil
	case !ok:
		return nil, nil, nil, nil // a sticker in passing; in a group, nothing to do with the bot
	case !ev.Media.Heard():
		return nil, nil, []bot.Reply{b.notAnAnswer(tn)}, nil
	case b.cfg.Transcriber == nil:
		return nil, nil, []bot.Reply{voiceNote(tn, tn.t("voice.needs_endpoint"))}, nil
	case ev.Media.Duration > b.cfg.Voice.MaxDuration:
		return nil, nil, []bot.Reply{b.tooLong(tn, ev.Media.Duration)}, nil
	case ev.Media.Size > b.cfg.Voice.MaxBytes:
		return nil, nil, []bot.Reply{b.tooLarge(tn)}, nil
	case ev.Media.Open == nil:
		return nil, nil, []bot.Reply{voiceNote(tn, tn.t("voice.not_transcribed"))}, nil
	}
	return tn, q, nil, nil
}

// awaitsAnswer reports whether a message from the person would be taken
// as an answer, and to which question (nil when the question is gone from
// the notes). It follows message without changing anything.
func (b *Bot) awaitsAnswer(ctx context.Context, tn *turn) (*bank.Question, bool, error) {
	if s, ok, err := b.activeSession(ctx, tn); err != nil || ok {
		if err != nil || s.Index >= len(s.Questions) {
			return nil, ok, err
		}
		q, _ := b.bank.Lookup(s.Questions[s.Index])
		return q, true, nil
	}
	if tn.ev.ReplyTo != "" {
		m, err := b.store.QuestionMessage(ctx, tn.chat.Key, tn.ev.ReplyTo)
		switch {
		case err == nil && (m.UserKey == "" || m.UserKey == tn.user.Key):
			q, _ := b.bank.Lookup(m.QuestionID)
			return q, true, nil
		case err != nil && !errors.Is(err, bot.ErrNotFound):
			return nil, false, fmt.Errorf("look up replied message: %w", err)
		}
	}
	_, q, ok, err := b.openQuestion(ctx, tn, "")
	return q, ok, err
}

// priorHeard is the spoken answer recorded from a message delivered again.
func priorHeard(prior *bot.Attempt) *heardAnswer {
	if prior == nil || prior.Spoken == nil {
		return nil
	}
	return &heardAnswer{transcript: prior.Reply, spoken: *prior.Spoken}
}

// hear is the second step: it downloads the recording and has it
// transcribed. On failure it returns the replies that say why.
func (b *Bot) hear(ctx context.Context, tn *turn, q *bank.Question, m *bot.Media) (*heardAnswer, []bot.Reply) {
	data, err := b.download(ctx, m)
	switch {
	case errors.Is(err, bot.ErrMediaTooLarge):
		return nil, []bot.Reply{b.tooLarge(tn)}
	case err != nil:
		b.log.WarnContext(ctx, "download recording", "chat", tn.chat.Key, "media", m.Kind, "err", err)
		return nil, []bot.Reply{voiceNote(tn, tn.t("voice.not_transcribed"))}
	}
	dur := m.Duration
	if dur <= 0 {
		dur, _ = speech.Duration(data)
	}
	if dur > b.cfg.Voice.MaxDuration {
		return nil, []bot.Reply{b.tooLong(tn, dur)}
	}
	start := b.now()
	tr, err := b.cfg.Transcriber.Transcribe(ctx, speech.Audio{Data: data, Name: m.Name, MIME: m.MIME, Language: b.speechLanguage(q)})
	if err != nil {
		b.log.WarnContext(ctx, "transcribe recording", "chat", tn.chat.Key, "media", m.Kind, "bytes", len(data), "took", b.now().Sub(start), "err", err)
		if errors.Is(err, speech.ErrRejected) {
			return nil, []bot.Reply{voiceNote(tn, tn.t("voice.rejected"))}
		}
		return nil, []bot.Reply{voiceNote(tn, tn.t("voice.not_transcribed"))}
	}
	if textnorm.Compact(tr.Text) == "" {
		return nil, []bot.Reply{voiceNote(tn, tn.t("voice.heard_nothing"))}
	}
	if textnorm.Compact(speech.StripFillers(tr.Text, b.cfg.Voice.Fillers)) == "" {
		return nil, []bot.Reply{voiceNote(tn, tn.t("voice.only_fillers"))}
	}
	if dur <= 0 {
		dur = tr.Duration
	}
	d := speech.Analyze(tr, dur, speech.Options{Fillers: b.cfg.Voice.Fillers, LongPause: b.cfg.Voice.LongPause})
	return &heardAnswer{transcript: tr.Text, spoken: spokenFrom(m.Kind, d)}, nil
}

// download reads a recording through the adapter, up to the size limit.
func (b *Bot) download(ctx context.Context, m *bot.Media) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, b.cfg.Voice.FetchTimeout)
	defer cancel()
	rc, err := m.Open(ctx)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var buf bytes.Buffer
	if m.Size > 0 && m.Size <= b.cfg.Voice.MaxBytes {
		buf.Grow(int(m.Size) + bytes.MinRead) // one allocation when the platform told the size
	}
	if _, err := buf.ReadFrom(io.LimitReader(rc, b.cfg.Voice.MaxBytes+1)); err != nil {
		return nil, fmt.Errorf("read recording: %w", err)
	}
	data := buf.Bytes()
	if int64(len(data)) > b.cfg.Voice.MaxBytes {
		return nil, fmt.Errorf("recording over %d bytes: %w", b.cfg.Voice.MaxBytes, bot.ErrMediaTooLarge)
	}
	if len(data) == 0 {
		return nil, errors.New("empty recording")
	}
	return data, nil
}

// answerSpoken is the third step: the transcript, without its fillers, is
// handled as the answer the person typed.
func (b *Bot) answerSpoken(ctx context.Context, ev bot.Event, heard *heardAnswer) []bot.Reply {
	ev.Text = speech.StripFillers(heard.transcript, b.cfg.Voice.Fillers)
	defer b.serialize(ev.Chat.Key(), ev.User.Key())()
	tn, err := b.begin(ctx, ev)
	if err == nil {
		tn.voice = heard
		var replies []bot.Reply
		if replies, err = b.message(ctx, tn); err == nil {
			return replies
		}
	}
	b.log.ErrorContext(ctx, "handle spoken answer", "chat", ev.Chat.Key(), "user", ev.User.Key(), "err", err)
	return []bot.Reply{errorReply(b.cfg.Lang)}
}

// speechLanguage is the language to transcribe an answer to q in.
func (b *Bot) speechLanguage(q *bank.Question) string {
	switch l := b.cfg.Voice.Language; l {
	case "auto":
		return ""
	case "":
		if q == nil {
			return ""
		}
		if speech.UnitOf(q.Prompt+"\n"+q.Answer.Text) == speech.Chars {
			return "zh"
		}
		return "en"
	default:
		return l
	}
}

// attemptReply is the text an attempt keeps: what was typed, or for a
// spoken answer what was heard (its fillers included).
func attemptReply(tn *turn, text string) string {
	if tn.voice != nil {
		text = tn.voice.transcript
	}
	return clipRunes(strings.ToValidUTF8(text, "\uFFFD"), grade.MaxReplyRunes)
}

// attemptSpoken is the delivery an attempt keeps, nil for a typed answer.
func attemptSpoken(tn *turn) *bot.Spoken {
	if tn.voice == nil {
		return nil
	}
	s := tn.voice.spoken
	return &s
}

// voiceNote is a short reply about a message that was not taken as an
// answer (or not yet): the question stays open.
func voiceNote(tn *turn, text string) bot.Reply {
	return bot.Reply{Text: bot.TextOf(text), Private: tn.chat.Kind != bot.Private, ReplyTo: tn.ev.MessageID, Kind: bot.KindError}
}

// notAnAnswer answers a sticker, a photo or a file sent while a question
// is open: answers are typed, or spoken when voice answers are on.
func (b *Bot) notAnAnswer(tn *turn) bot.Reply {
	if b.cfg.Transcriber == nil {
		return voiceNote(tn, tn.t("voice.typed_only"))
	}
	return voiceNote(tn, tn.t("voice.typed_or_spoken"))
}

func (b *Bot) tooLong(tn *turn, d time.Duration) bot.Reply {
	return voiceNote(tn, tn.t("voice.too_long", formatDuration(tn, d), formatDuration(tn, b.cfg.Voice.MaxDuration)))
}

func (b *Bot) tooLarge(tn *turn) bot.Reply {
	return voiceNote(tn, tn.t("voice.too_large", b.cfg.Voice.MaxBytes>>20))
}
