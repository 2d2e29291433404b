package engine

import (
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/bot"
)

// review applies a rating to a card at now.
func (b *Bot) review(card fsrs.Card, now time.Time, rating grade.Rating) fsrs.Card {
	return fsrs.NewFSRS(b.params).Next(card, now, fsrs.Rating(rating)).Card
}

// localDay returns the date of t in loc as YYYY-MM-DD.
func localDay(t time.Time, loc *time.Location) string { return t.In(loc).Format(time.DateOnly) }

// updateStreak counts consecutive local days with an answer.
func updateStreak(u *bot.UserRecord, today string) {
	switch u.LastDay {
	case today:
		return
	case previousDay(today):
		u.Streak++
	default:
		u.Streak = 1
	}
	u.LastDay = today
}

func previousDay(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 0, -1).Format(time.DateOnly)
}

// currentStreak is the streak as of today: it lapses after a day without
// an answer.
func currentStreak(u bot.UserRecord, today string) int {
	if u.LastDay == today || u.LastDay == previousDay(today) {
		return u.Streak
	}
	return 0
}
