package engine

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/chart"
)

// historyLength is how many past sessions the progress chart shows.
const historyLength = 20

// reportCard is the end of a session: per question coverage, follow-up and
// time, the weakest key points, what to review next, and a chart — a PNG
// on chat platforms, a text table in the terminal.
func (b *Bot) reportCard(ctx context.Context, tn *turn, s bot.Session) (bot.Reply, error) {
	var t bot.Text
	answered, sum, total := 0, 0.0, 0
	for _, it := range s.Items {
		total += it.Seconds
		if !it.Skipped {
			answered++
		}
		sum += it.Coverage
	}
	avg := 0.0
	if len(s.Items) > 0 {
		avg = sum / float64(len(s.Items))
	}
	t.Add(bot.B(tn.t("report.interview_report_n_questions", len(s.Items))))
	t.Add(bot.P(tn.t("report.average_coverage_n_n",
		percent(avg), answered, formatDuration(tn, time.Duration(total)*time.Second), formatDuration(tn, b.cfg.AnswerTarget))))
	if len(s.Items) < len(s.Questions) {
		t.Add(bot.I(tn.t("report.ended_early_n_were", len(s.Questions))))
	}
	t.Blank()
	missedOrder := b.reportItems(tn, s, &t)
	if len(missedOrder) > 0 {
		t.Blank()
		t.Add(bot.B(tn.t("report.weakest_key_points")), bot.P(strings.Join(missedOrder, tn.t("list.sep"))))
	}
	if next := b.reviewNext(ctx, tn, s); next != "" {
		t.Add(bot.B(tn.t("report.review_next")), bot.P(next))
	}
	if err := b.addSessionDelivery(ctx, tn, s, &t); err != nil {
		b.log.ErrorContext(ctx, "report delivery", "err", err) // the report stands without it
	}
	history, err := b.sessionHistory(ctx, tn.user.Key)
	if err != nil {
		return bot.Reply{}, err
	}
	bars := chart.Series{Title: "chart.per_question"}
	for i, it := range s.Items {
		bars.Labels = append(bars.Labels, fmt.Sprintf("Q%d", i+1))
		bars.Values = append(bars.Values, float64(percent(it.Coverage)))
	}
	r := bot.Reply{Text: t, Kind: bot.KindFeedback}
	if !b.caps(tn.chat.Platform).Attachments {
		r.Text = append(r.Text, textChart(tn, bars, history)...)
		return r, nil
	}
	png, err := b.cfg.Charts.PNG(tn.lang, bars, history)
	if err != nil {
		b.log.ErrorContext(ctx, "draw report chart", "err", err)
		return r, nil // the report stands without its picture
	}
	r.Attachment = &bot.Attachment{Name: "interview-report.png", MIME: "image/png", Data: png, Unsent: tn.t("report.chart_not_sent")}
	return r, nil
}

// reportItems adds a line per question of the session to t (coverage,
// time, follow-up) and returns the weakest key points: the five missed
// most often, a point a follow-up then covered left out.
func (b *Bot) reportItems(tn *turn, s bot.Session, t *bot.Text) []string {
	missedCount := map[string]int{}
	var missedOrder []string
	noteMissed := func(p string) {
		if missedCount[p] == 0 {
			missedOrder = append(missedOrder, p)
		}
		missedCount[p]++
	}
	for i, it := range s.Items {
		t.Add(bot.P(b.reportLine(tn, i, it)))
		fu := it.FollowUp
		if fu != nil && (fu.Skipped || fu.Coverage < 0.5) {
			noteMissed(fu.Point)
		}
		if it.Skipped {
			continue
		}
		for _, m := range it.Missed {
			// A point the follow-up then covered is not a weak one.
			if fu != nil && fu.Point == m && !fu.Skipped && fu.Coverage >= 0.5 {
				continue
			}
			noteMissed(m)
		}
	}
	sort.SliceStable(missedOrder, func(i, j int) bool { return missedCount[missedOrder[i]] > missedCount[missedOrder[j]] })
	if len(missedOrder) > 5 {
		missedOrder = missedOrder[:5]
	}
	return missedOrder
}

// reportLine is the report's line for the i-th question of a session.
func (b *Bot) reportLine(tn *turn, i int, it bot.SessionItem) string {
	prompt := it.QuestionID
	if q, ok := b.bank.Lookup(it.QuestionID); ok {
		prompt = firstLineOf(q.Prompt, 28)
	}
	line := fmt.Sprintf("%d. %s — ", i+1, prompt)
	switch {
	case it.Skipped:
		line += tn.t("report.skipped")
	case it.Untimed:
		line += fmt.Sprintf("%d%%", percent(it.Coverage)) + tn.t("interview.untimed")
	default:
		line += fmt.Sprintf("%d%% · %s", percent(it.Coverage), formatDuration(tn, time.Duration(it.Seconds)*time.Second))
	}
	if !it.Skipped && time.Duration(it.Seconds)*time.Second > b.cfg.AnswerTarget {
		line += " ⚠️"
	}
	if fu := it.FollowUp; fu != nil {
		if fu.Skipped {
			line += tn.t("report.follow_up_x_skipped", fu.Point)
		} else {
			line += tn.t("report.follow_up_x_n", fu.Point, percent(fu.Coverage))
		}
	}
	return line
}

