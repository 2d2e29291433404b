package engine

import (
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/speech"
)

// recentSpoken is how many spoken answers a trend keeps.
const recentSpoken = 12

// noteSpoken adds a spoken answer to the person's trend: its delivery,
// and its coverage when it was graded.
func noteSpoken(u *bot.UserRecord, tn *turn, coverage float64, graded bool) {
	if tn.voice == nil {
		return
	}
	tr := bot.SpokenTrend{}
	if u.Spoken != nil {
		tr = *u.Spoken
		tr.Recent = append([]bot.SpokenPoint(nil), tr.Recent...)
	}
	tr.Count++
	if graded {
		tr.Graded++
		tr.CoverageSum += coverage
	}
	s := tn.voice.spoken
	if s.Seconds <= 0 {
		u.Spoken = &tr // no length, no rates to follow
		return
	}
	tr.Recent = append(tr.Recent, bot.SpokenPoint{Unit: s.Unit, PerMinute: s.PerMinute, FillersPerMinute: s.FillersPerMinute})
	if n := len(tr.Recent); n > recentSpoken {
		tr.Recent = tr.Recent[n-recentSpoken:]
	}
	u.Spoken = &tr
}

// spokenFrom records the delivery figures of a recording.
func spokenFrom(kind bot.MediaKind, d speech.Delivery) bot.Spoken {
	s := bot.Spoken{
		Media: kind, Seconds: round2(d.Duration.Seconds()), Unit: string(d.Unit), Units: d.Units,
		PerMinute: round2(d.PerMinute), Fillers: d.Fillers, FillersPerMinute: round2(d.FillersPerMinute),
		Timed: d.Timed, LongPauses: len(d.Pauses),
	}
	for _, f := range d.TopFillers {
		s.TopFillers = append(s.TopFillers, bot.FillerCount{Word: f.Word, Count: f.Count})
	}
	for _, p := range d.Pauses {
		if l := p.Length.Seconds(); l > s.LongestPause {
			s.LongestPause, s.LongestPauseAt = round2(l), round2(p.At.Seconds())
		}
	}
	return s
}

func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }
