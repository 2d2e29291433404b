package engine

import (
	"fmt"
	"strings"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/speech"
)

// addDelivery adds to a spoken answer's feedback how it was said: its
// length against the soft target, the pace, the filler words, the long
// pauses, and the transcript behind a spoiler, so the person can check
// what was heard (a misheard word costs coverage).
func (b *Bot) addDelivery(tn *turn, t *bot.Text) {
	if tn.voice == nil {
		return
	}
	s := tn.voice.spoken
	t.Blank()
	t.Add(bot.B(tn.t("voice.delivery")))
	// The length is unknown only when neither the platform, the file nor
	// the endpoint told it (an MP3 sent as a file to a terse endpoint):
	// then there is no rate either, only counts.
	timed := s.Seconds > 0
	if timed {
		length := time.Duration(s.Seconds * float64(time.Second))
		if over := length - b.cfg.AnswerTarget; over > 0 {
			t.Add(bot.P(tn.t("voice.length_over", formatDuration(tn, length), formatDuration(tn, over), formatDuration(tn, b.cfg.AnswerTarget))))
		} else {
			t.Add(bot.P(tn.t("voice.length_within", formatDuration(tn, length), formatDuration(tn, b.cfg.AnswerTarget))))
		}
		t.Add(bot.P(tn.t("voice.pace", rateText(tn, s)) + paceNote(tn, s)))
	}
	switch {
	case s.Fillers == 0:
		t.Add(bot.P(tn.t("voice.no_fillers")))
	case !timed:
		t.Add(bot.P(tn.t("voice.fillers_counted", s.Fillers, topFillersText(tn, s.TopFillers))))
	default:
		line := tn.t("voice.fillers", fillerRateText(tn, s), topFillersText(tn, s.TopFillers))
		if s.FillersPerMinute >= 4 {
			line += tn.t("voice.fillers_hint")
		}
		t.Add(bot.P(line))
	}
	switch {
	case !s.Timed:
	case s.LongPauses == 0:
		t.Add(bot.P(tn.t("voice.no_long_pauses", formatDuration(tn, b.cfg.Voice.LongPause))))
	default:
		t.Add(bot.P(tn.t("voice.long_pauses", s.LongPauses, formatDuration(tn, b.cfg.Voice.LongPause),
			secondsText(s.LongestPause), clockText(s.LongestPauseAt))))
	}
	addTranscript(tn, t)
}

// addTranscript adds what was heard, behind a spoiler; where the platform
// has none (a terminal: nothing to tap), it is shown as it is.
func addTranscript(tn *turn, t *bot.Text) {
	if tn.voice == nil {
		return
	}
	// A transcription service may return bytes that are no text; the
	// grade already says they were ignored.
	heard := strings.ToValidUTF8(tn.voice.transcript, "")
	if !tn.caps.Spoilers {
		t.Add(bot.P(tn.t("voice.transcript_shown")), bot.P(heard))
		return
	}
	t.Add(bot.P(tn.t("voice.transcript")), bot.Span{Text: heard, Style: bot.Spoiler})
}

// deliveryLine is the one-line delivery summary under an answer in a mock
// interview: pace and filler rate.
func deliveryLine(tn *turn, s bot.Spoken) string {
	if s.Seconds <= 0 {
		return "🎙 " + tn.t("voice.fillers_counted", s.Fillers, topFillersText(tn, s.TopFillers))
	}
	return "🎙 " + rateText(tn, s) + " · " + fillerRateText(tn, s)
}

// rateText is the speaking rate with its unit: "212 字/分钟".
func rateText(tn *turn, s bot.Spoken) string {
	n := int(s.PerMinute + 0.5)
	if s.Unit == string(speech.Chars) {
		return tn.t("voice.rate_chars", n)
	}
	return tn.t("voice.rate_words", n)
}

// fillerRateText is the filler rate: "口头禅 4.2 次/分钟".
func fillerRateText(tn *turn, s bot.Spoken) string {
	return tn.t("voice.filler_rate", fmt.Sprintf("%.1f", s.FillersPerMinute))
}

// paceNote says whether the pace is comfortable for a listener.
func paceNote(tn *turn, s bot.Spoken) string {
	lo, hi := speech.PaceRange(speech.Unit(s.Unit))
	switch {
	case s.PerMinute > hi:
		return tn.t("voice.pace_fast")
	case s.PerMinute < lo:
		return tn.t("voice.pace_slow")
	}
	return tn.t("voice.pace_good")
}

// topFillersText lists the most frequent fillers: "然后 ×5、就是 ×3".
func topFillersText(tn *turn, top []bot.FillerCount) string {
	parts := make([]string, 0, len(top))
	for _, f := range top {
		parts = append(parts, fmt.Sprintf("%s ×%d", f.Word, f.Count))
	}
	return strings.Join(parts, tn.t("list.sep"))
}

// secondsText writes a short length with one decimal: "4.5s".
func secondsText(sec float64) string { return fmt.Sprintf("%.1fs", sec) }

// clockText writes a place in a recording: "0:42".
func clockText(sec float64) string {
	s := int(sec + 0.5)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