// lastReport answers /report: the report of the person's last finished
// mock interview again (its picture may not have arrived). While one runs
// it says so instead: that one's report comes with /end.
func (b *Bot) lastReport(ctx context.Context, tn *turn) ([]bot.Reply, error) {
	if s, ok, err := b.activeSession(ctx, tn); err != nil {
		return nil, err
	} else if ok {
		left := len(s.Questions) - s.Index
		return []bot.Reply{{Text: bot.TextOf(tn.t("report.interview_running_n", left, s.Index+1, len(s.Questions)))}}, nil
	}
	all, err := b.store.Sessions(ctx, tn.user.Key)
	if err != nil {
		return nil, fmt.Errorf("load sessions: %w", err)
	}
	for i := len(all) - 1; i >= 0; i-- {
		if s := all[i]; s.Done && len(s.Items) > 0 {
			r, err := b.reportCard(ctx, tn, s)
			if err != nil {
				return nil, err
			}
			r.Private = tn.chat.Kind != bot.Private
			return []bot.Reply{r}, nil
		}
	}
	return []bot.Reply{{Text: bot.TextOf(tn.t("report.none_yet")), Private: tn.chat.Kind != bot.Private}}, nil
}

// reviewNext lists the session's weakest questions with when they come
// back (the spaced-repetition schedule the answers fed).
func (b *Bot) reviewNext(ctx context.Context, tn *turn, s bot.Session) string {
	items := append([]bot.SessionItem(nil), s.Items...)
	sort.SliceStable(items, func(i, j int) bool { return items[i].Coverage < items[j].Coverage })
	loc := b.zoneFor(tn.chat, tn.user)
	var parts []string
	for _, it := range items {
		if len(parts) == 3 || it.Coverage >= 0.85 {
			break
		}
		q, ok := b.bank.Lookup(it.QuestionID)
		if !ok {
			continue
		}
		c, err := b.cardFor(ctx, tn.user.Key, q)
		if err != nil || c.Attempts == 0 {
			continue
		}
		parts = append(parts, tn.t("report.review_item", firstLineOf(q.Prompt, 20), formatWhen(tn, c.Card.Due, tn.now, loc)))
	}
	return strings.Join(parts, tn.t("list.sep"))
}

// sessionHistory is the average coverage of the person's finished
// sessions, oldest first, as a chart series.
func (b *Bot) sessionHistory(ctx context.Context, userKey string) (chart.Series, error) {
	all, err := b.store.Sessions(ctx, userKey)
	if err != nil {
		return chart.Series{}, fmt.Errorf("load sessions: %w", err)
	}
	h := chart.Series{Title: "chart.per_interview"}
	for _, s := range all {
		if !s.Done || len(s.Items) == 0 {
			continue
		}
		sum := 0.0
		for _, it := range s.Items {
			sum += it.Coverage
		}
		h.Labels = append(h.Labels, s.Started.Format("01-02"))
		h.Values = append(h.Values, float64(percent(sum/float64(len(s.Items)))))
	}
	if n := len(h.Values); n > historyLength {
		h.Labels, h.Values = h.Labels[n-historyLength:], h.Values[n-historyLength:]
	}
	return h, nil
}

// textChart draws the series as text bars, for the terminal.
func textChart(tn *turn, series ...chart.Series) bot.Text {
	var t bot.Text
	for _, s := range series {
		if len(s.Values) == 0 {
			continue
		}
		t.Blank()
		t.Add(bot.B(tn.t(s.Title)))
		for i, v := range s.Values {
			n := int(v/10 + 0.5)
			t.Add(bot.C(fmt.Sprintf("%-6s %s%s %3.0f%%", s.Labels[i], strings.Repeat("█", n), strings.Repeat("░", 10-n), v)))
		}
	}
	return t
}

// progressChart answers the chart button under /stats: coverage per day
// over the last 30 days and per interview session.
func (b *Bot) progressChart(ctx context.Context, tn *turn) ([]bot.Reply, error) {
	atts, err := b.store.Attempts(ctx, tn.user.Key)
	if err != nil {
		return nil, fmt.Errorf("load attempts: %w", err)
	}
	loc := b.zoneFor(tn.chat, tn.user)
	since := tn.now.AddDate(0, 0, -30)
	type day struct {
		sum float64
		n   int
	}
	days := map[string]*day{}
	var order []string
	for _, a := range atts {
		if a.Kind != bot.AttemptAnswer || a.Time.Before(since) {
			continue
		}
		k := a.Time.In(loc).Format("01-02")
		if days[k] == nil {
			days[k] = &day{}
			order = append(order, k)
		}
		days[k].sum += a.Coverage
		days[k].n++
	}
	daily := chart.Series{Title: "chart.per_day"}
	for _, k := range order {
		daily.Labels = append(daily.Labels, k)
		daily.Values = append(daily.Values, float64(percent(days[k].sum/float64(days[k].n))))
	}
	history, err := b.sessionHistory(ctx, tn.user.Key)
	if err != nil {
		return nil, err
	}
	r := bot.Reply{Text: bot.TextOf(tn.t("report.progress_average_coverage_per")), Private: true}
	if !b.caps(tn.chat.Platform).Attachments {
		r.Text = append(r.Text, textChart(tn, daily, history)...)
		return []bot.Reply{r}, nil
	}
	png, err := b.cfg.Charts.PNG(tn.lang, daily, history)
	if err != nil {
		return nil, err
	}
	r.Attachment = &bot.Attachment{Name: "progress.png", MIME: "image/png", Data: png, Unsent: tn.t("report.progress_chart_not_sent")}
	return []bot.Reply{r}, nil
}
