package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/interviewbot/interviewbot/bot"
)

// trendWindow is how many spoken answers make "now" in a trend, and how
// many before them make "before".
const trendWindow = 5

// sparkLength is how many answers a sparkline shows.
const sparkLength = 12

// addVoiceTrend adds the trends of spoken answers to /stats: their coverage
// beside typed answers', and the filler rate and the pace over time (the
// latest answers as a sparkline, the recent average against the one
// before). It reads the person's summary, not their attempts. People who
// never answered aloud see nothing of it.
func (b *Bot) addVoiceTrend(tn *turn, t *bot.Text) {
	tr := tn.user.Spoken
	if tr == nil || tr.Count == 0 {
		return
	}
	t.Blank()
	t.Add(bot.B(tn.t("voice.trend_title", tr.Count)))
	if typed := tn.user.Answered - tr.Graded; tr.Graded > 0 && typed > 0 {
		typedCov := (tn.user.CoverageSum - tr.CoverageSum) / float64(typed)
		t.Add(bot.P(tn.t("voice.trend_coverage", percent(tr.CoverageSum/float64(tr.Graded)), percent(typedCov))))
	}
	if len(tr.Recent) == 0 {
		return // no recording of a known length yet
	}
	fillers := make([]float64, len(tr.Recent))
	for i, p := range tr.Recent {
		fillers[i] = p.FillersPerMinute
	}
	now, before := windows(fillers)
	change := ""
	if before >= 0 {
		change = tn.t("voice.trend_change", fmt.Sprintf("%.1f", before))
	}
	t.Add(bot.P(tn.t("voice.trend_fillers", sparkline(fillers)+" "+fmt.Sprintf("%.1f", now), change)))
	// Pace is compared within one unit: the latest answer's.
	unit := tr.Recent[len(tr.Recent)-1].Unit
	var paces []float64
	for _, p := range tr.Recent {
		if p.Unit == unit {
			paces = append(paces, p.PerMinute)
		}
	}
	now, before = windows(paces)
	change = ""
	if before >= 0 {
		change = tn.t("voice.trend_change", rateText(tn, bot.Spoken{Unit: unit, PerMinute: before}))
	}
	t.Add(bot.P(tn.t("voice.trend_pace", sparkline(paces)+" "+rateText(tn, bot.Spoken{Unit: unit, PerMinute: now}), change)))
}

// windows returns the average of the last trendWindow values and of the
// trendWindow before them (-1 when there are none).
func windows(vs []float64) (now, before float64) {
	avg := func(xs []float64) float64 {
		if len(xs) == 0 {
			return -1
		}
		sum := 0.0
		for _, x := range xs {
			sum += x
		}
		return sum / float64(len(xs))
	}
	cut := max(0, len(vs)-trendWindow)
	return avg(vs[cut:]), avg(vs[max(0, cut-trendWindow):cut])
}

// sparkline draws the last values as block characters, lowest to highest.
func sparkline(vs []float64) string {
	if len(vs) > sparkLength {
		vs = vs[len(vs)-sparkLength:]
	}
	const bars = "▁▂▃▄▅▆▇█"
	runes := []rune(bars)
	lo, hi := vs[0], vs[0]
	for _, v := range vs {
		lo, hi = min(lo, v), max(hi, v)
	}
	var b strings.Builder
	for _, v := range vs {
		i := len(runes) / 2
		if hi > lo {
			i = int((v - lo) / (hi - lo) * float64(len(runes)-1))
		}
		b.WriteRune(runes[i])
	}
	return b.String()
}

// addSessionDelivery adds to an interview report how its spoken answers
// were delivered, against the last interview answered aloud. It reads the
// sessions' own attempts, one by one.
func (b *Bot) addSessionDelivery(ctx context.Context, tn *turn, s bot.Session, t *bot.Text) error {
	this, err := b.sessionSpoken(ctx, tn.user.Key, s)
	if err != nil || this.n == 0 {
		return err
	}
	t.Add(bot.P(tn.t("voice.report_line", this.n, rateText(tn, this.avg), fillerRateText(tn, this.avg))))
	all, err := b.store.Sessions(ctx, tn.user.Key)
	if err != nil {
		return fmt.Errorf("load sessions: %w", err)
	}
	for i := len(all) - 1; i >= 0; i-- {
		prev := all[i]
		if prev.ID == s.ID || !prev.Done {
			continue
		}
		p, err := b.sessionSpoken(ctx, tn.user.Key, prev)
		if err != nil {
			return err
		}
		if p.n > 0 {
			t.Add(bot.P(tn.t("voice.report_previous", rateText(tn, p.avg), fillerRateText(tn, p.avg))))
			break
		}
	}
	return nil
}

// spokenSummary is the average delivery of a session's spoken answers.
type spokenSummary struct {
	n   int
	avg bot.Spoken // Unit, PerMinute and FillersPerMinute
}

// sessionSpoken averages the delivery of a session's spoken answers; the
// pace only over those in the first spoken answer's unit.
func (b *Bot) sessionSpoken(ctx context.Context, userKey string, s bot.Session) (spokenSummary, error) {
	var sum spokenSummary
	paces := 0
	for _, it := range s.Items {
		if it.AttemptID == 0 || it.Skipped {
			continue
		}
		att, err := b.store.Attempt(ctx, userKey, it.AttemptID)
		switch {
		case errors.Is(err, bot.ErrNotFound):
			continue
		case err != nil:
			return sum, fmt.Errorf("load attempt: %w", err)
		case att.Spoken == nil:
			continue
		}
		sp := att.Spoken
		if sum.n == 0 {
			sum.avg.Unit = sp.Unit
		}
		sum.n++
		sum.avg.FillersPerMinute += sp.FillersPerMinute
		if sp.Unit == sum.avg.Unit {
			paces++
			sum.avg.PerMinute += sp.PerMinute
		}
	}
	if sum.n > 0 {
		sum.avg.FillersPerMinute /= float64(sum.n)
		sum.avg.PerMinute /= float64(paces)
	}
	return sum, nil
}
