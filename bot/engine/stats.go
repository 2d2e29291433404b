package engine

import (
	"context"
	"fmt"
	"sort"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot"
)

// progress is a person's standing, computed from their cards and totals
// (not from every attempt, so it stays cheap as history grows).
type progress struct {
	Answered     int
	AvgCoverage  float64
	Streak       int
	Seen, Total  int
	Due          int
	Weakest      []weakQuestion
	WeakestTopic []weakTopic
}

type weakQuestion struct {
	Q        *bank.Question
	Coverage float64
}

type weakTopic struct {
	Topic    string
	Coverage float64
	Count    int
}

func (b *Bot) progress(ctx context.Context, tn *turn) (progress, error) {
	cards, err := b.store.Cards(ctx, tn.user.Key)
	if err != nil {
		return progress{}, fmt.Errorf("load cards: %w", err)
	}
	p := progress{Answered: tn.user.Answered, Total: b.bank.Len()}
	if tn.user.Answered > 0 {
		p.AvgCoverage = tn.user.CoverageSum / float64(tn.user.Answered)
	}
	p.Streak = currentStreak(tn.user, localDay(tn.now, b.zoneFor(tn.chat, tn.user)))
	topics := map[string]*weakTopic{}
	seen := map[string]bool{}
	for _, c := range cards {
		q, ok := b.bank.Lookup(c.QuestionID)
		if !ok || seen[q.ID] || c.Attempts == 0 {
			continue
		}
		seen[q.ID] = true
		p.Seen++
		if !c.Card.Due.After(tn.now) {
			p.Due++
		}
		if selfRatedQuestion(q) {
			continue // rated by the person, never graded: no coverage to rank
		}
		if percent(c.LastCoverage) < 100 {
			p.Weakest = append(p.Weakest, weakQuestion{q, c.LastCoverage})
		}
		name := q.DisplayTopic(tn.t("topic.unsorted"))
		wt := topics[name]
		if wt == nil {
			wt = &weakTopic{Topic: name}
			topics[name] = wt
		}
		wt.Coverage += c.LastCoverage
		wt.Count++
	}
	sort.SliceStable(p.Weakest, func(i, j int) bool { return p.Weakest[i].Coverage < p.Weakest[j].Coverage })
	if len(p.Weakest) > 3 {
		p.Weakest = p.Weakest[:3]
	}
	for _, wt := range topics {
		wt.Coverage /= float64(wt.Count)
		if percent(wt.Coverage) < 100 {
			p.WeakestTopic = append(p.WeakestTopic, *wt)
		}
	}
	sort.Slice(p.WeakestTopic, func(i, j int) bool {
		if p.WeakestTopic[i].Coverage != p.WeakestTopic[j].Coverage {
			return p.WeakestTopic[i].Coverage < p.WeakestTopic[j].Coverage
		}
		return p.WeakestTopic[i].Topic < p.WeakestTopic[j].Topic
	})
	if len(p.WeakestTopic) > 2 {
		p.WeakestTopic = p.WeakestTopic[:2]
	}
	return p, nil
}

func (b *Bot) stats(ctx context.Context, tn *turn) ([]bot.Reply, error) {
	p, err := b.progress(ctx, tn)
	if err != nil {
		return nil, err
	}
	var t bot.Text
	t.Add(bot.B(tn.t("stats.progress")))
	t.Add(bot.P(tn.t("stats.answered_n_times_average", p.Answered, percent(p.AvgCoverage), p.Streak)))
	t.Add(bot.P(tn.t("stats.practised_n_n_questions", p.Seen, p.Total, p.Due)))
	if len(p.Weakest) > 0 {
		t.Blank()
		t.Add(bot.B(tn.t("stats.weakest_questions")))
		for _, w := range p.Weakest {
			t.Add(bot.P(fmt.Sprintf("• %d%% ", percent(w.Coverage))), bot.P(firstLineOf(w.Q.Prompt, 40)))
		}
	}
	if len(p.WeakestTopic) > 0 {
		t.Add(bot.B(tn.t("stats.weakest_topics")))
		for _, w := range p.WeakestTopic {
			t.Add(bot.P(fmt.Sprintf("• %s %d%%", w.Topic, percent(w.Coverage))))
		}
	}
	b.addVoiceTrend(tn, &t)
	row := []bot.Button{{Label: tn.t("stats.progress_chart"), Action: "chart"}}
	if p.Due > 0 {
		row = append([]bot.Button{{Label: tn.t("stats.review_now"), Action: "next"}}, row...)
	}
	buttons := [][]bot.Button{row}
	return []bot.Reply{{Text: t, Buttons: buttons, Private: tn.chat.Kind != bot.Private}}, nil
}

// firstLineOf returns the first line of s, cut to n characters.
func firstLineOf(s string, n int) string {
	for i, r := range s {
		if r == '\n' {
			s = s[:i]
			break
		}
	}
	rs := []rune(s)
	if len(rs) > n {
		return string(rs[:n-1]) + "…"
	}
	return s
}
