package engine

import (
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/chart"
)

// Charter draws the picture of a report or of progress: a bar chart above
// a line chart, values 0–100, words in lang where the font can draw them.
type Charter interface {
	PNG(lang string, bars, line chart.Series) ([]byte, error)
}

// chartFunc is a function that draws charts, as a Charter.
type chartFunc func(lang string, bars, line chart.Series) ([]byte, error)

// PNG calls f.
func (f chartFunc) PNG(lang string, bars, line chart.Series) ([]byte, error) {
	return f(lang, bars, line)
}

// noObserver measures nothing.
type noObserver struct{}

func (noObserver) EventHandled(bot.Platform, string, time.Duration, int) {}
func (noObserver) Throttled(bot.Platform)                                {}
func (noObserver) PushSent(bot.Platform, time.Duration)                  {}
func (noObserver) PushFailed(bot.Platform, string)                       {}

// caps returns the capabilities of a platform: those declared for it, else
// the zero Capabilities.
func (b *Bot) caps(p bot.Platform) bot.Capabilities {
	return b.cfg.Capabilities[p]
}
